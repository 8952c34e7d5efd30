// The numpy readers against files numpy wrote (test/io/numpy/make-fixtures.py, numpy 2.4.6, whose
// expected.json holds what numpy reads back), a Python 2 pickle written opcode by opcode, the
// book's sample_weight.pkl (sums pinned from numpy), and pickles that must be refused unrun.
import { describe, it, expect } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError } from "../../../src/core/errors.js";
import { loadPickle, type PickleDict, type PickleValue } from "../../../src/io/numpy/pickle.js";
import { loadNpy } from "../../../src/io/numpy/npy.js";
import { loadNpz } from "../../../src/io/numpy/npz.js";
import { toFloat32, type NdArray } from "../../../src/io/numpy/ndarray.js";
import { ROOT } from "../../helpers.js";

const dir = join(ROOT, "test/io/numpy/fixtures");
const file = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8"));
const TYPED: Record<string, string> = {
  float32: "Float32Array", float64: "Float64Array", int8: "Int8Array", int16: "Int16Array", int32: "Int32Array", int64: "BigInt64Array",
  uint8: "Uint8Array", uint16: "Uint16Array", uint32: "Uint32Array", uint64: "BigUint64Array", bool: "Uint8Array",
};

/** `got` as expected.json writes it: arrays as {dtype, shape, data}, bools as true/false. */
function plain(got: PickleValue): unknown {
  if (got instanceof Uint8Array) return { bytes: Array.from(got) };
  if (Array.isArray(got)) return got.map(plain);
  if (got !== null && typeof got === "object" && "dtype" in got) {
    const a = got as NdArray;
    expect(a.data.constructor.name, a.dtype).toBe(TYPED[a.dtype]);
    const data = Array.from(a.data as ArrayLike<number | bigint>, (v) => (a.dtype === "bool" ? v === 1 : Number(v)));
    return { dtype: a.dtype, shape: a.shape, data };
  }
  if (got !== null && typeof got === "object") return Object.fromEntries(Object.entries(got).map(([k, v]) => [k, plain(v)]));
  return got;
}

describe("loadPickle: numpy arrays as numpy pickles them", () => {
  it.each([2, 3, 4, 5])("protocol %i: a dict of float32/float64/int/uint8/bool, big-endian, Fortran, 0-d and empty arrays", (p) => {
    const got = plain(loadPickle(file(`dict-p${p}.pkl`))) as Record<string, { dtype: string }>;
    const want = structuredClone(expected.dict);
    want.big.dtype = "float32"; // '>f4': numpy keeps the byte order in the dtype, we swap into native float32
    expect(got).toEqual(want);
  });

  it("numpy 1.x names (numpy.core.multiarray, as the book's files), lists, tuples, plain values, numpy scalars, OrderedDict", () => {
    expect(plain(loadPickle(file("dict-p3-numpy1.pkl")))).toEqual(plain(loadPickle(file("dict-p3.pkl"))));
    const d = expected.dict;
    expect(plain(loadPickle(file("list-p2.pkl")))).toEqual([d.W, d.b]);
    expect(plain(loadPickle(file("array-p3.pkl")))).toEqual(d.W);
    expect(plain(loadPickle(file("nested-p4.pkl")))).toEqual(expected.nested);
    const nested = loadPickle(file("nested-p4.pkl")) as PickleDict;
    expect([nested.lr, nested.epochs, nested.np_scalar, nested["7"]]).toEqual([0.01, 3, 0.125, "seven"]);
  });

  it("a Python 2 pickle (str data, read as latin1 bytes like pickle.load(f, encoding='latin1'))", () => {
    expect(plain(loadPickle(file("python2-p2.pkl")))).toEqual(expected.python2);
  });

  it("the book's sample_weight.pkl: W1 [784, 50] … b3 [10] float32, numpy's sums and last values", () => {
    const book = readFileSync(join(ROOT, "data/deep-learning-from-scratch/sample_weight.pkl"));
    const p = loadPickle(new Uint8Array(book)) as Record<string, NdArray>;
    // numpy 2.4.6: float(p[k].astype(np.float64).sum()), float(p[k].ravel()[-1])
    const numpy: [string, number[], number, number][] = [
      ["W1", [784, 50], 24.710748511527072, -0.040211476385593414], ["b1", [50], 0.41067875683074817, 0.10716812312602997],
      ["W2", [50, 100], -4.358106311849042, 0.009080098010599613], ["b2", [100], 0.2330201300792396, -0.04358607530593872],
      ["W3", [100, 10], -2.648974552284926, 0.03177173063158989], ["b3", [10], -3.7532299757003784e-7, 0.053233496844768524],
    ];
    expect(Object.keys(p).sort()).toEqual(["W1", "W2", "W3", "b1", "b2", "b3"]);
    for (const [k, shape, sum, last] of numpy) {
      expect([p[k].dtype, p[k].shape], k).toEqual(["float32", shape]);
      const data = p[k].data as Float32Array;
      expect(data.reduce((s, v) => s + v, 0), k).toBeCloseTo(sum, 9); // f64 sums in a different order: ~1e-14 apart
      expect(data[data.length - 1], k).toBe(last);
      expect(toFloat32(p[k])).toBe(data); // already float32: no copy
    }
  });
});

