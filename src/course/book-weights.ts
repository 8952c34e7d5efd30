// Lessons 16–17: each parameter of the book's ConvNets (W1, b1, …: self.params) beside the engine
// weight it is, with the permutation between the two layouts (conv-layout.ts) and, for DeepConvNet's
// last affine, a constant factor (deep-convnet.ts says why). Used to load the book's pickles
// (params.pkl, deep_convnet_params.pkl: dicts of float64 arrays) and to read params/gradients back.
import { DataError, ShapeError } from "../core/errors.js";
import { toFloat32, type NdArray } from "../io/numpy/ndarray.js";
import { loadPickle, type PickleDict } from "../io/numpy/pickle.js";
import { affineRows, kernelFromBook, kernelToBook } from "./conv-layout.js";

/** One of the book's parameters: its key and shape, how it maps to the engine's weight, and the engine's = scale · book's. */
export interface BookWeight {
  key: string;
  /** The book's shape: [FN, C, FH, FW] (conv), [inputs, units] (affine), [units] (bias). */
  shape: number[];
  /** For the affine after the last pooling: the (C, H, W) its rows are flattened from. */
  image?: [number, number, number];
  scale?: number;
}

/** A filter bank and its bias, as the book keys them (W3, b3). */
export const convWeights = (i: number, fn: number, c: number, fh: number, fw: number): BookWeight[] =>
  [{ key: `W${i}`, shape: [fn, c, fh, fw] }, { key: `b${i}`, shape: [fn] }];

/** An affine layer's W and b; `image` when its inputs are a pooled image's (C, H, W). */
export const affineWeights = (i: number, inputs: number, units: number, image?: [number, number, number], scale = [1, 1]): BookWeight[] =>
  [{ key: `W${i}`, shape: [inputs, units], image, scale: scale[0] }, { key: `b${i}`, shape: [units], scale: scale[1] }];

/** The engine's values (TF.js layout) of the book's `values` for `w`. */
export function fromBook(w: BookWeight, values: ArrayLike<number>): Float32Array {
  const s = w.shape, out = s.length === 4 ? kernelFromBook(values, s[0], s[1], s[2], s[3])
    : w.image ? affineRows(values, ...w.image, s[1], true) : Float32Array.from(values);
  const scale = w.scale ?? 1;
  if (scale !== 1) for (let i = 0; i < out.length; i++) out[i] *= scale; // a load-time constant (0.25, 0.5: exact in f32)
  return out;
}

/** The book's layout of the engine's `values` for `w` (the factor, if any, left in: these are the engine's numbers). */
export function toBook(w: BookWeight, values: ArrayLike<number>): Float32Array {
  const s = w.shape;
  return s.length === 4 ? kernelToBook(values, s[0], s[1], s[2], s[3])
    : w.image ? affineRows(values, ...w.image, s[1], false) : Float32Array.from(values);
}

/** The engine weights (TF.js order and layout) of the pickled dict in `bytes`, each checked against the book's shape. */
export function bookWeightsFromPickle(bytes: Uint8Array, weights: readonly BookWeight[], name: string): Float32Array[] {
  const p = loadPickle(bytes) as PickleDict;
  if (p === null || typeof p !== "object" || Array.isArray(p) || "dtype" in p) {
    throw new DataError(`${name}: expected a pickled dict of arrays (the book's save_params), found something else`);
  }
  return weights.map((w) => {
    const a = p[w.key] as NdArray | undefined;
    if (!a || typeof a !== "object" || !("dtype" in a)) {
      throw new DataError(`${name}: no array '${w.key}' (keys: ${Object.keys(p).join(", ")}); is this the pickle of this network?`);
    }
    if (a.shape.length !== w.shape.length || a.shape.some((d, i) => d !== w.shape[i])) {
      throw new ShapeError(`${name}: ${w.key} has shape (${a.shape.join(", ")}), this network's is (${w.shape.join(", ")}); `
        + "build the net with the arguments the pickle was trained with");
    }
    return fromBook(w, toFloat32(a));
  });
}
