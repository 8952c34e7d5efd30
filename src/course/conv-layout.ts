// Lessons 15–17: the book's layouts (Saito ch. 7, NCHW) beside the engine's (TF.js, NHWC). Images:
// the book's (N, C, H, W) nested arrays ↔ one channels-last image a row. Filters: the book's
// [FN, C, FH, FW] ↔ TF.js' kernel [kh, kw, cin, cout]. Affine weights after the last pooling: the
// book flattens each image as (C, H, W), Flatten of NHWC as (H, W, C), so W's rows are permuted.
// Pure index shuffles: no arithmetic on values.
import { ShapeError } from "../core/errors.js";

/** A batch of images as the book holds them: [N][C][H][W]. */
export type Images4D = number[][][][];

/** [N, C, H, W] of a rectangular nested array, or a ShapeError naming `what` and what is ragged. */
export function shapeNCHW(what: string, x: Images4D): [number, number, number, number] {
  const dims = [x?.length ?? 0, x?.[0]?.length ?? 0, x?.[0]?.[0]?.length ?? 0, x?.[0]?.[0]?.[0]?.length ?? 0] as
    [number, number, number, number];
  if (!Array.isArray(x) || dims.includes(0)) {
    throw new ShapeError(`${what} must be a non-empty (N, C, H, W) array, e.g. np.random.rand(1, 3, 7, 7)`);
  }
  const ragged = x.some((img) => img.length !== dims[1] || img.some((ch) => ch.length !== dims[2] || ch.some((r) => r.length !== dims[3])));
  if (ragged) throw new ShapeError(`${what} is ragged; every entry must be ${dims.slice(1).join(" × ")} (C × H × W) like the first`);
  return dims;
}

/** The images channels last, one a row (n × h·w·c). */
export function toNHWC(x: Images4D): Float32Array {
  const [n, c, h, w] = [x.length, x[0].length, x[0][0].length, x[0][0][0].length], out = new Float32Array(n * h * w * c);
  x.forEach((img, b) => img.forEach((ch, k) => ch.forEach((row, y) => row.forEach((v, i) => {
    out[((b * h + y) * w + i) * c + k] = v;
  }))));
  return out;
}

/** Channels-last rows (n × h·w·c) as the book's (N, C, H, W) nested arrays. */
export function toNCHW(data: ArrayLike<number>, n: number, h: number, w: number, c: number): Images4D {
  return Array.from({ length: n }, (_, b) => Array.from({ length: c }, (_, k) => Array.from({ length: h }, (_, y) =>
    Array.from({ length: w }, (_, i) => data[((b * h + y) * w + i) * c + k]))));
}

/** The book's filters [FN, C, FH, FW] (flat) as TF.js' kernel [FH, FW, C, FN] (flat). */
export function kernelFromBook(W: ArrayLike<number>, fn: number, c: number, fh: number, fw: number): Float32Array {
  const out = new Float32Array(fn * c * fh * fw);
  for (let f = 0; f < fn; f++) for (let k = 0; k < c; k++) for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) {
    out[((i * fw + j) * c + k) * fn + f] = W[((f * c + k) * fh + i) * fw + j];
  }
  return out;
}

/** TF.js' kernel [FH, FW, C, FN] (flat) as the book's filters [FN, C, FH, FW] (flat). */
export function kernelToBook(K: ArrayLike<number>, fn: number, c: number, fh: number, fw: number): Float32Array {
  const out = new Float32Array(fn * c * fh * fw);
  for (let f = 0; f < fn; f++) for (let k = 0; k < c; k++) for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) {
    out[((f * c + k) * fh + i) * fw + j] = K[((i * fw + j) * c + k) * fn + f];
  }
  return out;
}

/** The book's filters as nested [FN][C][FH][FW] arrays from flat values. */
export function nestFilters(W: ArrayLike<number>, fn: number, c: number, fh: number, fw: number): Images4D {
  return Array.from({ length: fn }, (_, f) => Array.from({ length: c }, (_, k) => Array.from({ length: fh }, (_, i) =>
    Array.from({ length: fw }, (_, j) => W[((f * c + k) * fh + i) * fw + j]))));
}

/**
 * Rows of an affine W [c·h·w, units] reordered between the book's flattening (c, y, x) and
 * Flatten's of NHWC (y, x, c): `fromBook` true takes the book's W to the engine's, false back.
 */
export function affineRows(W: ArrayLike<number>, c: number, h: number, w: number, units: number, fromBook: boolean): Float32Array {
  const out = new Float32Array(c * h * w * units);
  for (let k = 0; k < c; k++) for (let y = 0; y < h; y++) for (let i = 0; i < w; i++) {
    const book = (k * h + y) * w + i, ours = (y * w + i) * c + k;
    const [to, from] = fromBook ? [ours, book] : [book, ours];
    for (let u = 0; u < units; u++) out[to * units + u] = W[from * units + u];
  }
  return out;
}