describe("loadPickle refuses what is not an array, naming it, and runs nothing", () => {
  const MARKER = "/tmp/scratchnet-pickle-was-executed";
  it.each([
    ["evil-system.pkl", /global posix\.system at byte \d+ is not part of a numpy array; .*nothing was executed/],
    ["evil-eval-p4.pkl", /global builtins\.eval at byte \d+ is not part of a numpy array/],
    ["evil-custom.pkl", /global __main__\.Custom at byte \d+/],
    ["object-array.pkl", /dtype 'O8' is not read; numpy arrays of float32\/float64, \(u\)int8–64 or bool are/],
    ["structured.pkl", /dtype V8 with fields or a sub-array is not read/],
    ["protocol0.pkl", /no PROTO opcode at byte 0: not a pickle of protocol 2 or newer; save with pickle.dump\(obj, f, protocol=2\)/],
  ])("%s", (name, message) => {
    expect(() => loadPickle(file(name))).toThrow(DataError);
    expect(() => loadPickle(file(name))).toThrow(message);
    expect(existsSync(MARKER)).toBe(false); // os.system("touch …") never ran
  });

  it("refuses code-running opcodes and corrupt or truncated files with their position", () => {
    expect(() => loadPickle(Uint8Array.of(0x80, 3, 0x81, 0x2e))).toThrow(/opcode NEWOBJ at byte 2 is not read/);
    expect(() => loadPickle(Uint8Array.of(0x80, 2, 0x69))).toThrow(/opcode INST at byte 2/);
    expect(() => loadPickle(Uint8Array.of(0x80, 2, 0x51))).toThrow(/opcode BINPERSID at byte 2/);
    expect(() => loadPickle(Uint8Array.of(0x80, 2, 0xff))).toThrow(/opcode 0xff at byte 2 is not read \(not a pickle opcode\)/);
    const book = readFileSync(join(ROOT, "data/deep-learning-from-scratch/sample_weight.pkl"));
    expect(() => loadPickle(book.subarray(0, 5000))).toThrow(/the file ends inside an opcode at byte \d+ \(truncated or not a pickle\)/);
    expect(() => loadPickle(Uint8Array.of(0x80, 2, 0x2e))).toThrow(/the stack is empty/);
    expect(() => loadPickle(Uint8Array.of(0x80, 2, 0x68, 5, 0x2e))).toThrow(/memo 5 read before written/);
  });
});

