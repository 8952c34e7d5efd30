// assembly/optim/momentum.ts ↔ test/reference/optimizers.ts#momentumStep
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";
import { stepsAgainstReference } from "./optim-steps.js";

const k = () => engine().k;

describe("momentumStep", () => {
  it.each(SIZES)("three steps match the f64 reference, n = %i", (n) => {
    const lr = Math.fround(0.1), mu = Math.fround(0.9);
    let ws = seededValues(n, -1, 1, n), vs = new Array<number>(n).fill(0);
    const w = tensorOf(ws, 1, n), v = tensorOf(vs, 1, n), dw = tensorOf(ws, 1, n);
    for (let s = 0; s < 3; s++) {
      const gs = seededValues(n, -1, 1, 10 * n + s);
      dw.data.set(gs);
      k().momentumStep(w.ptr, dw.ptr, v.ptr, n, lr, mu);
      ({ w: ws, v: vs } = ref.momentumStep(ws, gs, vs, lr, mu));
    }
    // |w| ≤ 1.6, |v| ≤ 0.3 after three steps; f32 rounding compounds to ≤ 1e-6.
    expect(maxAbsDiff(w.data, ws)).toBeLessThan(1e-6);
    expect(maxAbsDiff(v.data, vs)).toBeLessThan(1e-6);
  });

  it("pins Keras' form v = μv − lr·g, w += v with a hand-computed step", () => {
    // w = 1, v = 0.5, g = 2, lr = 0.25, μ = 0.5: v = 0.25 − 0.5 = −0.25, w = 0.75.
    // (The Sutskever/PyTorch form v = μv + g, w −= lr·v would give v = 2.25, w = 0.4375.)
    const w = tensorOf([1], 1, 1), dw = tensorOf([2], 1, 1), v = tensorOf([0.5], 1, 1);
    k().momentumStep(w.ptr, dw.ptr, v.ptr, 1, 0.25, 0.5);
    expect(Array.from(v.data)).toEqual([-0.25]);
    expect(Array.from(w.data)).toEqual([0.75]);
  });

  it("with μ = 0 is plain SGD", () => {
    const ws = seededValues(37, -1, 1, 1), gs = seededValues(37, -1, 1, 2);
    const a = tensorOf(ws, 1, 37), b = tensorOf(ws, 1, 37), dw = tensorOf(gs, 1, 37), v = tensorOf(new Array(37).fill(0), 1, 37);
    k().momentumStep(a.ptr, dw.ptr, v.ptr, 37, 0.1, 0);
    k().sgdStep(b.ptr, dw.ptr, 37, 0.1);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it.each(SIZES)("nesterovStep: three steps match Keras's Nesterov in f64, n = %i", (n) => {
    const r = stepsAgainstReference(n, 3, [0], (w, dw, [v], size) => k().nesterovStep(w, dw, v, size, 0.1, 0.9), (w, g, [v]) => {
      const s = ref.nesterovStep(w, g, v, 0.1, 0.9);
      return { w: s.w, slots: [s.v] };
    });
    expect(r.w).toBeLessThan(1e-6);
    expect(r.slots[0]).toBeLessThan(1e-6);
  });

  it("nesterovStep is TensorFlow.js's w −= lr·(g + μ·accum) with accum = −v/lr, a hand-computed step", () => {
    // w = 1, v = 0.5 (accum = −2 at lr 0.25), g = 2, μ = 0.5: v = 0.25 − 0.5 = −0.25; w += μv − lr·g = −0.125 − 0.5.
    // TensorFlow.js: accum = 0.5·(−2) + 2 = 1; w −= 0.25·(2 + 0.5·1) = 0.625. Both give w = 0.375.
    const w = tensorOf([1], 1, 1), dw = tensorOf([2], 1, 1), v = tensorOf([0.5], 1, 1);
    k().nesterovStep(w.ptr, dw.ptr, v.ptr, 1, 0.25, 0.5);
    expect([v.data[0], w.data[0]]).toEqual([-0.25, 0.375]);
  });
});
