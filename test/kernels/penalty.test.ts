// assembly/optim/penalty.ts ↔ test/reference/penalty.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/penalty.js";

const k = () => engine().k;

describe("weight penalties", () => {
  it.each(SIZES)("addL1Grad adds λ·sign(w) and addL2Grad adds 2λw, n = %i", (n) => {
    const ws = seededValues(n, -2, 2, n), gs = seededValues(n, -1, 1, n + 1), l1 = Math.fround(0.01), l2 = Math.fround(0.03);
    const w = tensorOf(ws, 1, n), d1 = tensorOf(gs, 1, n), d2 = tensorOf(gs, 1, n);
    k().addL1Grad(w.ptr, d1.ptr, n, l1);
    k().addL2Grad(w.ptr, d2.ptr, n, l2);
    // One f32 product and one addition on values ≤ 1.2: ≤ 2e-7.
    expect(maxAbsDiff(d1.data, ref.addL1Grad(ws, gs, l1))).toBeLessThan(3e-7);
    expect(maxAbsDiff(d2.data, ref.addL2Grad(ws, gs, l2))).toBeLessThan(3e-7);
  });

  it("sign(0) is 0: a zero weight gets no L1 push", () => {
    const w = tensorOf([0, -0, 3, -3], 1, 4), dw = tensorOf([1, 1, 1, 1], 1, 4);
    k().addL1Grad(w.ptr, dw.ptr, 4, 0.5);
    expect(Array.from(dw.data)).toEqual([1, 1, 1.5, 0.5]);
  });

  it.each(SIZES)("l1Norm = Σ|w| and l2Norm = Σw² match the f64 reference, n = %i", (n) => {
    const ws = seededValues(n, -2, 2, n + 3);
    const w = tensorOf(ws, 1, n);
    // Summed in f64 from exact f32 inputs: only the order of summation differs.
    expect(Math.abs(k().l1Norm(w.ptr, n) - ref.l1Norm(ws))).toBeLessThan(1e-9);
    expect(Math.abs(k().l2Norm(w.ptr, n) - ref.l2Norm(ws))).toBeLessThan(1e-9);
  });

  it("the gradients are those of λΣ|w| and λΣw² (central differences, away from w = 0)", () => {
    const n = 20, ws = seededValues(n, -2, 2, 9).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
    const w = tensorOf(ws, 1, n), dw = tensorOf(new Array(n).fill(0), 1, n);
    for (const [lambda, norm, grad] of [[0.3, "l1Norm", "addL1Grad"], [0.3, "l2Norm", "addL2Grad"]] as const) {
      const objective = (p: number[]) => (w.data.set(p), lambda * k()[norm](w.ptr, n));
      w.data.set(ws);
      dw.data.fill(0);
      k()[grad](w.ptr, dw.ptr, n, lambda);
      expect(gradientCheck(objective, ws, dw.data).error).toBeLessThan(GRADIENT_TOLERANCE);
    }
  });
});
