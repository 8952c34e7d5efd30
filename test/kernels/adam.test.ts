// assembly/optim/adam.ts ↔ test/reference/optimizers.ts#adamStepF32 (TensorFlow.js's CPU ops in
// f32, bit for bit) and #adamStep (TensorFlow.js's formula in f64).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";

const k = () => engine().k;
const f = Math.fround;

/** `steps` kernel steps from zero moments with TF.js's accumulated powers; returns w, m, v. */
function kernelSteps(w0: number[], grads: number[][], lr: number, b1: number, b2: number, eps: number) {
  const n = w0.length, w = tensorOf(w0, 1, n), m = tensorOf(new Array(n).fill(0), 1, n), v = tensorOf(new Array(n).fill(0), 1, n), dw = tensorOf(w0, 1, n);
  let acc1 = f(b1), acc2 = f(b2);
  for (const g of grads) {
    dw.data.set(g);
    k().adamStep(w.ptr, dw.ptr, m.ptr, v.ptr, n, lr, b1, b2, eps, acc1, acc2);
    [acc1, acc2] = [f(acc1 * f(b1)), f(acc2 * f(b2))];
  }
  return { w: Array.from(w.data), m: Array.from(m.data), v: Array.from(v.data) };
}

describe("adamStep", () => {
  it.each(SIZES)("five steps give TensorFlow.js's f32 bits exactly (its CPU ops one by one), n = %i", (n) => {
    // Keras/TF.js defaults except lr; β as a user gives them (1 − β is taken in f64, then rounded).
    const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    const grads = Array.from({ length: 5 }, (_, t) => seededValues(n, -1, 1, 10 * n + t + 1));
    const w0 = seededValues(n, -1, 1, n);
    let r = { w: w0, m: new Array<number>(n).fill(0), v: new Array<number>(n).fill(0) }, acc1 = f(b1), acc2 = f(b2);
    for (const g of grads) {
      r = ref.adamStepF32(r.w, g, r.m, r.v, lr, b1, b2, eps, acc1, acc2);
      [acc1, acc2] = [f(acc1 * f(b1)), f(acc2 * f(b2))];
    }
    expect(kernelSteps(w0, grads, lr, b1, b2, eps)).toEqual(r);
  });

  it.each(SIZES)("five steps match TensorFlow.js's formula in f64, n = %i", (n) => {
    const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    const grads = Array.from({ length: 5 }, (_, t) => seededValues(n, -1, 1, 10 * n + t + 1));
    const w0 = seededValues(n, -1, 1, n);
    let r = { w: w0, m: new Array<number>(n).fill(0), v: new Array<number>(n).fill(0) };
    grads.forEach((g, t) => (r = ref.adamStep(r.w, g, r.m, r.v, lr, b1, b2, eps, t + 1, { f32Scalars: true })));
    const got = kernelSteps(w0, grads, lr, b1, b2, eps);
    // Each step moves w by ≤ ~lr; the f32 m̂/√v̂ ratio is good to ~1e-6 relative, so 5 steps of
    // 1e-2 stay within ~1e-7 of the f64 path, plus the rounding of w itself (≤ 1.2e-7).
    expect(maxAbsDiff(got.w, r.w)).toBeLessThan(3e-7);
    expect(maxAbsDiff(got.m, r.m)).toBeLessThan(1e-6);
    expect(maxAbsDiff(got.v, r.v)).toBeLessThan(1e-6);
  });

  it("bias correction divides by 1 − β^t: hand-computed steps of Kingma & Ba's Algorithm 1", () => {
    // w = 1, g = 0.5, lr = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-7.
    // t = 1: m = 0.05, v = 0.00025, m̂ = m/(1 − 0.9) = 0.5, v̂ = v/(1 − 0.999) = 0.25,
    //        w = 1 − 0.1 · 0.5/(√0.25 + ε) = 0.90000002.
    // t = 2: m = 0.095, v = 0.00049975, m̂ = 0.095/0.19 = 0.5, v̂ = 0.00049975/0.001999 = 0.25, w ≈ 0.8.
    // TensorFlow.js's f32 scalars move this a little: 1 − β is f32(0.1) = 0.10000000149 and
    // f32(0.001) = 0.0010000000475, but 1 − β^1 is 1 − f32(0.9) = 0.10000002384 and
    // 1 − f32(0.999) = 0.00099998713: m̂ is 0.49999989 and v̂ 0.25000323, so w = 0.90000069.
    // Without the correction (m̂ = m, v̂ = v) t = 1 would give w = 1 − 0.1 · 0.05/0.0158 = 0.684;
    // multiplying by (1 − β1^t) instead (ConvNetJS' old bug) would give m̂ = 0.005 and w = 0.999.
    const { w, m, v } = kernelSteps([1], [[0.5]], 0.1, 0.9, 0.999, 1e-7);
    const mHat = (0.5 * 0.10000000149011612) / 0.10000002384185791, vHat = (0.25 * 0.0010000000474974513) / 0.00099998712539673;
    expect(Math.abs(w[0] - (1 - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-7)))).toBeLessThan(6e-8); // 1 f32 ulp at 0.9
    expect(Math.abs(w[0] - 0.9)).toBeLessThan(7e-7);
    expect(Math.abs(m[0] - 0.05)).toBeLessThan(5e-9);
    expect(Math.abs(v[0] - 0.00025)).toBeLessThan(1e-10);
    const two = kernelSteps([1], [[0.5], [0.5]], 0.1, 0.9, 0.999, 1e-7);
    expect(Math.abs(two.w[0] - 0.8)).toBeLessThan(2e-6);
    expect(Math.abs(two.m[0] - 0.095)).toBeLessThan(1e-8);
    expect(Math.abs(two.v[0] - 0.00049975)).toBeLessThan(1e-10);
  });

  it("the first step moves every weight by lr · g/(|g| + ε), whatever the gradient's scale", () => {
    const gs = [0.05, -0.5, 20, -300, 3e-6];
    const { w } = kernelSteps(gs.map(() => 0), [gs], 0.01, 0.9, 0.999, 1e-7);
    // Up to TensorFlow.js's scalar rounding (previous test): 6.5e-6 relative, 6.5e-8 absolute.
    expect(maxAbsDiff(w, gs.map((g) => (-0.01 * g) / (Math.abs(g) + 1e-7)))).toBeLessThan(7e-8);
    expect(maxAbsDiff(w, ref.adamStep(gs.map(() => 0), gs, gs.map(() => 0), gs.map(() => 0), 0.01, 0.9, 0.999, 1e-7, 1, { f32Scalars: true }).w)).toBeLessThan(2e-9);
  });

  it("ε is added to the corrected √v̂ (TensorFlow.js), not to √v (Keras' efficient form)", () => {
    // g = 1e-6 at t = 1: TF.js steps lr·1e-6/(1e-6 + 1e-7) = 0.909·lr; Keras' form has ε/√(1 − β2)
    // = 3.2e-6 in effect and steps 0.240·lr.
    const { w } = kernelSteps([0], [[1e-6]], 0.01, 0.9, 0.999, 1e-7);
    const [tfjs, keras] = (["tfjs", "keras"] as const).map((form) => ref.adamStep([0], [1e-6], [0], [0], 0.01, 0.9, 0.999, 1e-7, 1, { form, f32Scalars: true }).w[0]);
    expect([tfjs, keras].map((x) => Number((x / -0.01).toFixed(3)))).toEqual([0.909, 0.24]);
    expect(Math.abs(w[0] - tfjs)).toBeLessThan(1e-9);
  });

  it("adamBetaPower is TensorFlow.js's resume pow(β, t) in f32: the same bits as V8's Math.pow rounded", () => {
    // TensorFlow.js's setWeights() runs its CPU Pow kernel, Math.pow(f32 β, t) stored as f32.
    const betas = [0.9, 0.999, 0.99, 0.95, 0.5, 0.9999, ...seededValues(20, 0.5, 1, 9)];
    const ts = [1, 2, 3, 6, 10, 100, 999, 1000, 4321, 60000, 123456, ...seededValues(40, 1, 3e5, 10).map(Math.round)];
    const off = betas.flatMap((b) => ts.filter((t) => k().adamBetaPower(b, t) !== f(Math.pow(f(b), t))).map((t) => `${b}^${t}`));
    expect(off).toEqual([]);
    expect(k().adamBetaPower(0.9, 1)).toBe(f(0.9));
  });
});