describe("loadNpy and loadNpz", () => {
  it.each(["W", "b", "i64", "big", "fortran", "mask"])("%s.npy reads as numpy saved it", (name) => {
    const want = structuredClone(expected.dict[name]);
    if (name === "big") want.dtype = "float32";
    expect(plain(loadNpy(file(`${name}.npy`)))).toEqual(want);
  });

  it.each(["stored", "compressed"])("np.savez%s: every array, by name", async (kind) => {
    const z = await loadNpz(file(`${kind}.npz`));
    expect(Object.keys(z).sort()).toEqual(["W", "b", "fortran"]);
    for (const k of ["W", "b", "fortran"]) expect(plain(z[k]), k).toEqual(expected.dict[k]);
  });

  it("refuses files that are not .npy / .npz, or are truncated", async () => {
    expect(() => loadNpy(file("W.npy").subarray(0, 150))).toThrow(/a float32 array of shape \(3, 4\) needs 48 bytes, the file gives 22/);
    expect(() => loadNpy(file("array-p3.pkl"))).toThrow(/not a \.npy file \(it does not start with \\x93NUMPY\)/);
    await expect(loadNpz(file("W.npy"))).rejects.toThrow(/\.npz: not a zip file/);
    const npz = file("stored.npz");
    await expect(loadNpz(npz.subarray(0, npz.length - 30))).rejects.toThrow(DataError);
  });
});

// Live, where python3 with numpy is installed: fresh arrays of every dtype, pickled with protocols
// 2-5, under numpy 1.x and 2 module names, and saved as .npz, read back here and compared.
const havePython = (() => {
  try {
    execFileSync("python3", ["-c", "import numpy"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!havePython)("live against the installed numpy", () => {
  it("random arrays of every dtype, protocols 2–5, numpy 1.x names, .npz: the same numbers", async () => {
    const out = mkdtempSync(join(tmpdir(), "scratchnet-numpy-"));
    try {
      const script = `
import json, pickle, sys, numpy as np
out = sys.argv[1]
rng = np.random.default_rng(2024)
a = {"f4": rng.standard_normal((5, 7)).astype("f4"), "f8": rng.standard_normal(9),
     "i1": rng.integers(-128, 127, 6, dtype="i1"), "i2": rng.integers(-9999, 9999, (2, 3), dtype="i2"),
     "u2": rng.integers(0, 65535, 4, dtype="u2"), "u4": rng.integers(0, 2**32 - 1, 3, dtype="u4"),
     "u8": np.array([2**53 - 1, 7], dtype="u8"), "bF": np.asfortranarray(rng.standard_normal((3, 2, 2)).astype(">f8"))}
for p in (2, 3, 4, 5):
    open(f"{out}/p{p}.pkl", "wb").write(pickle.dumps(a, protocol=p))
import numpy._core.multiarray as m, numpy._core.numeric as n  # numpy 1.x spelling: pickle writes __module__
m._reconstruct.__module__ = m.scalar.__module__ = "numpy.core.multiarray"
n._frombuffer.__module__ = "numpy.core.numeric"
for p in (2, 3, 4, 5):
    b = pickle.dumps(a, protocol=p)
    assert b"numpy._core" not in b
    open(f"{out}/p{p}-numpy1.pkl", "wb").write(b)
np.savez_compressed(f"{out}/a.npz", **a)
print(json.dumps({k: {"dtype": str(v.dtype.newbyteorder("=")), "shape": list(v.shape), "data": v.ravel().tolist()}
                  for k, v in a.items()}))`;
      const want = JSON.parse(execFileSync("python3", ["-c", script, out], { encoding: "utf8" }));
      want.bF.dtype = "float64";
      const names = ["p2", "p3", "p4", "p5", "p2-numpy1", "p3-numpy1", "p4-numpy1", "p5-numpy1"];
      for (const name of names) expect(plain(loadPickle(new Uint8Array(readFileSync(join(out, `${name}.pkl`))))), name).toEqual(want);
      expect(plain(await loadNpz(new Uint8Array(readFileSync(join(out, "a.npz")))))).toEqual(want);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
