// getWeights()/setWeights(): copies of the parameters in TensorFlow.js order and layout
// (kernel [in, out] row-major, then bias; the non-trainable weights after every trainable one), checked in full before anything is written.
import { counted, DataError, ShapeError } from "../core/errors.js";
import type { Model } from "./model.js";

export type WeightsInput = { shape?: number[]; data: ArrayLike<number> }[] | ArrayLike<number>[];

/** Copies of every parameter, layer by layer. */
export function getWeights(model: Model): { shape: number[]; data: Float32Array }[] {
  const f32 = model.ready().heap.f32;
  return model.weights().map((p) => ({ shape: p.shape, data: f32.slice(p.value >>> 2, (p.value >>> 2) + p.size) }));
}

/** Replace every parameter; counts, shapes and values are checked before anything is written. */
export function setWeights(model: Model, weights: WeightsInput): void {
  const engine = model.ready();
  const params = model.weights();
  const arrays = weights.map((w) => ("data" in (w as object) ? (w as { data: ArrayLike<number> }).data : (w as ArrayLike<number>)));
  if (arrays.length !== params.length) {
    throw new ShapeError(`setWeights: got ${counted(arrays.length, "array")} but ${model.name} has ${params.length} (${params.map((p) => p.name).join(", ")})`);
  }
  params.forEach((p, i) => {
    const shape = (weights[i] as { shape?: number[] }).shape;
    if (shape && (shape.length !== p.shape.length || shape.some((d, j) => d !== p.shape[j]))) {
      throw new ShapeError(`setWeights: ${p.name} has shape [${p.shape}] but was given shape [${shape}]; kernels are [inputs, units]`);
    }
    if (arrays[i].length !== p.size) throw new ShapeError(`setWeights: ${p.name} needs ${counted(p.size, "value")} [${p.shape}], got ${arrays[i].length}`);
    for (let j = 0; j < arrays[i].length; j++) {
      if (!Number.isFinite(arrays[i][j])) throw new DataError(`setWeights: ${p.name}[${j}] is ${arrays[i][j]}; weights must be finite`);
    }
  });
  const f32 = engine.heap.f32;
  params.forEach((p, i) => f32.set(arrays[i], p.value >>> 2));
}
