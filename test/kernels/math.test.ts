// assembly/math/* ↔ float64 Math.exp/log/tanh (V8's are within 1 f64 ulp, 2^-29 of an f32 ulp).
// Accuracy is stated in f32 ulps of the true result: |got − ref| / spacing of f32 at |ref|
// (2^-149 below 2^-126). Swept here over every 2^11-th (exp, log) or 2^12-th (tanh, sigmoid)
// f32 bit pattern of the domain, both signs, 4.2 M points in all. A denser sweep, every 2^5-th,
// measured on the committed build (max / mean ulp, points):
//   exp     x in [−104, 89]   0.969 / 0.065    70 M     (worst at x = −81.412109375)
//   log     x in [0, +Inf)    0.815 / 0.250    67 M     (worst at x = 1.3994255065917969)
//   tanh    all finite x      1.298 / 0.016   134 M     (worst at x = 0.6406269073486328)
//   sigmoid all finite x      2.402 / 0.042   134 M     (worst at x = −5.542755126953125)
// The bounds asserted below are these maxima rounded up.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf } from "../helpers.js";
import { f32OfBits, sweep, ulpOf, type ArrayKernel } from "../ulp.js";

const k = () => engine().k;
const sigmoidRef = (x: number) => 1 / (1 + Math.exp(-x));

describe("math: f32x4 exp, log, tanh, sigmoid", () => {
  // Bounds: the dense sweep's maxima above, rounded up; a wrong coefficient or range reduction
  // shows up as tens to millions of ulps.
  it.each([
    ["exp", "exp", Math.exp, -104, 89, 1],
    ["log", "log", Math.log, 0, Infinity, 1],
    ["tanh", "tanh", Math.tanh, -Infinity, Infinity, 1.5],
    ["sigmoid", "sigmoid", sigmoidRef, -Infinity, Infinity, 2.5],
  ] as const)("%s is within its stated ulp bound over a dense sweep", (name, kernel, ref, lo, hi, bound) => {
    // Every 2^11-th pattern for exp and log (one sign), every 2^12-th for tanh and sigmoid (both).
    const { worst, points } = sweep(k()[kernel], ref, lo, hi, name === "exp" || name === "log" ? 11 : 12);
    expect(points).toBeGreaterThan(1_000_000);
    expect(worst).toBeLessThanOrEqual(bound);
  });

  const run = (kernel: ArrayKernel, xs: number[]) => {
    const x = tensorOf(xs, 1, xs.length);
    kernel(x.ptr, x.ptr, xs.length);
    return Array.from(x.data);
  };

  it("exp: special values, overflow, and gradual underflow", () => {
    const got = run(k().exp, [0, -0, Infinity, -Infinity, 88.72283, 88.7229, -87.33655, -103.27, -103.98, -1000, 1000, NaN]);
    expect(got.slice(0, 4)).toEqual([1, 1, Infinity, 0]);
    expect(got[5]).toBe(Infinity); // above ln(FLT_MAX)
    // Near FLT_MAX, near FLT_MIN and deep in the subnormals (not flushed to 0): still ≤ 1 ulp.
    for (const i of [4, 6, 7]) {
      const r = Math.exp(Math.fround([0, 0, 0, 0, 88.72283, 0, -87.33655, -103.27][i]));
      expect(Math.abs(got[i] - r) / ulpOf(r)).toBeLessThanOrEqual(1);
    }
    expect(got[7]).toBeGreaterThan(0);
    expect(got.slice(8, 11)).toEqual([0, 0, Infinity]);
    expect(got[11]).toBeNaN();
  });

  it("log: special values and subnormal inputs", () => {
    const got = run(k().log, [1, 0, -0, -1, -Infinity, Infinity, NaN, 2 ** -149, 2 ** -130, 3.4028234663852886e38]);
    expect(got.slice(0, 3)).toEqual([0, -Infinity, -Infinity]);
    expect(got[3]).toBeNaN();
    expect(got[4]).toBeNaN();
    expect(got[5]).toBe(Infinity);
    expect(got[6]).toBeNaN();
    for (const [i, v] of [[7, 2 ** -149], [8, 2 ** -130], [9, 3.4028234663852886e38]]) {
      expect(Math.abs(got[i] - Math.log(v)) / ulpOf(Math.log(v))).toBeLessThanOrEqual(1);
    }
  });

  it("tanh and sigmoid: signs, zeros, saturation, subnormals", () => {
    const t = run(k().tanh, [0, -0, 1e-40, -1e-40, 20, -20, Infinity, -Infinity, NaN]);
    expect(Object.is(t[0], 0) && Object.is(t[1], -0)).toBe(true);
    expect(t.slice(2, 8)).toEqual([Math.fround(1e-40), Math.fround(-1e-40), 1, -1, 1, -1]);
    expect(t[8]).toBeNaN();
    const s = run(k().sigmoid, [0, -0, 100, -100, -200, Infinity, -Infinity, NaN]);
    expect(s.slice(0, 3)).toEqual([0.5, 0.5, 1]);
    expect(s[3]).toBe(Math.fround(sigmoidRef(-100))); // 3.7e-44: subnormal, not 1/(1 + Inf) = 0
    expect(s.slice(4, 7)).toEqual([0, 1, 0]);
    expect(s[7]).toBeNaN();
  });

  it("the scalar tails give exactly the bits of a SIMD lane", () => {
    // Arrays of length 4 go through the f32x4 path; length 1 through the scalar twin.
    const xs = Array.from({ length: 4000 }, (_, i) => f32OfBits(((i * 2654435761) >>> 0) & 0xc2ffffff));
    for (const name of ["exp", "log", "tanh", "sigmoid"] as const) {
      const lanes = run(k()[name], xs);
      const one = tensorOf([0], 1, 1);
      const scalars = xs.map((v) => {
        one.data[0] = v;
        k()[name](one.ptr, one.ptr, 1);
        return one.data[0];
      });
      expect(new Uint32Array(new Float32Array(scalars).buffer)).toEqual(new Uint32Array(new Float32Array(lanes).buffer));
    }
  });
});
