// assembly/optim/rmsprop.ts ↔ test/reference/optimizers.ts#rmspropStep (TensorFlow.js's update; centered as Keras).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";
import { stepsAgainstReference } from "./optim-steps.js";

const k = () => engine().k;

describe("rmspropStep", () => {
  it.each(SIZES.flatMap((n) => [[n, false], [n, true]] as const))("10 steps match the f64 reference, n = %i, centered %s", (n, centered) => {
    const [lr, rho, mu, eps] = [0.01, 0.9, 0.5, 1e-7];
    const r = stepsAgainstReference(n, 10, [0, 0, 0], (w, dw, [ms, mom, mg], size) => k().rmspropStep(w, dw, ms, mom, mg, size, lr, rho, mu, eps, centered ? 1 : 0),
      (w, g, [ms, mom, mg]) => {
        const s = ref.rmspropStep(w, g, ms, mom, mg, lr, rho, mu, eps, centered);
        return { w: s.w, slots: [s.ms, s.mom, s.mg] };
      });
    expect(r.w).toBeLessThan(1e-6);
    r.slots.forEach((d) => expect(d).toBeLessThan(1e-6));
  });

  it("centered divides by √((ms − mg²) + ε), Keras's form: finite where TensorFlow.js's √(ms − (mg² + ε)) is NaN", () => {
    // One step from zero state with g = 1, ρ = 0.5: ms = 0.5, mg = 0.5, ms − mg² = 0.25, so the step is lr·1/√(0.25 + ε).
    const w = tensorOf([0], 1, 1), dw = tensorOf([1], 1, 1), ms = tensorOf([0], 1, 1), mom = tensorOf([0], 1, 1), mg = tensorOf([0], 1, 1);
    k().rmspropStep(w.ptr, dw.ptr, ms.ptr, mom.ptr, mg.ptr, 1, 0.5, 0.5, 0, 1e-7, 1);
    expect(w.data[0]).toBeCloseTo(-1, 5);
    // With g equal each step, ms = mg², the case TensorFlow.js 4.22 turns into √(−ε) = NaN.
    const w2 = tensorOf([0], 1, 1), ms2 = tensorOf([0.25], 1, 1), mg2 = tensorOf([0.5], 1, 1), mom2 = tensorOf([0], 1, 1), g2 = tensorOf([0.5], 1, 1);
    k().rmspropStep(w2.ptr, g2.ptr, ms2.ptr, mom2.ptr, mg2.ptr, 1, 0.001, 0.9, 0, 1e-7, 1);
    expect(Number.isFinite(w2.data[0])).toBe(true);
  });
});
