// assembly/optim/sgd.ts ↔ test/reference/optimizers.ts#sgdStep
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";

const k = () => engine().k;

describe("sgdStep", () => {
  it.each(SIZES)("w −= lr · dw matches the f64 reference, n = %i", (n) => {
    const ws = seededValues(n, -1, 1, n), gs = seededValues(n, -1, 1, n + 1), lr = Math.fround(0.05);
    const w = tensorOf(ws, 1, n), dw = tensorOf(gs, 1, n);
    k().sgdStep(w.ptr, dw.ptr, n, lr);
    // |w| ≤ 1.05: one f32 product and one subtraction, ≤ 1.2e-7 each.
    expect(maxAbsDiff(w.data, ref.sgdStep(ws, gs, lr))).toBeLessThan(3e-7);
    expect(Array.from(dw.data)).toEqual(gs); // the gradient is read, not changed
  });

  it("a hand-computed step (seed 003's update_params): W = W − η·dW", () => {
    const w = tensorOf([1, -2, 0.5], 1, 3), dw = tensorOf([0.5, 0.25, -1], 1, 3);
    k().sgdStep(w.ptr, dw.ptr, 3, 0.5);
    expect(Array.from(w.data)).toEqual([0.75, -2.125, 1]); // exact in binary floating point
  });
});
