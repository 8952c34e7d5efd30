// What users pass to fit/evaluate/predict, checked and copied into WASM memory once.
// Pixels may stay bytes (Uint8Array with a scale): 60,000 MNIST images are 47 MB as bytes and
// 188 MB as floats, and the gather kernel scales them while it builds each minibatch.
import type { Engine } from "../core/engine.js";
import { counted, DataError, ShapeError } from "../core/errors.js";
import { dataUse } from "../core/heap.js";
import { withScope } from "../core/scope.js";
import { badScale, f32Scale, inputScale, isBytes, scaleInPlace } from "./scale.js";

/** A row-major matrix: `data` of length rows·cols; values are multiplied by `scale` (bytes: default 1/255) in f32, see scale.ts. */
export interface Matrix2D {
  data: Float32Array | Float64Array | Uint8Array | Uint8ClampedArray | number[];
  shape: [number, number];
  scale?: number;
  /** Each row's shape when it is an image or a grid (tensor4d, tensor3d): rows·cols is data's length either way. */
  sampleShape?: number[];
}

/** Rows as arrays (plain or typed, e.g. one Float32Array per sample), or a matrix. */
export type Inputs = number[][] | ArrayLike<number>[] | Matrix2D;
/** Integer class labels (one per row), or a matrix of targets (one-hot rows, regression values). */
export type Labels = number[] | Int32Array | Uint8Array | Uint16Array | number[][] | ArrayLike<number>[] | Matrix2D;

/** Like tf.tensor2d: wrap flat values with their shape. */
export function tensor2d(data: Matrix2D["data"], shape: [number, number], scale?: number): Matrix2D {
  const matrix = { data, shape, scale };
  shapeOf("tensor2d", matrix); // a shape that does not fit the data is refused here, not at the first fit()
  return matrix;
}

/** Like tf.tensor4d: n images [h, w, c] (channels last), one image a row of h·w·c values inside. */
export function tensor4d(data: Matrix2D["data"], shape: [number, number, number, number], scale?: number): Matrix2D {
  return shaped("tensor4d", data, shape, 4, scale);
}

/** Like tf.tensor3d: n samples [a, b] (e.g. grey images [28, 28] before a Flatten), one sample a row inside. */
export function tensor3d(data: Matrix2D["data"], shape: [number, number, number], scale?: number): Matrix2D {
  return shaped("tensor3d", data, shape, 3, scale);
}

function shaped(what: string, data: Matrix2D["data"], shape: number[], rank: number, scale?: number): Matrix2D {
  if (!Array.isArray(shape) || shape.length !== rank || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    const want = rank === 4 ? "[n, height, width, channels]" : "[n, a, b]";
    throw new ShapeError(`${what}: shape ${JSON.stringify(shape)} is not ${want} of non-negative integers`);
  }
  const [n, ...sample] = shape, cols = sample.reduce((a, b) => a * b, 1);
  if (data?.length !== n * cols) {
    throw new ShapeError(`${what}: data has ${counted(data?.length ?? 0, "value")} but shape [${shape}] needs ${n * cols}`);
  }
  return { ...tensor2d(data, [n, cols], scale), sampleShape: sample };
}

/** Inputs living in WASM memory: f32 rows, or byte rows scaled on gather (by `scale`, an f32). */
export interface DeviceInputs {
  ptr: number;
  rows: number;
  cols: number;
  bytes: boolean;
  scale: number;
}

export const isMatrix = (x: unknown): x is Matrix2D => typeof x === "object" && x !== null && "shape" in x && "data" in x;

/** A value as an error shows it: strings quoted (so "0" is visibly not 0), with its type. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  const type = Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `a ${typeof v}`;
  return `${typeof v === "string" ? JSON.stringify(v) : String(v)} (${type})`;
}

/** f32.set for a plain JS array, refusing what set() would coerce ("0", null, true); returns the first non-number's index or -1. */
export function setNumbers(f32: Float32Array, values: ArrayLike<unknown>, at: number): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number") return i;
    f32[at + i] = v;
  }
  return -1;
}

/** The error for a non-number at `where` (e.g. " row 3, column 1" or "[3]"). */
export const notANumber = (what: string, where: string, v: unknown) =>
  new DataError(`${what}${where} is ${describeValue(v)}; every value must be a number: convert with Number() or parseFloat() first`);

