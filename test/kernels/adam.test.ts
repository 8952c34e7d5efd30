// assembly/optim/adam.ts ↔ test/reference/optimizers.ts#adamStep
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";

const k = () => engine().k;
const f = Math.fround;

describe("adamStep", () => {
  it.each(SIZES)("five steps match the f64 reference, n = %i", (n) => {
    // Keras/TF.js defaults, rounded to the f32 the kernel receives.
    const lr = f(0.01), b1 = f(0.9), b2 = f(0.999), eps = f(1e-7);
    let ws = seededValues(n, -1, 1, n), ms = new Array<number>(n).fill(0), vs = new Array<number>(n).fill(0);
    const w = tensorOf(ws, 1, n), m = tensorOf(ms, 1, n), v = tensorOf(vs, 1, n), dw = tensorOf(ws, 1, n);
    for (let t = 1; t <= 5; t++) {
      const gs = seededValues(n, -1, 1, 10 * n + t);
      dw.data.set(gs);
      k().adamStep(w.ptr, dw.ptr, m.ptr, v.ptr, n, lr, b1, b2, eps, t);
      ({ w: ws, m: ms, v: vs } = ref.adamStep(ws, gs, ms, vs, lr, b1, b2, eps, t));
    }
    // Each step moves w by ≤ ~lr; the f32 m/√v ratio is good to ~1e-6 relative, so 5 steps
    // of size 1e-2 stay within 1e-7 of the f64 path, plus the rounding of w itself (≤ 1.2e-7).
    expect(maxAbsDiff(w.data, ws)).toBeLessThan(5e-7);
    expect(maxAbsDiff(m.data, ms)).toBeLessThan(1e-6);
    expect(maxAbsDiff(v.data, vs)).toBeLessThan(1e-6);
  });

  it("bias correction divides by 1 − β^t: hand-computed steps of Kingma & Ba's Algorithm 1", () => {
    // w = 1, g = 0.5, lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-7 (Keras' default).
    // t = 1: m = 0.05, v = 0.00025, m̂ = m/(1 − 0.9) = 0.5, v̂ = v/(1 − 0.999) = 0.25,
    //        w = 1 − 0.1 · 0.5/(√0.25 + ε̂) ≈ 0.9.
    // t = 2: m = 0.095, v = 0.00049975, m̂ = 0.095/0.19 = 0.5, v̂ = 0.00049975/0.001999 = 0.25,
    //        w ≈ 0.9 − 0.1 = 0.8.
    // Keras' efficient form puts ε outside the correction, so ε̂ = ε/√(1 − β2^t): 3.2e-6 at t = 1
    // and 2.2e-6 at t = 2, which leaves w higher by 6.3e-7 and 1.08e-6 than the round numbers.
    // Multiplying by (1 − β1^t) instead (ConvNetJS' old bug) would give m̂ = 0.005 and w = 0.999.
    const epsHat = (t: number) => 1e-7 / Math.sqrt(1 - 0.999 ** t);
    const w1 = 1 - (0.1 * 0.5) / (0.5 + epsHat(1)), w2 = w1 - (0.1 * 0.5) / (0.5 + epsHat(2));
    const w = tensorOf([1], 1, 1), dw = tensorOf([0.5], 1, 1), m = tensorOf([0], 1, 1), v = tensorOf([0], 1, 1);
    k().adamStep(w.ptr, dw.ptr, m.ptr, v.ptr, 1, 0.1, 0.9, 0.999, 1e-7, 1);
    expect(Math.abs(w.data[0] - 0.9)).toBeLessThan(1e-6);
    expect(Math.abs(w.data[0] - w1)).toBeLessThan(1.2e-7); // ≤ 2 f32 ulps at 0.9
    // β1 reaches the kernel as f32 0.89999998, so m = (1 − β1)·g is 0.050000012: allow 5e-8.
    expect(Math.abs(m.data[0] - 0.05)).toBeLessThan(5e-8);
    // β2 = 0.999 is f32 0.99900001, so 1 − β2 = 0.00099998713: v is low by 1.3e-5 relative.
    expect(Math.abs(v.data[0] - 0.00025)).toBeLessThan(1e-8);
    k().adamStep(w.ptr, dw.ptr, m.ptr, v.ptr, 1, 0.1, 0.9, 0.999, 1e-7, 2);
    expect(Math.abs(w.data[0] - 0.8)).toBeLessThan(2e-6);
    expect(Math.abs(w.data[0] - w2)).toBeLessThan(1.2e-7);
    expect(Math.abs(m.data[0] - 0.095)).toBeLessThan(5e-8);
    expect(Math.abs(v.data[0] - 0.00049975)).toBeLessThan(1e-8);
  });

  it("the first step moves every weight by about lr, whatever the gradient's scale", () => {
    const gs = [0.05, -0.5, 20, -300];
    const w = tensorOf([0, 0, 0, 0], 1, 4), dw = tensorOf(gs, 1, 4), m = tensorOf([0, 0, 0, 0], 1, 4), v = tensorOf([0, 0, 0, 0], 1, 4);
    k().adamStep(w.ptr, dw.ptr, m.ptr, v.ptr, 4, 0.01, 0.9, 0.999, 1e-7, 1);
    // m̂/(√v̂ + ε/√(1 − β2)) = sign(g) up to 31.6·ε/|g| ≤ 6.4e-5 relative (6.4e-7 absolute).
    expect(maxAbsDiff(w.data, gs.map((g) => -0.01 * Math.sign(g)))).toBeLessThan(2e-6);
  });

  it("agrees with the paper's form (ε inside the correction) when ε is negligible", () => {
    const n = 5, ws = seededValues(n, -1, 1, 1), gs = seededValues(n, 0.1, 1, 2);
    const w = tensorOf(ws, 1, n), dw = tensorOf(gs, 1, n), m = tensorOf(new Array(n).fill(0), 1, n), v = tensorOf(new Array(n).fill(0), 1, n);
    k().adamStep(w.ptr, dw.ptr, m.ptr, v.ptr, n, 0.001, 0.9, 0.999, 1e-8, 1);
    const paper = ref.adamStep(ws, gs, new Array(n).fill(0), new Array(n).fill(0), 0.001, f(0.9), f(0.999), 1e-8, 1, false);
    expect(maxAbsDiff(w.data, paper.w)).toBeLessThan(2e-7);
  });
});
