// A model with the weightless layers goes through the rest of the API unchanged (the protocol's
// promise): getWeights/setWeights list only the Dense weights, fit's validation runs without masks,
// and a diverged fit restores the epoch-start weights (the snapshot) as it does for Dense alone.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, Dropout, LeakyReLU, Reshape, Flatten, SGD, TrainingError } from "../../src/index.js";

const x = Array.from({ length: 64 }, (_, i) => [(i % 8) * 100, Math.floor(i / 8) * 100]); // unscaled inputs
const y = x.map(([a, b]) => [a + b]);

function model(learningRate: number): Sequential {
  const m = new Sequential({ seed: 3, layers: [new Reshape({ targetShape: [2, 1], inputShape: [2] }), new Flatten(),
    new Dense({ units: 6 }), new LeakyReLU(), new Dropout({ rate: 0.5, seed: 1 }), new Dense({ units: 1 })] });
  m.compile({ optimizer: new SGD({ learningRate, momentum: 0.9 }), loss: "meanSquaredError" });
  return m;
}

describe("a model with Dropout, LeakyReLU, Reshape and Flatten", () => {
  it("getWeights and setWeights hold the Dense weights only; countParams counts them", () => {
    const m = model(0.01);
    expect(m.getWeights().map((w) => w.shape)).toEqual([[2, 6], [6], [6, 1], [1]]);
    expect(m.countParams()).toBe(25);
    m.setWeights(m.getWeights().map((w) => w.data.map((_, i) => i / 10)));
    expect(Array.from(m.getWeights()[2].data)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5].map(Math.fround));
    m.dispose();
  });

  it("validation runs in inference (no mask): val_loss is evaluate()'s loss of the final weights", async () => {
    const m = model(1e-7);
    const validationData: [number[][], number[][]] = [x.slice(48), y.slice(48)];
    const h = await m.fit(x.slice(0, 48), y.slice(0, 48), { epochs: 2, batchSize: 16, validationData, verbose: 0 });
    expect(h.history.val_loss[1]).toBe(m.evaluate(x.slice(48), y.slice(48))[0]);
    m.dispose();
  });

  it("a diverged fit restores the epoch-start weights and optimizer state", async () => {
    const m = model(5);
    const before = m.getWeights().map((w) => Array.from(w.data));
    const error = await m.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(m.getWeights().map((w) => Array.from(w.data))).toEqual(before);
    expect(m.optimizer!.iterations).toBe(0);
    m.dispose();
  });
});