/** Shape of inputs or labels: [rows, cols], with cols = 0 for a flat list of labels. */
export function shapeOf(what: string, x: Inputs | Labels): [number, number] {
  if (isMatrix(x)) {
    if (!Array.isArray(x.shape) || x.shape.length !== 2) {
      const dims: number[] = Array.isArray(x.shape) ? x.shape : [];
      throw new ShapeError(`${what}: shape [${dims}] is not [rows, cols]; flatten each sample to one row, e.g. tensor2d(data, [${dims[0]}, ${dims.slice(1).reduce((a, b) => a * b, 1)}])`);
    }
    const [rows, cols] = x.shape;
    if (![rows, cols].every((d) => Number.isInteger(d) && d >= 0)) {
      throw new ShapeError(`${what}: shape [${rows}, ${cols}] must hold two non-negative integers [rows, cols]`);
    }
    if (x.scale !== undefined && !(typeof x.scale === "number" && Number.isFinite(x.scale))) {
      throw new DataError(`${what}: scale is ${describeValue(x.scale)}; give a finite number (1/255 for pixels) or leave it out`);
    }
    const why = x.scale === undefined ? undefined : badScale(x.scale);
    if (why) throw new DataError(`${what}: scale ${x.scale} is ${why}; give a nonzero scale float32 can hold (1/255 for pixels)`);
    if (x.data.length !== rows * cols) {
      throw new ShapeError(`${what}: data has ${counted(x.data.length, "value")} but shape [${rows}, ${cols}] needs ${rows * cols}`);
    }
    return [rows, cols];
  }
  if (!Array.isArray(x) && !ArrayBuffer.isView(x)) throw new DataError(`${what} must be an array of rows or {data, shape}, got ${typeof x}`);
  const list = x as ArrayLike<number | number[]>;
  if (list.length === 0) throw new DataError(`${what} is empty: there is nothing to train on or predict`);
  const isRow = (row: unknown): row is ArrayLike<unknown> => Array.isArray(row) || (ArrayBuffer.isView(row) && !(row instanceof DataView));
  if (!isRow(list[0])) return [list.length, 0];
  const cols = (list[0] as number[]).length;
  const inner = (list[0] as unknown[])[0];
  if (Array.isArray(inner)) {
    throw new ShapeError(`${what} is 3-D ([${list.length}, ${cols}, ${inner.length}]): its rows hold arrays, not numbers; flatten each sample to one row, e.g. x.map((s) => s.flat())`);
  }
  for (let r = 0; r < list.length; r++) {
    const row = list[r];
    if (!isRow(row) || row.length !== cols) {
      throw new ShapeError(`${what}: row ${r} has ${isRow(row) ? counted(row.length, "value") : "no values"}, row 0 has ${cols}; every row needs the same length`);
    }
  }
  return [list.length, cols];
}

/** Copy inputs into WASM (one allocation), rejecting NaN/Infinity with the row and column. */
export function uploadInputs(engine: Engine, what: string, x: Inputs, expectCols: number, expectShape?: readonly number[]): DeviceInputs {
  const [rows, cols] = shapeOf(what, x);
  if (rows === 0) throw new DataError(`${what} is empty: there is nothing to train on or predict`);
  if (cols === 0) {
    throw new ShapeError(`${what} is a flat array of ${counted(rows, "number")}, not rows; pass number[][] or tensor2d(data, [rows, ${expectCols}])`);
  }
  // tensor3d/tensor4d samples carry their shape: [14, 56, 1] has a [28, 28, 1] model's size but not its pixels' places
  // (a flat model, [784], takes [28, 28] images as rows).
  const sample = isMatrix(x) && x.sampleShape, want = expectShape ?? [expectCols];
  if (cols !== expectCols || (sample && want.length > 1 && `${sample}` !== `${want}`)) {
    throw new ShapeError(`${what} has ${sample ? `samples of shape [${sample}]` : counted(cols, "column")} but the model's input layer `
      + `expects ${want.length > 1 ? `[${want}]` : expectCols}; reshape (flatten) each sample to ${counted(expectCols, "value")}`);
  }
  const heap = engine.heap;
  if (isMatrix(x) && isBytes(x.data)) {
    const ptr = heap.alloc(rows * cols, dataUse(what, rows, cols));
    heap.u8.set(x.data, ptr);
    return { ptr, rows, cols, bytes: true, scale: f32Scale(inputScale(x)!) };
  }
  // Refused values free the buffer with the scope; accepted ones keep it.
  return withScope(engine, (s) => {
    const ptr = s.alloc(rows * cols * 4, dataUse(what, rows, cols));
    const f32 = heap.f32, base = ptr >>> 2;
    if (isMatrix(x)) {
      const bad = Array.isArray(x.data) ? setNumbers(f32, x.data, base) : (f32.set(x.data, base), -1); // typed arrays hold numbers
      if (bad >= 0) throw notANumber(what, ` row ${Math.floor(bad / cols)}, column ${bad % cols}`, x.data[bad]);
      if (x.scale !== undefined) scaleInPlace(f32, base, rows * cols, x.scale); // the gather kernel's f32 product, bit for bit
    } else {
      for (let r = 0; r < rows; r++) {
        const bad = setNumbers(f32, x[r], base + r * cols);
        if (bad >= 0) throw notANumber(what, ` row ${r}, column ${bad}`, x[r][bad]);
      }
    }
    const bad = engine.k.countNonFinite(ptr, rows * cols);
    if (bad > 0) {
      const view = heap.f32;
      let i = 0;
      while (Number.isFinite(view[base + i])) i++;
      const r = Math.floor(i / cols), c = i % cols;
      // A finite given value here exceeded f32's range (±3.4e38), alone or times the scale: say so.
      const given = Number(isMatrix(x) ? x.data[i] : x[r][c]);
      const shown = Number.isFinite(given) ? `${given}${isMatrix(x) && x.scale !== undefined ? ` × scale ${x.scale}` : ""}, beyond float32's range ±3.4e38` : String(given);
      throw new DataError(`${what} holds ${bad} NaN or Infinity value(s), the first at row ${r}, column ${c} (${shown}); clean or impute the data before training`);
    }
    return { ptr: s.keep(ptr), rows, cols, bytes: false, scale: 1 };
  });
}
