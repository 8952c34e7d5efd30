// A diverged fit() restores the weights and the optimizer's state of the epoch's start, so the
// retry its message suggests (a smaller learning rate, same model) actually works.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, TrainingError } from "../../src/index.js";

const x = Array.from({ length: 64 }, (_, i) => [(i % 8) * 100, Math.floor(i / 8) * 100]); // unscaled inputs
const y = x.map(([a, b]) => [a + b]);

function model(): Sequential {
  const m = new Sequential({ layers: [new Dense({ units: 4, inputShape: [2] }), new Dense({ units: 1 })], seed: 3 });
  m.compile({ optimizer: new SGD({ learningRate: 5, momentum: 0.9 }), loss: "meanSquaredError" });
  return m;
}

describe("divergence", () => {
  it("restores the epoch-start weights and optimizer state, and a smaller learning rate then trains", async () => {
    const m = model();
    const before = m.getWeights().map((w) => Array.from(w.data));
    const error = await m.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(TrainingError);
    expect(error.message).toMatch(/epoch 1, batch \d+.*restored to the start of epoch 1.*smaller learning rate/s);
    expect(m.getWeights().map((w) => Array.from(w.data))).toEqual(before);
    expect(m.optimizer!.iterations).toBe(0);

    m.optimizer!.learningRate = 1e-7; // the fix the message suggests, on the same model
    const history = await m.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0 });
    expect(history.history.loss.every(Number.isFinite)).toBe(true);
    expect(history.history.loss[4]).toBeLessThan(history.history.loss[0]);
    m.dispose();
  });
});

describe("validationData with validationSplit", () => {
  it("validationData overrides the split (Keras): every row is trained on", async () => {
    const m = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const h = await m.fit(x.slice(0, 10), y.slice(0, 10), { epochs: 1, batchSize: 1, validationSplit: 0.5, validationData: [x.slice(10, 14), y.slice(10, 14)], verbose: 0 });
    expect(h.params.samples).toBe(10);
    expect(h.history.val_loss).toHaveLength(1);
    m.dispose();
  });
});
