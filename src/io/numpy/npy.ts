// numpy's .npy format (np.save): the magic "\x93NUMPY", a version, a little-endian header length
// (2 bytes in version 1, 4 in 2 and 3), a Python dict literal {'descr': '<f4', 'fortran_order':
// False, 'shape': (784, 50), } padded with spaces, then the raw numbers. The header is read with
// patterns, never evaluated.
import { DataError } from "../../core/errors.js";
import { ndarray, parseDtype, type NdArray } from "./ndarray.js";

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Read one array from the bytes of a .npy file (np.save). `name` is used in error messages. */
export function loadNpy(bytes: Uint8Array, name = ".npy"): NdArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new DataError(`${name}: not a .npy file (it does not start with \\x93NUMPY)`);
  }
  const major = bytes[6], view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (major < 1 || major > 3) throw new DataError(`${name}: .npy format version ${major} is not read (1–3 are)`);
  const start = major === 1 ? 10 : 12, length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (start + length > bytes.length) throw new DataError(`${name}: the header runs past the end of the file (truncated)`);
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(start, start + length));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([\d,\s]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) {
    const why = "is not a plain array's (descr, fortran_order, shape); structured arrays are not read";
    throw new DataError(`${name}: header ${header.trim()} ${why}`);
  }
  const { code, bigEndian } = parseDtype(name, descr);
  const dims = shape.split(",").map((d) => d.trim()).filter((d) => d !== "").map(Number);
  return ndarray(name, code, bigEndian, dims, fortran === "True", bytes.subarray(start + length));
}
