// assembly/optim/adamax.ts ↔ test/reference/optimizers.ts#adamaxStep (TensorFlow.js's update); the
// scalar step = (−lr/(1 + t·decay))/(1 − β1^t) is src/optimizers/adamax.ts's, given here as the f64 value.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";
import { stepsAgainstReference } from "./optim-steps.js";

const k = () => engine().k;

describe("adamaxStep", () => {
  it.each(SIZES)("10 steps match the f64 reference, n = %i", (n) => {
    const [lr, b1, b2, eps, decay] = [0.02, 0.9, 0.999, 1e-7, 0.05];
    const r = stepsAgainstReference(n, 10, [0, 0], (w, dw, [m, u], size, t) => {
      k().adamaxStep(w, dw, m, u, size, -lr / (1 + (t - 1) * decay) / (1 - b1 ** t), b1, b2, eps);
    }, (w, g, [m, u], t) => {
      const s = ref.adamaxStep(w, g, m, u, lr, b1, b2, eps, decay, t);
      return { w: s.w, slots: [s.m, s.u] };
    });
    expect(r.w).toBeLessThan(1e-6);
    r.slots.forEach((d) => expect(d).toBeLessThan(1e-6));
  });
});
