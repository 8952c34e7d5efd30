// gradientCheck(): the backward pass of models mixing the activations and losses agrees with the
// host-float64 central difference of the engine's own loss; a wrong gradient is caught; the model
// is left bit for bit as it was.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, Dropout, gradientCheck, ModelError, type ActivationName, type LossSpec } from "../../src/index.js";
import { rowsOf, toyClasses } from "./util.js";

function net(hidden: ActivationName[], output: ActivationName, loss: LossSpec, outputs: number, l2 = 0): Sequential {
  const m = new Sequential({ seed: 11 });
  hidden.forEach((activation, i) => {
    m.add(new Dense({ units: 5, activation, ...(i === 0 ? { inputShape: [4] } : {}), ...(l2 ? { kernelRegularizer: { l2 } } : {}) }));
  });
  m.add(new Dense({ units: outputs, activation: output }));
  m.compile({ optimizer: "sgd", loss });
  return m;
}

const x = rowsOf(8, 4, 5), classes = toyClasses(8, 4, 3, 5).y;
const oneHot = classes.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
const binary = classes.map((c) => [c === 1 ? 1 : 0]);
const real = rowsOf(8, 2, 9);

const cases: [string, ActivationName[], ActivationName, LossSpec, number, unknown, number][] = [
  ["sigmoid → tanh → softmax, categoricalCrossentropy", ["sigmoid", "tanh"], "softmax", "categoricalCrossentropy", 3, oneHot, 0],
  ["relu → softmax, sparseCategoricalCrossentropy", ["relu"], "softmax", "sparseCategoricalCrossentropy", 3, classes, 0],
  ["tanh → sigmoid, binaryCrossentropy, L2", ["tanh"], "sigmoid", "binaryCrossentropy", 1, binary, 0.01],
  ["sigmoid → relu → linear, meanSquaredError", ["sigmoid", "relu"], "linear", "meanSquaredError", 2, real, 0],
  ["tanh → tanh, meanSquaredError (unfused output derivative)", ["tanh"], "tanh", "meanSquaredError", 2, real, 0.001],
];

describe("gradientCheck", () => {
  for (const [what, hidden, output, loss, outputs, y, l2] of cases) {
    it(`${what}: every weight's worst relative error is below 1e-2`, () => {
      const m = net(hidden, output, loss, outputs, l2), before = m.getWeights();
      const errors = gradientCheck(m, x, y as never);
      expect(Object.keys(errors)).toEqual(m.layers.flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]));
      for (const [name, e] of Object.entries(errors)) expect(e, name).toBeLessThan(1e-2); // measured: at most 3.7e-3 (h = 1e-2, f32 losses)
      expect(m.getWeights()).toEqual(before);
      m.dispose();
    });
  }

  it("catches a backward pass that is not the gradient (the course's 'error' rule passes dL/da·Wᵀ, before f')", () => {
    const m = net(["sigmoid", "tanh"], "softmax", "sparseCategoricalCrossentropy", 3);
    (m.layers[1] as Dense).propagate = "error"; // what the tanh layer hands down skips tanh'
    const errors = gradientCheck(m, x, classes);
    expect(errors[`${m.layers[2].name}/kernel`]).toBeLessThan(1e-2); // the layers above are still right
    expect(errors[`${m.layers[1].name}/kernel`]).toBeLessThan(1e-2);
    expect(errors[`${m.layers[0].name}/kernel`]).toBeGreaterThan(0.1);
    m.dispose();
  });

  it("refuses a bad epsilon and an uncompiled model", () => {
    const m = net(["relu"], "softmax", "sparseCategoricalCrossentropy", 3);
    expect(() => gradientCheck(m, x, classes, { epsilon: 0 })).toThrow(/epsilon must be a positive finite number/);
    const bare = new Sequential([new Dense({ units: 2, inputShape: [4] })]);
    expect(() => gradientCheck(bare, x, real)).toThrow(ModelError);
    m.fitting = true; // as from a callback during fit()
    expect(() => gradientCheck(m, x, classes)).toThrow(/fit\(\) is running on this model/);
    m.fitting = false;
    m.dispose();
  });

  it("refuses a model with Dropout (a new mask every pass), and checks one whose Dropout has rate 0", () => {
    const withDropout = (rate: number) => {
      const m = new Sequential({ seed: 3, layers: [new Dense({ units: 5, activation: "tanh", inputShape: [4] }), new Dropout({ rate }),
        new Dense({ units: 3, activation: "softmax" })] });
      m.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy" });
      return m;
    };
    const on = withDropout(0.5), off = withDropout(0);
    expect(() => gradientCheck(on, x, classes)).toThrow(/dropout_\d+ draws a new mask on every training pass.*without its Dropout layers/);
    expect(Math.max(...Object.values(gradientCheck(off, x, classes)))).toBeLessThan(1e-2);
    on.dispose();
    off.dispose();
  });
});
