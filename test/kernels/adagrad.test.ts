// assembly/optim/adagrad.ts ↔ test/reference/optimizers.ts#adagradStep (TensorFlow.js's update).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";
import { stepsAgainstReference } from "./optim-steps.js";

const k = () => engine().k;

describe("adagradStep", () => {
  it.each(SIZES)("10 steps from the initial accumulator 0.1 match the f64 reference, n = %i", (n) => {
    const r = stepsAgainstReference(n, 10, [0.1], (w, dw, [acc], size) => k().adagradStep(w, dw, acc, size, 0.1, 1e-7), (w, g, [acc]) => {
      const s = ref.adagradStep(w, g, acc, 0.1, 1e-7);
      return { w: s.w, slots: [s.acc] };
    });
    expect(r.w).toBeLessThan(1e-6);
    expect(r.slots[0]).toBeLessThan(1e-5); // acc grows to ~4; f32 keeps 7 digits
  });

  it("a hand-computed step: acc = 0.1 + 0.3² = 0.19; w = 1 − 0.5·0.3/√0.19", () => {
    const w = tensorOf([1], 1, 1), dw = tensorOf([0.3], 1, 1), acc = tensorOf([0.1], 1, 1);
    k().adagradStep(w.ptr, dw.ptr, acc.ptr, 1, 0.5, 1e-7);
    expect(acc.data[0]).toBe(Math.fround(0.19));
    expect(w.data[0]).toBeCloseTo(1 - (0.5 * 0.3) / Math.sqrt(0.19), 6);
  });
});
