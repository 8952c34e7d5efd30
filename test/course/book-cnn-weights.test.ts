// The book's trained ConvNets (data/deep-learning-from-scratch/params.pkl and deep_convnet_params.pkl,
// from the book repository's commit 0dda3d1) in SimpleConvNet, DeepConvNet and hand-built Keras-style
// models. The pinned counts are the book's own code's: its SimpleConvNet and DeepConvNet (common/layers.py,
// numpy 2.4.6, float64 weights, float32 images / 255) predict 9,890 and 9,935 of the 10,000 MNIST test
// images right (the book: 98.90%, 99.35%), 1,966 of the first 2,000 and 497 of the first 500.
// The full 10,000 run in examples/16-simple-convnet.ts --book (too slow for a test on a shared core).
import { describe, it, expect, beforeAll } from "vitest";
import { Conv2D, Dense, Dropout, Flatten, MaxPooling2D, Sequential, ZeroPadding2D, Activation } from "../../src/index.js";
import { SimpleConvNet } from "../../src/course/simple-convnet.js";
import { DeepConvNet } from "../../src/course/deep-convnet.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import type { MnistSplit } from "../../src/data/mnist.js";

const DIR = "data/deep-learning-from-scratch";
const DEEP_ROWS = 500, DEEP_FIRST = 497;
// The book's predict() (scores before softmax) of test image 0, numpy float64, printed to 6 decimals.
const SIMPLE_LOGITS = [-9.52909, -10.417573, -8.078534, -4.529725, -22.763867, -14.207599, -42.162459, 18.490323, -12.657331, -10.591463];
const DEEP_LOGITS = [-11.771778, -7.058771, -7.298754, -9.200718, -8.413607, -11.344273, -10.540894, 3.004177, -8.483518, -8.050119];

let test: MnistSplit;
const first = (rows: number) => ({ data: test.images.data.subarray(0, rows * 784), shape: [rows, 784] as [number, number], scale: 1 / 255 });
const correct = (net: { accuracy(x: ReturnType<typeof first>, t: Uint8Array): number }, rows: number) =>
  Math.round(net.accuracy(first(rows), test.labels.subarray(0, rows)) * rows);
/** log p_i − log p_7 of the probabilities, against the logits' l_i − l_7 (softmax's shift-invariance). */
const logitGap = (p: ArrayLike<number>, logits: number[]) =>
  Math.max(...logits.map((l, i) => Math.abs(Math.log(p[i] / p[7]) - (l - logits[7]))));

beforeAll(async () => {
  test = (await loadMnist({ trainLimit: 0, testLimit: 2000 })).test;
});

describe("the book's SimpleConvNet weights (ch07/params.pkl)", () => {
  it("score 1,966 of the first 2,000 test images, as the book's numpy code, and give its logits", async () => {
    const net = await new SimpleConvNet().loadParams(`${DIR}/params.pkl`);
    expect(correct(net, 2000)).toBe(1966);
    expect(logitGap(net.predict(first(1)), SIMPLE_LOGITS)).toBeLessThan(1e-3);
    const W1 = net.params.W1, W2 = net.params.W2; // read back in the book's layouts
    expect([W1.length, W2.length]).toEqual([30 * 25, 4320 * 100]);
    net.dispose();
  });

  it("load into a hand-built Keras-style Sequential (Conv2D, MaxPooling2D, Flatten, Dense) with the same outputs", async () => {
    const net = await new SimpleConvNet().loadParams(`${DIR}/params.pkl`);
    const keras = new Sequential([
      new Conv2D({ filters: 30, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }), new MaxPooling2D({ poolSize: 2 }),
      new Flatten(), new Dense({ units: 100, activation: "relu" }), new Dense({ units: 10, activation: "softmax" }),
    ]);
    keras.setWeights(net.model.getWeights());
    expect(keras.predict(first(100)).data).toEqual(net.predict(first(100)));
    keras.dispose();
    net.dispose();
  });

  it("refuse the other network's pickle, naming the key and the shapes", async () => {
    const net = new SimpleConvNet();
    await expect(net.loadParams(`${DIR}/deep_convnet_params.pkl`)).rejects.toThrow(/W1 has shape \(16, 1, 3, 3\), this network's is \(30, 1, 5, 5\)/);
    net.dispose();
  });
});

describe("the book's DeepConvNet weights (ch08/deep_convnet_params.pkl)", () => {
  it(`score ${DEEP_FIRST} of the first ${DEEP_ROWS} test images and give the book's logits (W8' = 0.25·W8, b8' = 0.5·b8)`, async () => {
    const net = await new DeepConvNet().loadParams(`${DIR}/deep_convnet_params.pkl`);
    expect(correct(net, DEEP_ROWS)).toBe(DEEP_FIRST);
    expect(logitGap(net.predict(first(1)), DEEP_LOGITS)).toBeLessThan(1e-3);
    const keras = new Sequential([
      new Conv2D({ filters: 16, kernelSize: 3, padding: "same", activation: "relu", inputShape: [28, 28, 1] }),
      new Conv2D({ filters: 16, kernelSize: 3, padding: "same", activation: "relu" }), new MaxPooling2D({ poolSize: 2 }),
      new Conv2D({ filters: 32, kernelSize: 3, padding: "same", activation: "relu" }), new ZeroPadding2D({ padding: 2 }),
      new Conv2D({ filters: 32, kernelSize: 3, activation: "relu" }), new MaxPooling2D({ poolSize: 2 }),
      new Conv2D({ filters: 64, kernelSize: 3, padding: "same", activation: "relu" }),
      new Conv2D({ filters: 64, kernelSize: 3, padding: "same", activation: "relu" }), new MaxPooling2D({ poolSize: 2 }),
      new Flatten(), new Dense({ units: 50, activation: "relu" }), new Dropout({ rate: 0.5 }), new Dense({ units: 10 }),
      new Dropout({ rate: 0.5 }), new Activation({ activation: "softmax" }),
    ]);
    keras.setWeights(net.model.getWeights());
    expect(keras.predict(first(20)).data).toEqual(net.predict(first(20)));
    keras.dispose();
    net.dispose();
  });
});
