// A pinned hash says the bits did not change, not that they are right (issue 12). The trainings
// whose weights are pinned (test/browser/determinism.browser.test.ts's four scenarios, which the
// Chromium test also checks; test/model/determinism.test.ts pins one more) run here against the
// model fuzz's float64 plain-TypeScript loop (test/fuzz/reference-fit.ts), from the same starting
// weights and shuffles: the weights and history.loss must agree.
import { describe, it, expect } from "vitest";
import { SCENARIOS, SCENARIO_FIT, buildScenario } from "../browser/scenario.js";
import { referenceRun, weightError, type RefOptimizer } from "../fuzz/reference-fit.js";

const f = Math.fround; // the kernels take f32 hyper-parameters
const ADAM = { beta1: f(0.9), beta2: f(0.999), epsilon: f(1e-7) }; // TF.js's Adam defaults

describe("the pinned trainings match the float64 reference", () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s scenario", async (_name, s) => {
    const { model, optimizer } = buildScenario(s), { x, y } = s.data();
    model.compile({ optimizer, loss: s.loss });
    const initial = model.getWeights();
    const history = await model.fit(x, y, { ...SCENARIO_FIT, seed: s.fitSeed, verbose: 0 });
    const o = s.optimizer;
    const refOptimizer: RefOptimizer = o.name === "sgd" ? { name: "sgd", lr: f(o.learningRate), momentum: f(o.momentum) } : { name: "adam", lr: f(o.learningRate), ...ADAM };
    const ref = referenceRun(s.layers, initial, x, y, { loss: s.loss, optimizer: refOptimizer, ...SCENARIO_FIT, seed: s.fitSeed });
    // 30 steps in f32 against f64, measured (weights relative to the largest; history.loss relative):
    // SGD 1.8e-7 and 1.4e-8, Adam (relu, softmax) 1.9e-6 and 1.2e-6, 4.0e-6 and 5.5e-6. Bounds: 10× the worst.
    expect(weightError(model.getWeights(), ref.layers)).toBeLessThan(4e-5);
    history.history.loss.forEach((l, e) => expect(Math.abs(l - ref.losses[e]) / ref.losses[e]).toBeLessThan(6e-5));
    model.dispose();
  });
});
