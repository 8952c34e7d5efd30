// MultiLayerNet's weight decay against TensorFlow.js 4.22 (CPU backend, in Node): the book's
// ½λΣW² is the engine's L2 at rate λ/2, so a TF.js model whose Dense layers carry
// kernelRegularizer: tf.regularizers.l2({l2: λ/2}) must give the same losses and weights. Both
// start from MultiLayerNet's weights (6-5-4-3, sigmoid, softmax) and take 5 full-batch SGD steps at
// lr 0.5 with λ = 0.2. TF.js's figures are pinned (printed by this test's live run on 2026-12-02,
// tf.sequential + trainOnBatch) and rerun live.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { MultiLayerNet } from "../../src/index.js";
import { seededInts, seededValues } from "../helpers.js";

const ROWS = 8, LAMBDA = 0.2, LR = 0.5, STEPS = 5;
const x = Array.from({ length: ROWS }, (_, r) => seededValues(6, -1, 1, 1301 + r));
const t = seededInts(ROWS, 3, 1302);
/** TF.js 4.22's losses (regularization included) of the 5 trainOnBatch calls, and Σ of the weights after them. */
const TFJS = {
  losses: [2.13578486, 1.79741728, 1.57274175, 1.40891862, 1.28247511],
  weightSum: -1.50395038,
};

function ours(): { net: MultiLayerNet; losses: number[]; weights: number[]; start: Float32Array[] } {
  const net = new MultiLayerNet({
    inputSize: 6, hiddenSizeList: [5, 4], outputSize: 3, activation: "sigmoid", weightInitStd: 0.5,
    weightDecayLambda: LAMBDA, learningRate: LR, seed: 7,
  });
  const start = net.model.getWeights().map((w) => w.data.slice());
  return { net, start, losses: [], weights: [] };
}

async function tfjs(start: Float32Array[]): Promise<{ losses: number[]; weights: number[] }> {
  const m = tf.sequential();
  const reg = () => tf.regularizers.l2({ l2: LAMBDA / 2 });
  m.add(tf.layers.dense({ units: 5, activation: "sigmoid", inputShape: [6], kernelRegularizer: reg() }));
  m.add(tf.layers.dense({ units: 4, activation: "sigmoid", kernelRegularizer: reg() }));
  m.add(tf.layers.dense({ units: 3, activation: "softmax", kernelRegularizer: reg() }));
  m.compile({ optimizer: tf.train.sgd(LR), loss: "sparseCategoricalCrossentropy" });
  const shapes = [[6, 5], [5], [5, 4], [4], [4, 3], [3]];
  m.setWeights(start.map((w, i) => tf.tensor(w, shapes[i])));
  const xs = tf.tensor2d(x), ys = tf.tensor2d(t, [ROWS, 1]);
  const losses: number[] = [];
  for (let s = 0; s < STEPS; s++) losses.push(Number(await m.trainOnBatch(xs, ys)));
  const weights = m.getWeights().flatMap((w) => Array.from(w.dataSync()));
  m.dispose();
  xs.dispose();
  ys.dispose();
  return { losses, weights };
}

describe("MultiLayerNet's weight decay = TF.js's l2 regularizer at λ/2", () => {
  it("5 full-batch SGD steps: the same losses (½λΣW² included) and weights as TF.js 4.22", async () => {
    const o = ours();
    const history = await o.net.model.fit(x, t, { epochs: STEPS, batchSize: ROWS, shuffle: false, verbose: 0 });
    const weights = o.net.model.getWeights().flatMap((w) => Array.from(w.data));
    const live = await tfjs(o.start);
    const sum = live.weights.reduce((a, b) => a + b, 0);
    console.log(`TF.js live: losses ${live.losses.map((v) => v.toPrecision(9)).join(", ")}; Σ weights ${sum.toPrecision(9)}`);
    history.history.loss.forEach((v, i) => expect(Math.abs(v - live.losses[i])).toBeLessThan(1e-6));
    expect(Math.max(...weights.map((w, i) => Math.abs(w - live.weights[i])))).toBeLessThan(1e-6);
    // The penalty matters here: the first loss is the cross-entropy plus ½λΣW² of the start.
    const kernels = o.start.filter((_, i) => i % 2 === 0);
    const half = kernels.reduce((s, w) => s + w.reduce((a, v) => a + 0.5 * LAMBDA * v * v, 0), 0);
    expect(half).toBeGreaterThan(0.1);
    TFJS.losses.forEach((v, i) => expect(Math.abs(v - live.losses[i])).toBeLessThan(1e-6));
    expect(Math.abs(TFJS.weightSum - live.weights.reduce((a, b) => a + b, 0))).toBeLessThan(1e-5);
    o.net.dispose();
  });
});
