// A reader for Python pickles of numpy arrays (how the book's repository stores its weights:
// pickle.dump(params, f) of a dict of ndarrays). It is not Python's unpickler: it runs no code.
// It follows the opcodes that build plain values (dict, list, tuple, str, bytes, int, float, bool,
// None) and recognises by name only the few globals numpy's reduce pattern uses:
//   _reconstruct(ndarray, (0,), b'b') then BUILD (version, shape, dtype, fortran, raw bytes);
//   dtype('f4', False, True) then BUILD (3, '<', …); _codecs.encode(s, 'latin1') for bytes written
//   by protocol 2 under Python 3; _frombuffer(buf, dtype, shape, order) from protocol 5; numpy's
//   scalar(dtype, bytes); bytes() for empty data. Any other global or opcode is refused, naming it,
//   when it is read: before anything after it, so a pickle calling os.system gets an error and nothing else.
// Protocols 2–5 (the book's files are protocol 3); Python 2 strings (SHORT_BINSTRING, BINSTRING)
// are read as latin1 bytes, as pickle.load(f, encoding='latin1') reads them.
import { DataError } from "../../core/errors.js";
import { ndarray, parseDtype, type NdArray } from "./ndarray.js";

/** What a pickle of arrays holds: arrays, dicts (string keys), lists and tuples (as arrays), and plain values. */
export type PickleValue = NdArray | PickleDict | PickleValue[] | string | number | boolean | null | Uint8Array;
/** A Python dict; keys that are not strings (ints) are written as strings. */
export interface PickleDict { [key: string]: PickleValue }

const NUMPY = ["numpy.core.multiarray", "numpy._core.multiarray"]; // numpy 1.x, numpy 2
const NUMERIC = ["numpy.core.numeric", "numpy._core.numeric"];
const GLOBALS = new Set([
  ...NUMPY.flatMap((m) => [`${m}._reconstruct`, `${m}.scalar`]), ...NUMERIC.map((m) => `${m}._frombuffer`),
  "numpy.ndarray", "numpy.dtype", "_codecs.encode", "collections.OrderedDict", "__builtin__.bytes", "builtins.bytes",
]);

// Opcodes refused by name (the ones that call or look up other code, and the text protocol 0 forms).
const REFUSED: Record<string, string> = {
  i: "INST", o: "OBJ", "\x81": "NEWOBJ", "\x92": "NEWOBJ_EX", "\x82": "EXT1", "\x83": "EXT2", "\x84": "EXT4",
  P: "PERSID", Q: "BINPERSID", "\x97": "NEXT_BUFFER", "\x98": "READONLY_BUFFER", I: "INT", L: "LONG", F: "FLOAT",
  S: "STRING", V: "UNICODE", p: "PUT", g: "GET",
};

const ONLY = "only dicts, lists and tuples of numpy arrays are read (nothing was executed)";
const MARK = Symbol("mark");
class Global { constructor(readonly name: string) {} }
class Dtype { bigEndian = false; constructor(readonly descr: string) {} }
class Pending { array?: NdArray; } // _reconstruct's empty array, filled by BUILD
type Item = PickleValue | Global | Dtype | Pending | typeof MARK | Item[];

// Not fromCharCode(...b): a long string would overflow the call's arguments.
const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join("");
const text = (v: Item, what: string): string => {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return latin1(v); // a Python 2 str
  throw new DataError(`pickle: ${what} should be a string, found ${describe(v)}`);
};
const describe = (v: Item): string => v instanceof Global ? `global ${v.name}` : v === MARK ? "a mark" : v === null ? "None"
  : Array.isArray(v) ? "a list" : v instanceof Uint8Array ? "bytes" : typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;

/**
 * Read a pickle of numpy arrays (pickle.load): a dict, list or tuple of ndarrays, or one array.
 * Refuses (DataError naming it) any global other than numpy's array reconstruction and any
 * opcode that would run or look up code; nothing in the file is executed.
 */
