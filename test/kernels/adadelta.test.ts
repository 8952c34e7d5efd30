// assembly/optim/adadelta.ts ↔ test/reference/optimizers.ts#adadeltaStep (Keras's update, not TensorFlow.js 4.22's).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";
import { stepsAgainstReference } from "./optim-steps.js";

const k = () => engine().k;

describe("adadeltaStep", () => {
  it.each(SIZES)("10 steps match Keras's formula in f64, n = %i", (n) => {
    const [lr, rho, eps] = [1, 0.95, 1e-6];
    const r = stepsAgainstReference(n, 10, [0, 0], (w, dw, [ag, ad], size) => k().adadeltaStep(w, dw, ag, ad, size, lr, rho, eps), (w, g, [ag, ad]) => {
      const s = ref.adadeltaStep(w, g, ag, ad, lr, rho, eps);
      return { w: s.w, slots: [s.ag, s.ad] };
    });
    expect(r.w).toBeLessThan(1e-6);
    r.slots.forEach((d) => expect(d).toBeLessThan(1e-6));
  });

  it("divides by the accumulator of this step: the first step is −lr·√ε·g/√((1 − ρ)g² + ε), not TensorFlow.js 4.22's −lr·g", () => {
    const w = tensorOf([0], 1, 1), dw = tensorOf([2], 1, 1), ag = tensorOf([0], 1, 1), ad = tensorOf([0], 1, 1);
    k().adadeltaStep(w.ptr, dw.ptr, ag.ptr, ad.ptr, 1, 1, 0.95, 1e-6);
    expect(w.data[0]).toBeCloseTo(-(Math.sqrt(1e-6) * 2) / Math.sqrt(0.05 * 4 + 1e-6), 8);
    expect(Math.abs(w.data[0])).toBeLessThan(0.01); // TensorFlow.js's step would be −2
  });
});
