// A numpy array as read from a pickle, .npy or .npz: its dtype, shape and numbers in C order.
// The pickle, .npy and .npz readers all end here, so dtypes, byte order and Fortran order are
// handled once. Numbers are copied into a fresh (aligned) buffer, never reinterpreted in place.
import { DataError } from "../../core/errors.js";

/** numpy's dtype names that the readers accept. */
export type NumpyDtype = "float32" | "float64" | "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" | "bool";

type Data = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

/** A numpy ndarray: `data` holds `shape`'s product of values in C (row-major) order. */
export interface NdArray {
  dtype: NumpyDtype;
  shape: number[];
  data: Data;
}

// numpy's type code (kind + item size) → our name and the typed array holding it.
const TYPES: Record<string, [NumpyDtype, new (buffer: ArrayBuffer) => Data]> = {
  f4: ["float32", Float32Array], f8: ["float64", Float64Array],
  i1: ["int8", Int8Array], i2: ["int16", Int16Array], i4: ["int32", Int32Array], i8: ["int64", BigInt64Array],
  u1: ["uint8", Uint8Array], u2: ["uint16", Uint16Array], u4: ["uint32", Uint32Array], u8: ["uint64", BigUint64Array],
  b1: ["bool", Uint8Array],
};

/** A dtype string such as '<f4', '>i8', '|u1' or 'f8' (with `order` the byte order when the string has none). */
export function parseDtype(what: string, descr: string, order = "|"): { code: string; bigEndian: boolean } {
  const m = /^([<>|=]?)([a-zA-Z]\d*)$/.exec(descr);
  const code = m?.[2] === "?" ? "b1" : m?.[2];
  if (!m || code === undefined || !(code in TYPES)) {
    const fix = "convert with arr.astype('float32')";
    throw new DataError(`${what}: dtype '${descr}' is not read; numpy arrays of float32/float64, (u)int8–64 or bool are (${fix})`);
  }
  return { code, bigEndian: (m[1] || order) === ">" };
}

/** The array of `shape` from `bytes` (dtype `code`), byte-swapped if big-endian, reordered if Fortran. */
export function ndarray(what: string, code: string, bigEndian: boolean, shape: number[], fortran: boolean, bytes: Uint8Array): NdArray {
  const [dtype, Type] = TYPES[code], size = Number(code.slice(1));
  const dims = shape.join(", ");
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new DataError(`${what}: shape (${dims}) is not a list of sizes`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== count * size) {
    throw new DataError(`${what}: a ${dtype} array of shape (${dims}) needs ${count * size} bytes, the file gives ${bytes.length}`);
  }
  const copy = new Uint8Array(bytes); // own, aligned buffer (Buffer.slice would be a view)
  if (bigEndian && size > 1) for (let i = 0; i < copy.length; i += size) copy.subarray(i, i + size).reverse();
  let data = new Type(copy.buffer);
  if (fortran && shape.length > 1) data = toRowMajor(data, shape, Type);
  return { dtype, shape, data };
}

/** Fortran (column-major) order to C order: element (i0, …, in) moves from Σ ik·stride_F(k) to its C offset. */
function toRowMajor(src: Data, shape: number[], Type: new (buffer: ArrayBuffer) => Data): Data {
  const out = new Type(new ArrayBuffer(src.byteLength)) as Float64Array, from = src as Float64Array, idx = shape.map(() => 0);
  for (let c = 0; c < out.length; c++) {
    let f = 0;
    for (let k = 0, stride = 1; k < shape.length; stride *= shape[k], k++) f += idx[k] * stride;
    out[c] = from[f];
    for (let k = shape.length - 1; k >= 0 && ++idx[k] === shape[k]; k--) idx[k] = 0; // next C index
  }
  return out;
}

/** `a`'s numbers as float32 (float64 rounded to nearest, integers converted), for the library's tensors. */
export function toFloat32(a: NdArray): Float32Array {
  if (a.data instanceof Float32Array) return a.data;
  if (a.data instanceof BigInt64Array || a.data instanceof BigUint64Array) return Float32Array.from(a.data, Number);
  return Float32Array.from(a.data);
}
