// Wrappers for assembly/metrics.ts, gather.ts, random.ts#sampleIndices and the oneHot kernel:
// argmax, accuracy counts, one-hot targets and minibatches gathered inside WASM. An omitted
// `out` means a new Tensor or Indices, owned by the caller.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import type { Tensor } from "../core/tensor.js";
import type { DeviceInputs } from "../data/inputs.js";
import { gatherInputs } from "../data/batches.js";
import { ShapeError } from "../core/errors.js";
import { Indices } from "./indices.js";
import { expectShape, output, sameShape } from "./shape.js";

function indicesOut(op: string, out: Indices | undefined, length: number, engine: Engine): Indices {
  if (out === undefined) return Indices.zeros(length, engine);
  if (out.length !== length) throw new ShapeError(`${op}: out holds ${out.length} indices, expected ${length}`);
  return out;
}

/** out[r] = the column of the largest x[r, c] (the first on ties): np.argmax(x, axis=1). */
export function argmaxRows(x: Tensor, out?: Indices): Indices {
  const o = indicesOut("argmaxRows", out, x.rows, x.engine);
  if (x.cols > 0) x.engine.k.argmaxRows(x.ptr, o.ptr, x.rows, x.cols);
  return o;
}

/** Rows of a whose argmax equals the integer label. */
export function countCorrectSparse(a: Tensor, labels: Indices): number {
  expectShape("countCorrectSparse", "a", a, labels.length, a.cols, "one row per label");
  return a.engine.k.countCorrectSparse(a.ptr, labels.ptr, a.rows, a.cols);
}

/** Rows of a whose argmax equals the argmax of the one-hot target row. */
export function countCorrectOneHot(a: Tensor, y: Tensor): number {
  sameShape("countCorrectOneHot", "a", a, "y", y);
  return a.engine.k.countCorrectOneHot(a.ptr, y.ptr, a.rows, a.cols);
}

/** Elements where (a > 0.5) equals (y > 0.5): binary accuracy counts. */
export function countCorrectBinary(a: Tensor, y: Tensor): number {
  sameShape("countCorrectBinary", "a", a, "y", y);
  return a.engine.k.countCorrectBinary(a.ptr, y.ptr, a.size);
}

/** out (labels × classes) = one-hot rows of the integer labels. */
export function oneHot(labels: Indices, classes: number, out?: Tensor): Tensor {
  labels.assertBelow("oneHot", classes, "the number of classes");
  const o = output("oneHot", out, labels.length, classes, labels, "one row per label, one column per class");
  labels.engine.k.oneHot(labels.ptr, o.ptr, labels.length, classes);
  return o;
}

/** out[r, :] = src[idx[r], :]: a minibatch built inside WASM from row numbers. */
export function gatherRows(src: Tensor, idx: Indices, out?: Tensor): Tensor {
  idx.assertBelow("gatherRows", src.rows, "src's rows");
  const o = output("gatherRows", out, idx.length, src.cols, src, "one row per index, src's columns");
  src.engine.k.gatherRows(src.ptr, idx.ptr, o.ptr, idx.length, src.cols);
  return o;
}

/** out[r, :] = x[idx[r], :] of uploaded inputs (bytes scaled as uploaded): fit's minibatch gather, on a tensor. */
export function gatherInputRows(x: DeviceInputs, idx: Indices, out?: Tensor): Tensor {
  idx.assertBelow("gatherInputRows", x.rows, "x's rows");
  const o = output("gatherInputRows", out, idx.length, x.cols, idx, "one row per index, x's columns");
  gatherInputs(idx.engine.k, x, idx.ptr, idx.length, o.ptr);
  return o;
}

/** out[r] = labels[idx[r]]: the labels of a gathered minibatch. */
export function gatherIndices(labels: Indices, idx: Indices, out?: Indices): Indices {
  idx.assertBelow("gatherIndices", labels.length, "labels");
  const o = indicesOut("gatherIndices", out, idx.length, labels.engine);
  labels.engine.k.gatherI32(labels.ptr, idx.ptr, o.ptr, idx.length);
  return o;
}

/** out[i] uniform in [0, bound), drawn with replacement (seed 003's np.random.choice). */
export function sampleIndices(rng: Rng, bound: number, out: Indices): Indices {
  if (!(Number.isInteger(bound) && bound >= 1)) throw new ShapeError(`sampleIndices: bound must be an integer ≥ 1, got ${bound}`);
  rng.engine.k.sampleIndices(rng.state, out.ptr, out.length, bound);
  return out;
}
