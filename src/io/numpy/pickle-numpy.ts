// What numpy's pickles build, by name only: the globals numpy's reduce pattern uses, the values
// REDUCE and BUILD make from them (an ndarray, a dtype, bytes), and how a stray value is described
// in an error. pickle.ts walks the opcodes and calls these; nothing here runs code from the file.
import { DataError } from "../../core/errors.js";
import { ndarray, parseDtype, type NdArray } from "./ndarray.js";

/** What a pickle of arrays holds: arrays, dicts (string keys), lists and tuples (as arrays), and plain values. */
export type PickleValue = NdArray | PickleDict | PickleValue[] | string | number | boolean | null | Uint8Array;
/** A Python dict; keys that are not strings (ints) are written as strings. */
export interface PickleDict { [key: string]: PickleValue }

const NUMPY = ["numpy.core.multiarray", "numpy._core.multiarray"]; // numpy 1.x, numpy 2
const NUMERIC = ["numpy.core.numeric", "numpy._core.numeric"];
export const GLOBALS = new Set([
  ...NUMPY.flatMap((m) => [`${m}._reconstruct`, `${m}.scalar`]), ...NUMERIC.map((m) => `${m}._frombuffer`),
  "numpy.ndarray", "numpy.dtype", "_codecs.encode", "collections.OrderedDict", "__builtin__.bytes", "builtins.bytes",
]);

export const MARK = Symbol("mark");
export class Global { constructor(readonly name: string) {} }
export class Dtype { bigEndian = false; constructor(readonly descr: string) {} }
export class Pending { array?: NdArray; } // _reconstruct's empty array, filled by BUILD
export type Item = PickleValue | Global | Dtype | Pending | typeof MARK | Item[];

// Not fromCharCode(...b): a long string would overflow the call's arguments.
export const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");
export const text = (v: Item, what: string): string => {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return latin1(v); // a Python 2 str
  throw new DataError(`pickle: ${what} should be a string, found ${describe(v)}`);
};
export const describe = (v: Item): string => v instanceof Global ? `global ${v.name}` : v === MARK ? "a mark" : v === null ? "None"
  : Array.isArray(v) ? "a list" : v instanceof Uint8Array ? "bytes" : typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;

export function reduce(f: Item, args: Item): Item {
  if (!(f instanceof Global)) throw new DataError(`pickle: REDUCE calls ${describe(f)}, not one of numpy's array constructors`);
  if (!Array.isArray(args)) throw new DataError(`pickle: ${f.name}'s arguments are ${describe(args)}, not a tuple`);
  const [a, b, c, d] = args as Item[], name = f.name.slice(f.name.lastIndexOf(".") + 1);
  switch (f.name === "numpy.dtype" ? "dtype" : f.name === "numpy.ndarray" ? "" : name) {
    case "_reconstruct":
      if (!(a instanceof Global && a.name === "numpy.ndarray")) {
        throw new DataError(`pickle: _reconstruct of ${describe(a)}; only numpy.ndarray is read`);
      }
      return new Pending();
    case "dtype": return new Dtype(text(a, "a dtype"));
    case "encode": { // _codecs.encode(str, 'latin1'): bytes pickled by protocol 2 under Python 3
      const s = text(a, "encode's text");
      if (b !== "latin1" || /[^\0-\xff]/.test(s)) throw new DataError(`pickle: _codecs.encode(…, ${describe(b)}) is not latin1 bytes`);
      return Uint8Array.from(s, (ch) => ch.charCodeAt(0));
    }
    case "OrderedDict": return Object.create(null) as PickleDict;
    case "bytes": // bytes() under protocol 2: an empty array's data
      if (args.length !== 0) throw new DataError("pickle: bytes(…) with arguments is not read");
      return new Uint8Array(0);
    case "scalar": { // numpy.float32(…) and friends: a one-element array's number
      return Number(array(b, [], false, a, "scalar").data[0]);
    }
    case "_frombuffer": return Object.assign(new Pending(), { array: array(a, dims(c), d === "F", b, "_frombuffer") });
  }
  throw new DataError(`pickle: REDUCE calls ${f.name}, which is not read here`);
}

export function build(target: Item, state: Item): void {
  if (target instanceof Dtype) { // (version, byte order, subdtype, names, fields, …)
    const s = state as Item[];
    if (!Array.isArray(s) || s[3] != null || s[2] != null) {
      throw new DataError(`pickle: dtype ${target.descr} with fields or a sub-array is not read`);
    }
    target.bigEndian = text(s[1], "a byte order") === ">";
    return;
  }
  if (target instanceof Pending && Array.isArray(state)) { // ([version,] shape, dtype, is_fortran, data)
    const s = state.length === 5 ? state.slice(1) : state;
    target.array = array(s[3], dims(s[0]), s[2] === true, s[1], "ndarray");
    return;
  }
  throw new DataError(`pickle: BUILD on ${describe(target)} (setting an object's state) is not read`);
}

const dims = (s: Item): number[] => {
  if (!Array.isArray(s) || !s.every((d) => typeof d === "number")) {
    throw new DataError(`pickle: an array's shape is ${describe(s)}, not a tuple of ints`);
  }
  return s as number[];
};

/** An ndarray of `shape` from raw `bytes` and a Dtype (numpy's pickled state, in whichever order it comes). */
function array(bytes: Item, shape: number[], fortran: boolean, dtype: Item, what: string): NdArray {
  if (!(dtype instanceof Dtype)) throw new DataError(`pickle: ${what}'s dtype is ${describe(dtype)}`);
  const { code, bigEndian } = parseDtype(`pickle: ${what}`, dtype.descr, dtype.bigEndian ? ">" : "<");
  if (!(bytes instanceof Uint8Array)) {
    throw new DataError(`pickle: ${what} of dtype ${dtype.descr} holds ${describe(bytes)}, not raw bytes (object arrays are not read)`);
  }
  return ndarray(`pickle: ${what}`, code, bigEndian, shape, fortran, bytes);
}
