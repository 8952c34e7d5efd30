// A pinned hash says the bits did not change, not that they are right (issue 12). The trainings
// whose weights are pinned (test/browser/determinism.browser.test.ts's scenarios, which the
// Chromium test also checks; test/model/determinism.test.ts pins one more) run here against the
// model fuzz's float64 plain-TypeScript loop (test/fuzz/reference-fit.ts), from the same starting
// weights and shuffles: the weights and history.loss must agree.
import { describe, it, expect } from "vitest";
import { SCENARIOS, SCENARIO_FIT, buildScenario } from "../browser/scenario.js";
import { referenceRun, weightError, type RefOptimizer, type RefSlots } from "../fuzz/reference-fit.js";
import * as opt from "../reference/optimizers.js";

const f = Math.fround; // the kernels take f32 hyper-parameters
const ADAM = { beta1: f(0.9), beta2: f(0.999), epsilon: f(1e-7) }; // TF.js's Adam defaults

/** Issue 14's scenarios (test/browser/scenario.ts), each with the f64 formula its kernel follows (TF.js's, or Keras's). */
const slots = (starts: number[], step: RefSlots["step"]): RefSlots => ({ name: "slots", starts, step });
const adam = (lr: (t: number) => number, wd = 0) => slots([0, 0], (w, g, [m, v], t) => {
  const r = opt.adamStep(opt.weightDecay(w, lr(t), wd), g, m, v, lr(t), 0.9, 0.999, 1e-7, t);
  return { w: r.w, slots: [r.m, r.v] };
});
const MADE: Record<string, RefSlots> = {
  nesterov: slots([0], (w, g, [v]) => { const r = opt.nesterovStep(w, g, v, 0.1, f(0.9)); return { w: r.w, slots: [r.v] }; }),
  rmsprop: slots([0, 0, 0], (w, g, [ms, mom, mg]) => {
    const r = opt.rmspropStep(w, g, ms, mom, mg, 0.01, 0.9, 0.5, 1e-7, true);
    return { w: r.w, slots: [r.ms, r.mom, r.mg] };
  }),
  adagrad: slots([0.1], (w, g, [acc]) => { const r = opt.adagradStep(w, g, acc, 0.1, 1e-7); return { w: r.w, slots: [r.acc] }; }),
  adadelta: slots([0, 0], (w, g, [ag, ad]) => { const r = opt.adadeltaStep(w, g, ag, ad, 1, 0.95, 1e-7); return { w: r.w, slots: [r.ag, r.ad] }; }),
  adamax: slots([0, 0], (w, g, [m, u], t) => { const r = opt.adamaxStep(w, g, m, u, 0.02, 0.9, 0.999, 1e-7, 0.01, t); return { w: r.w, slots: [r.m, r.u] }; }),
  adamw: adam(() => 0.02, 0.05),
  exponentialDecay: adam((t) => opt.schedules.exponential(t - 1, 0.02, 7, f(0.9), false)),
  cosineDecay: slots([], (w, g, _, t) => ({ w: opt.sgdStep(w, g, opt.schedules.cosine(t - 1, 0.05, 20, 0.1, 0.3, 5)), slots: [] })),
};

describe("the pinned trainings match the float64 reference", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s scenario", async (_name, s) => {
    const { model, optimizer } = buildScenario(s), { x, y } = s.data();
    model.compile({ optimizer, loss: s.loss });
    const initial = model.getWeights();
    const history = await model.fit(x, y, { ...SCENARIO_FIT, seed: s.fitSeed, verbose: 0 });
    const o = s.optimizer;
    const refOptimizer: RefOptimizer = o.name === "made" ? MADE[s.name] : o.name === "sgd" ? { name: "sgd", lr: f(o.learningRate), momentum: f(o.momentum) } : { name: "adam", lr: f(o.learningRate), ...ADAM };
    const ref = referenceRun(s.layers, initial, x, y, { loss: s.loss, optimizer: refOptimizer, ...SCENARIO_FIT, seed: s.fitSeed });
    // 30 steps in f32 against f64, measured (weights relative to the largest; history.loss relative):
    // SGD 1.8e-7 and 1.4e-8, Adam (relu, softmax) 1.9e-6 and 1.2e-6, 4.0e-6 and 5.5e-6. Bounds: 10× the worst.
    expect(weightError(model.getWeights(), ref.layers)).toBeLessThan(4e-5);
    history.history.loss.forEach((l, e) => expect(Math.abs(l - ref.losses[e]) / ref.losses[e]).toBeLessThan(6e-5));
    model.dispose();
  });
});