export function loadPickle(bytes: Uint8Array): PickleValue {
  if (bytes[0] !== 0x80) { // protocols 0 and 1 (Python 2's default) have no PROTO opcode
    const fix = "save with pickle.dump(obj, f, protocol=2) or newer";
    throw new DataError(`pickle: no PROTO opcode at byte 0: not a pickle of protocol 2 or newer; ${fix}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Item[] = [], memo: Item[] = [];
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new DataError(`pickle: the file ends inside an opcode at byte ${pos} (truncated or not a pickle)`);
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => bytes[need(1)], u32 = () => view.getUint32(need(4), true);
  const u64 = () => {
    const at = need(8), hi = view.getUint32(at + 4, true);
    if (hi >= 1 << 21) throw new DataError(`pickle: a length at byte ${at} is too large`);
    return hi * 2 ** 32 + view.getUint32(at, true);
  };
  const raw = (n: number) => new Uint8Array(bytes.subarray(need(n), pos)); // a copy, even of a Node Buffer
  const utf8 = (n: number) => new TextDecoder().decode(bytes.subarray(need(n), pos));
  const line = () => {
    const end = bytes.indexOf(10, pos);
    if (end < 0) throw new DataError("pickle: GLOBAL's name has no end of line (truncated)");
    return latin1(bytes.subarray(need(end - pos + 1), end));
  };
  const pop = () => {
    if (stack.length === 0) throw new DataError(`pickle: the stack is empty at byte ${pos} (corrupt pickle)`);
    return stack.pop()!;
  };
  const popMark = () => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new DataError(`pickle: no MARK before byte ${pos} (corrupt pickle)`);
    return stack.splice(at).slice(1);
  };
  const top = () => stack[stack.length - 1];
  const global = (name: string) => {
    if (!GLOBALS.has(name)) {
      throw new DataError(`pickle: global ${name} at byte ${pos} is not part of a numpy array; ${ONLY}`);
    }
    return new Global(name);
  };
  const int = (v: number | bigint) => {
    if (typeof v === "bigint" && (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))) {
      throw new DataError(`pickle: the integer ${v} is beyond 2^53`);
    }
    return Number(v);
  };
  const long = (n: number) => {
    let v = 0n;
    const b = bytes.subarray(need(n), pos);
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    return int(n > 0 && b[n - 1] >= 128 ? v - (1n << BigInt(8 * n)) : v);
  };
  const setItems = (dict: Item, items: Item[]) => {
    if (!isDict(dict)) throw new DataError(`pickle: SETITEM on ${describe(dict)} (only dicts are read)`);
    for (let i = 0; i + 1 < items.length; i += 2) (dict as Record<string, Item>)[key(items[i])] = items[i + 1];
  };
  const append = (list: Item, items: Item[]) => {
    if (!Array.isArray(list)) throw new DataError(`pickle: APPEND on ${describe(list)} (only lists are read)`);
    list.push(...(items as PickleValue[]));
  };

  for (;;) {
    const at = pos, op = String.fromCharCode(u8());
    switch (op) {
      case "\x80": if (u8() > 5) throw new DataError(`pickle: protocol ${bytes[at + 1]} is newer than 5`); break; // PROTO
      case "\x95": u64(); break; // FRAME: a length hint
      case ".": { // STOP
        return finish(pop(), new Set());
      }
      case "(": stack.push(MARK); break;
      case "0": pop(); break;
      case "1": popMark(); break;
      case "2": stack.push(top()); break;
      case "N": stack.push(null); break;
      case "\x88": stack.push(true); break;
      case "\x89": stack.push(false); break;
      case "J": stack.push(view.getInt32(need(4), true)); break;
      case "K": stack.push(u8()); break;
      case "M": stack.push(view.getUint16(need(2), true)); break;
      case "\x8a": stack.push(long(u8())); break;
      case "\x8b": stack.push(long(u32())); break;
      case "G": stack.push(view.getFloat64(need(8), false)); break; // BINFLOAT is big-endian
      case "U": stack.push(raw(u8())); break; // Python 2 str: latin1 bytes
      case "T": stack.push(raw(u32())); break;
      case "C": stack.push(raw(u8())); break;
      case "B": stack.push(raw(u32())); break;
      case "\x8e": case "\x96": stack.push(raw(u64())); break; // BINBYTES8, BYTEARRAY8
      case "\x8c": stack.push(utf8(u8())); break;
      case "X": stack.push(utf8(u32())); break;
      case "\x8d": stack.push(utf8(u64())); break;
      case ")": stack.push([]); break; // tuples are read as arrays
      case "t": stack.push(popMark()); break;
      case "\x85": stack.push([pop()]); break;
      case "\x86": { const b = pop(); stack.push([pop(), b]); break; }
      case "\x87": { const c = pop(), b = pop(); stack.push([pop(), b, c]); break; }
      case "]": stack.push([]); break;
      case "l": stack.push(popMark()); break;
      case "a": { const v = pop(); append(top(), [v]); break; }
      case "e": { const items = popMark(); append(top(), items); break; }
      case "}": stack.push(Object.create(null) as PickleDict); break;
      case "d": { const d = Object.create(null) as PickleDict; setItems(d, popMark()); stack.push(d); break; }
      case "s": { const v = pop(), k = pop(); setItems(top(), [k, v]); break; }
      case "u": { const items = popMark(); setItems(top(), items); break; }
      case "q": memo[u8()] = top(); break;
      case "r": memo[u32()] = top(); break;
      case "\x94": memo.push(top()); break; // MEMOIZE
      case "h": case "j": {
        const i = op === "h" ? u8() : u32();
        if (!(i in memo)) throw new DataError(`pickle: memo ${i} read before written at byte ${at} (corrupt pickle)`);
        stack.push(memo[i]);
        break;
      }
      case "c": { const module = line(); stack.push(global(`${module}.${line()}`)); break; }
      case "\x93": { // STACK_GLOBAL
        const name = text(pop(), "STACK_GLOBAL's name");
        stack.push(global(`${text(pop(), "STACK_GLOBAL's module")}.${name}`));
        break;
      }
      case "R": { const args = pop(); stack.push(reduce(pop(), args)); break; }
      case "b": { const state = pop(); build(top(), state); break; }
      default: {
        const name = REFUSED[op];
        const what = name ? `opcode ${name}` : `opcode 0x${op.charCodeAt(0).toString(16)}`;
        throw new DataError(`pickle: ${what} at byte ${at} is not read${name ? "" : " (not a pickle opcode)"}; ${ONLY}`);
      }
    }
  }
}

const isDict = (v: Item): v is PickleDict => typeof v === "object" && v !== null && Object.getPrototypeOf(v) === null;
const key = (k: Item): string => typeof k === "number" ? String(k) : text(k, "a dict key");

/** The result as the caller sees it: arrays filled in (inside lists and dicts too), helpers refused. */
function finish(v: Item, seen: Set<object>): PickleValue {
  if (v instanceof Pending) {
    if (!v.array) throw new DataError("pickle: an ndarray was never given its data (BUILD missing)");
    return v.array;
  }
  if (v instanceof Global || v instanceof Dtype || v === MARK) {
    throw new DataError(`pickle: ${describe(v)} is left as a value; only arrays and plain values are read`);
  }
  if (typeof v === "object" && v !== null && !ArrayBuffer.isView(v) && !seen.has(v)) {
    seen.add(v);
    const o = v as Record<string, Item>;
    for (const k of Object.keys(o)) o[k] = finish(o[k], seen); // lists and dicts, in place (a list may hold itself)
  }
  return v as PickleValue;
}

function reduce(f: Item, args: Item): Item {
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

function build(target: Item, state: Item): void {
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
