// Lesson 3 (seed 000): DeepNeuralNet learns XOR with the course's settings (eta 0.5, 5000
// epochs, weights uniform in [-1, 1), no bias). Seed 2: our generator is not numpy's, so the
// course's seed 1 draws other weights (examples/03-deep-neural-net.ts prints a sweep over seeds).
import { describe, it, expect } from "vitest";
import { Tensor } from "../../src/index.js";
import { DeepNeuralNet, type DeepActivation } from "../../src/course/deep-neural-net.js";

const X = [[0, 0, 1, 1], [0, 1, 0, 1]], y = [0, 1, 1, 0];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("DeepNeuralNet (lesson 3)", () => {
  it.each([
    [[2, 4, 1], ["sigmoid", "sigmoid"]],
    [[2, 4, 2, 1], ["sigmoid", "sigmoid", "sigmoid"]],
    [[2, 4, 2, 1], ["tanh", "sigmoid", "sigmoid"]],
  ] as [number[], DeepActivation[]][])("learns XOR with %j %j: every output on the right side of 0.5, cost falls", (arch, g) => {
    const dnn = new DeepNeuralNet(arch, g, 0.5, 5000, 2).fit(X, y);
    expect(dnn.predict(X)).toEqual(y);
    expect(dnn.evaluate(X, y)).toBe(1);
    const x = Tensor.from(X.flat(), 2, 4);
    const out = dnn.forpass(x)[1][arch.length - 1].toArray();
    expect(Array.from(out, (v, i) => (y[i] === 1 ? v > 0.5 : v < 0.5))).toEqual([true, true, true, true]); // strictly
    x.dispose();
    expect(dnn.cost).toHaveLength(5000);
    expect(dnn.cost[4999]).toBeLessThan(dnn.cost[0] / 4);
    dnn.dispose();
  });

  it("without bias, tanh before a sigmoid output scores XOR's (0, 0) at exactly 0.5 in [2, 4, 1]", () => {
    const dnn = new DeepNeuralNet([2, 4, 1], ["tanh", "sigmoid"], 0.5, 5000, 2).fit(X, y);
    const x = Tensor.from(X.flat(), 2, 4);
    const out = dnn.forpass(x)[1][2].toArray();
    expect(out[0]).toBe(0.5);
    expect([out[1] > 0.5, out[2] > 0.5, out[3] < 0.5]).toEqual([true, true, true]);
    x.dispose();
    dnn.dispose();
  });

  it("weights are uniform in [-1, 1), shaped (next layer) × (this layer)", () => {
    const dnn = new DeepNeuralNet([2, 4, 2, 1]);
    expect(dnn.W.map((w) => w.shape)).toEqual([[4, 2], [2, 4], [1, 2]]);
    expect(dnn.W.flatMap((w) => Array.from(w.data)).every((v) => v >= -1 && v < 1)).toBe(true);
    dnn.dispose();
  });

  it('rule "gradient" steps W by -eta/m times the central-difference gradient of ½Σ(Y − A)²', () => {
    const dnn = new DeepNeuralNet([2, 3, 1], ["sigmoid", "sigmoid"], 1, 1, 5, { rule: "gradient" });
    const [w1, w2] = dnn.W.map((w) => Array.from(w.data));
    const loss = (p: number[]) => {
      let s = 0;
      for (let j = 0; j < 4; j++) {
        const h = [0, 1, 2].map((i) => sigmoid(p[2 * i] * X[0][j] + p[2 * i + 1] * X[1][j]));
        const a = sigmoid(h.reduce((t, hi, i) => t + p[6 + i] * hi, 0));
        s += 0.5 * (y[j] - a) ** 2;
      }
      return s;
    };
    const p = [...w1, ...w2];
    const numeric = p.map((_, i) => {
      const hi = [...p], lo = [...p];
      hi[i] += 1e-4;
      lo[i] -= 1e-4;
      return (loss(hi) - loss(lo)) / 2e-4;
    });
    dnn.fit(X, y);
    const step = dnn.W.flatMap((w) => Array.from(w.data)).map((v, i) => v - p[i]);
    numeric.forEach((g, i) => expect(step[i]).toBeCloseTo(-g / 4, 5));
    dnn.dispose();
  });
});
