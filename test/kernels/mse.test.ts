// assembly/losses/mse.ts ↔ test/reference/losses.ts#mse
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/losses.js";

const k = () => engine().k;

describe("mse", () => {
  it.each(SIZES)("matches the f64 reference, n = %i", (n) => {
    const as = seededValues(n, -3, 3, n), ys = seededValues(n, -3, 3, n + 1);
    const a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n);
    // The difference is one f32 subtraction (relative 6e-8), squared and summed in f64.
    const expected = ref.mse(as, ys);
    expect(Math.abs(k().mse(a.ptr, y.ptr, n) - expected)).toBeLessThanOrEqual(1e-6 * expected);
  });

  it("is the mean over every element (Keras), not ½‖a − y‖²", () => {
    const a = tensorOf([1, 2, 3, 4], 2, 2), y = tensorOf([0, 0, 0, 0], 2, 2);
    expect(k().mse(a.ptr, y.ptr, 4)).toBe((1 + 4 + 9 + 16) / 4);
  });

  it("a NaN prediction makes the loss NaN (fit's divergence check relies on it)", () => {
    const a = tensorOf([0.5, NaN, 1], 1, 3), y = tensorOf([0, 0, 1], 1, 3);
    expect(k().mse(a.ptr, y.ptr, 3)).toBeNaN();
  });

  it.each(SIZES)("backward is scale · (a − y) with Keras' scale 2/n, n = %i", (n) => {
    const as = seededValues(n, -3, 3, n), ys = seededValues(n, -3, 3, n + 1);
    const a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n), da = tensorOf(as, 1, n);
    const scale = Math.fround(2 / Math.max(n, 1));
    k().mseBackward(a.ptr, y.ptr, da.ptr, n, scale);
    // |da| ≤ 12·scale; two f32 roundings.
    expect(maxAbsDiff(da.data, ref.mseBackward(as, ys, scale))).toBeLessThan(1e-6);
    k().mseBackward(a.ptr, y.ptr, a.ptr, n, scale); // da may be a
    expect(maxAbsDiff(a.data, ref.mseBackward(as, ys, scale))).toBeLessThan(1e-6);
  });

  it("backward agrees with central differences of the loss", () => {
    const n = 15, as = seededValues(n, -2, 2, 1), ys = seededValues(n, -2, 2, 2);
    const a = tensorOf(as, 3, 5), y = tensorOf(ys, 3, 5), da = tensorOf(as, 3, 5);
    const objective = (p: number[]) => (a.data.set(p), k().mse(a.ptr, y.ptr, n));
    k().mseBackward(a.ptr, y.ptr, da.ptr, n, 2 / n);
    // A quadratic: the central difference is exact up to f32 rounding of the perturbed a.
    expect(gradientCheck(objective, as, da.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
