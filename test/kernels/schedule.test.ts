// assembly/optim/schedule.ts (pow and cos rounded to f32) and the schedules built on them
// (src/optimizers/schedules.ts) ↔ test/reference/optimizers.ts#schedules, Keras's formulas in f64.
import { describe, it, expect } from "vitest";
import { engine, exponentialDecay, cosineDecay, piecewiseConstantDecay, ModelError } from "../../src/index.js";
import * as ref from "../reference/optimizers.js";

const k = () => engine().k;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);

describe("schedule kernels", () => {
  it("schedulePow and scheduleCos are the f64 functions rounded to f32", () => {
    for (const [b, p] of [[0.96, 0.5], [0.5, 10], [0.9, 123.456], [2, -3]]) expect(k().schedulePow(b, p)).toBe(Math.fround(Math.fround(b) ** Math.fround(p)));
    for (const x of [0, 0.5, 1, Math.PI / 2, 3, Math.PI]) expect(Math.abs(k().scheduleCos(x) - Math.cos(Math.fround(x)))).toBeLessThan(6e-8);
  });
});

describe("learning-rate schedules follow Keras's formulas", () => {
  it("exponentialDecay, smooth and staircase, within 1e-6 relative over 1,000 steps", () => {
    for (const staircase of [false, true]) {
      const s = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 30, decayRate: 0.9, staircase });
      // The reference takes decayRate as float32 holds it, as Keras's float32 ops do: 0.9's rounding
      // alone (1.5e-8) grows to 5e-7 in 0.9^33.
      for (let t = 0; t < 1000; t += 7) expect(rel(s.at(t, k()), ref.schedules.exponential(t, 0.1, 30, Math.fround(0.9), staircase))).toBeLessThan(1e-6);
    }
    expect(exponentialDecay({ initialLearningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true }).at(19, k())).toBe(0.5);
  });

  it("cosineDecay with and without warmup, and alpha, within 1e-6 relative (absolute near the end)", () => {
    const cases = [[0.1, 100, 0, null, 0], [0.1, 100, 0.1, null, 0], [0.001, 50, 0.05, 0.01, 20]] as const;
    for (const [lr0, steps, alpha, warmupTarget, warmupSteps] of cases) {
      const s = cosineDecay({ initialLearningRate: lr0, decaySteps: steps, alpha, warmupTarget, warmupSteps });
      for (let t = 0; t <= 200; t += 3) {
        const want = ref.schedules.cosine(t, lr0, steps, alpha, warmupTarget, warmupSteps);
        expect(Math.abs(s.at(t, k()) - want)).toBeLessThan(1e-6 * Math.max(lr0, warmupTarget ?? 0));
      }
    }
    // Warmup: halfway there at step 10 of 20; the target at 20; alpha × target after the decay.
    const w = cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, alpha: 0.5, warmupTarget: 0.3, warmupSteps: 20 });
    [w.at(10, k()), w.at(20, k()), w.at(30, k()), w.at(99, k())].forEach((lr, i) => expect(lr).toBeCloseTo([0.2, 0.3, 0.15, 0.15][i], 7));
  });

  it("piecewiseConstantDecay: values[0] up to and including the first boundary", () => {
    const s = piecewiseConstantDecay({ boundaries: [100, 110], values: [1, 0.5, 0.1] });
    for (const t of [0, 100, 101, 110, 111, 5000]) expect(s.at(t)).toBe(Math.fround(ref.schedules.piecewise(t, [100, 110], [1, 0.5, 0.1])));
  });

  it("bad arguments are refused with what to give", () => {
    expect(() => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 })).toThrow(ModelError);
    expect(() => piecewiseConstantDecay({ boundaries: [10, 5], values: [1, 2, 3] })).toThrow(/increasing/);
    expect(() => piecewiseConstantDecay({ boundaries: [10], values: [1] })).toThrow(/one more value than boundaries/);
    expect(() => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmupSteps: 5 })).toThrow(/warmupSteps needs warmupTarget/);
  });
});
