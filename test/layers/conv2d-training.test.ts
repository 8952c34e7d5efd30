// A tiny CNN trained here and in TF.js 4.22 (CPU backend, live in this test) from the same initial
// weights: Conv2D 4 3×3 relu 'same' → Flatten → Dense 3 softmax, 24 images 6×6×1, batch 8, 3 epochs,
// no shuffle, categorical cross-entropy. The brief's bounds: weights within 1e-4, predictions 1e-5.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Conv2D, Flatten, Dense, SGD, Adam, tensor4d, tensor2d } from "../../src/index.js";
import { seededValues, maxAbsDiff } from "../helpers.js";

const N = 24, H = 6, W = 6, CLASSES = 3;
const XS = seededValues(N * H * W, 0, 1, 21);
// Labels from where each image is brightest (left, middle, right third), so there is something to learn.
const LABELS = Array.from({ length: N }, (_, i) => {
  const sums = [0, 0, 0];
  for (let p = 0; p < H * W; p++) sums[Math.floor((p % W) / 2)] += XS[i * H * W + p];
  return sums.indexOf(Math.max(...sums));
});
const ONE_HOT = LABELS.flatMap((l) => [0, 1, 2].map((c) => Number(c === l)));
const INIT = [seededValues(3 * 3 * 1 * 4, -0.5, 0.5, 1), seededValues(4, -0.1, 0.1, 2), seededValues(H * W * 4 * CLASSES, -0.2, 0.2, 3),
  seededValues(CLASSES, -0.1, 0.1, 4)];

async function tfTrained(optimizer: tf.Optimizer) {
  await tf.setBackend("cpu");
  const m = tf.sequential({ layers: [tf.layers.conv2d({ filters: 4, kernelSize: 3, padding: "same", activation: "relu",
    inputShape: [H, W, 1] }), tf.layers.flatten(), tf.layers.dense({ units: CLASSES, activation: "softmax" })] });
  m.setWeights([tf.tensor4d(INIT[0], [3, 3, 1, 4]), tf.tensor1d(INIT[1]), tf.tensor2d(INIT[2], [H * W * 4, CLASSES]),
    tf.tensor1d(INIT[3])]);
  m.compile({ optimizer, loss: "categoricalCrossentropy" });
  const [x, y] = [tf.tensor4d(XS, [N, H, W, 1]), tf.tensor2d(ONE_HOT, [N, CLASSES])];
  await m.fit(x, y, { batchSize: 8, epochs: 3, shuffle: false, verbose: 0 });
  const weights = m.getWeights().map((w) => Array.from(w.dataSync())), predicted = Array.from((m.predict(x) as tf.Tensor).dataSync());
  m.dispose();
  x.dispose();
  y.dispose();
  return { weights, predicted };
}

describe("a tiny CNN trains as TF.js 4.22 trains it, from the same weights", () => {
  it.each([
    ["SGD (lr 0.1)", () => tf.train.sgd(0.1), () => new SGD({ learningRate: 0.1 })],
    ["Adam (lr 0.01)", () => tf.train.adam(0.01), () => new Adam({ learningRate: 0.01 })],
  ] as const)("%s, 9 steps: weights within 1e-4, predictions within 1e-5", async (label, theirs, ours) => {
    const expected = await tfTrained(theirs());
    const m = new Sequential({ layers: [
      new Conv2D({ filters: 4, kernelSize: 3, padding: "same", activation: "relu", inputShape: [H, W, 1] }), new Flatten(),
      new Dense({ units: CLASSES, activation: "softmax" }),
    ] });
    m.compile({ optimizer: ours(), loss: "categoricalCrossentropy" });
    m.setWeights(INIT);
    await m.fit(tensor4d(XS, [N, H, W, 1]), tensor2d(ONE_HOT, [N, CLASSES]), { batchSize: 8, epochs: 3, shuffle: false, verbose: 0 });
    const weights = m.getWeights().map((w) => Array.from(w.data)), predicted = m.predict(tensor4d(XS, [N, H, W, 1])).data;
    const dw = Math.max(...weights.map((w, i) => maxAbsDiff(w, expected.weights[i]))), dp = maxAbsDiff(predicted, expected.predicted);
    const moved = Math.max(...weights.map((w, i) => maxAbsDiff(w, INIT[i])));
    console.log(`${label}: max |Δ weight| vs TF.js ${dw.toExponential(2)}, |Δ prediction| ${dp.toExponential(2)} `
      + `(weights moved ${moved.toFixed(3)})`);
    expect(moved).toBeGreaterThan(1e-2); // it trained
    expect(dw).toBeLessThan(1e-4);
    expect(dp).toBeLessThan(1e-5);
    m.dispose();
  });
});
