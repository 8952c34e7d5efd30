// assembly/optim/weight-decay.ts ↔ test/reference/optimizers.ts#weightDecay (Keras's AdamW decay).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, SIZES } from "../helpers.js";
import * as ref from "../reference/optimizers.js";

describe("weightDecayStep", () => {
  it.each(SIZES)("gives w − (w·wd)·lr in f32, op by op, n = %i", (n) => {
    const ws = seededValues(n, -2, 2, n), w = tensorOf(ws, 1, n), f = Math.fround;
    engine().k.weightDecayStep(w.ptr, n, 0.01, 0.004);
    expect(Array.from(w.data)).toEqual(ws.map((x) => f(f(x) - f(f(f(x) * f(0.004)) * f(0.01)))));
    ref.weightDecay(ws, 0.01, 0.004).forEach((x, i) => expect(Math.abs(x - w.data[i])).toBeLessThan(3e-7));
  });
});
