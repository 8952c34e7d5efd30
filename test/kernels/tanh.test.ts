// assembly/activations/tanh.ts ↔ test/reference/activations.ts#tanh
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/activations.js";

const k = () => engine().k;

describe("tanh", () => {
  it.each(SIZES)("matches the f64 reference in place, n = %i", (n) => {
    const xs = seededValues(n, -6, 6, n);
    const x = tensorOf(xs, 1, n);
    k().tanh(x.ptr, x.ptr, n);
    // Outputs lie in (−1, 1), where one f32 ulp is ≤ 6e-8; Mathf.tanh is within a few ulps.
    expect(maxAbsDiff(x.data, xs.map(ref.tanh))).toBeLessThan(1e-6);
  });

  it("is odd, 0 at 0, and saturates to ±1 without NaN", () => {
    const x = tensorOf([0, -0.5, 0.5, -100, 100, -Infinity, Infinity], 1, 7);
    k().tanh(x.ptr, x.ptr, 7);
    const d = Array.from(x.data);
    expect(d[0]).toBe(0);
    expect(d[1]).toBe(-d[2]);
    expect(d.slice(3)).toEqual([-1, 1, -1, 1]);
  });

  it.each(SIZES)("backward is dy · (1 − a²), n = %i", (n) => {
    const as = seededValues(n, -1, 1, n + 100), dys = seededValues(n, -2, 2, n + 200);
    const a = tensorOf(as, 1, n), dy = tensorOf(dys, 1, n);
    k().tanhBackward(a.ptr, dy.ptr, dy.ptr, n);
    // |dz| ≤ 2; two f32 roundings of values ≤ 2 stay below 5e-7.
    expect(maxAbsDiff(dy.data, as.map((ai, i) => ref.tanhBackward(ai, dys[i])))).toBeLessThan(1e-6);
  });

  it("backward agrees with central differences of the forward", () => {
    const n = 64, xs = seededValues(n, -3, 3, 7), dys = seededValues(n, -1, 1, 8);
    const x = tensorOf(xs, 1, n), a = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n), dz = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().tanh(x.ptr, a.ptr, n);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    objective(xs);
    k().tanhBackward(a.ptr, dy.ptr, dz.ptr, n);
    // eps 1e-2: truncation error ≈ eps²·|f'''|/6 ≤ 3e-5 relative, f32 rounding ≈ 1e-5.
    expect(gradientCheck(objective, xs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
