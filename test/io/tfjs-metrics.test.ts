// compile({metrics}) against TensorFlow.js 4.22: the same weights, the same data, evaluate() in
// both. binaryAccuracy, categoricalAccuracy, mae and mse equal TF.js' (and are logged under the
// names given, val_ prefixed, as TF.js logs them). precision and recall follow Keras (outputs
// thresholded at 0.5, counts over the whole epoch): TF.js' 'precision' counts outputs exactly
// equal to 1 and averages batch ratios, and TF.js has no 'recall' string; both are checked here
// against counts made in the test.
import { describe, it, expect, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Dense } from "../../src/index.js";
import { rowsOf } from "../model/util.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const x = rowsOf(50, 3, 9, -2, 2);
const y = x.map(([a, b, c]) => [a + b > 0 ? 1 : 0, b * c > 0 ? 1 : 0]);
const NAMES = ["binaryAccuracy", "categoricalAccuracy", "mae", "mse"] as const;

function ours(metrics: string[]): Sequential {
  const m = new Sequential({ seed: 5, layers: [new Dense({ units: 4, inputShape: [3], activation: "tanh" }), new Dense({ units: 2, activation: "sigmoid" })] });
  m.compile({ optimizer: "sgd", loss: "binaryCrossentropy", metrics: metrics as never });
  return m;
}

describe("metrics against TensorFlow.js 4.22", () => {
  it("evaluate(): binaryAccuracy, categoricalAccuracy, mae, mse equal TF.js' (f32 rounding)", () => {
    const m = ours([...NAMES]);
    const theirs = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [3], activation: "tanh" }), tf.layers.dense({ units: 2, activation: "sigmoid" })] });
    theirs.setWeights(m.getWeights().map((w) => tf.tensor(w.data, w.shape)));
    theirs.compile({ optimizer: "sgd", loss: "binaryCrossentropy", metrics: [...NAMES] });
    const got = m.evaluate(x, y), want = (theirs.evaluate(tf.tensor2d(x), tf.tensor2d(y)) as tf.Scalar[]).map((t) => t.dataSync()[0]);
    expect(theirs.metricsNames).toEqual(["loss", ...NAMES]);
    got.forEach((v, i) => expect(Math.abs(v - want[i]), theirs.metricsNames[i]).toBeLessThan(2e-7 * Math.max(1, Math.abs(want[i]))));
    m.dispose();
  });

  it("precision and recall: Keras' counts at 0.5 over all outputs", () => {
    const m = ours(["precision", "recall"]);
    const a = Array.from(m.predict(x).data), t = y.flat();
    const tp = a.filter((p, i) => p > 0.5 && t[i] > 0.5).length, pp = a.filter((p) => p > 0.5).length, ap = t.filter((v) => v > 0.5).length;
    expect(tp).toBeGreaterThan(0);
    expect(m.evaluate(x, y)).toEqual([expect.any(Number), tp / pp, tp / ap]);
    m.dispose();
  });

  it("fit() logs each metric under its name, val_ prefixed, as TF.js does", async () => {
    const m = ours(["mae", "precision", "acc"]);
    const h = await m.fit(x, y, { epochs: 2, batchSize: 16, verbose: 0, validationSplit: 0.2 });
    expect(Object.keys(h.history).sort()).toEqual(["acc", "loss", "mae", "precision", "val_acc", "val_loss", "val_mae", "val_precision"]);
    m.dispose();
  });

  it("a metric that needs rows refuses integer labels, naming the fix", async () => {
    const m = new Sequential({ layers: [new Dense({ units: 3, inputShape: [3], activation: "softmax" })] });
    m.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy", metrics: ["mae"] });
    await expect(m.fit(x, x.map((r) => (r[0] > 0 ? 1 : 0)), { epochs: 1, verbose: 0 })).rejects.toThrow(/metric 'mae'.*not integer labels/);
    m.dispose();
  });
});
