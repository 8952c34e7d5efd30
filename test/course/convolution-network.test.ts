// Lesson 18: the book's ConvolutionNetwork (Do it! 딥러닝 입문 8-4, Ch08.ipynb) as an adapter on the
// engine's layers. Tiny synthetic images keep it fast (the book's are 28×28×1 Fashion-MNIST; the
// example runs those). Checked: its API, that it learns, that it IS the Sequential of Conv2D,
// MaxPooling2D, Flatten, Dense, Dense trained by the one loop (the same bits), that its SGD steps
// are the book's tf.nn forward pass + GradientTape + SGD (written here in TF.js 4.22, live), and
// its errors.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { ConvolutionNetwork, Sequential, Conv2D, MaxPooling2D, Flatten, Dense, SGD, tensor4d, tensor2d } from "../../src/index.js";
import { engine, Indices, Rng } from "../../src/index.js";
import { seededValues, maxAbsDiff } from "../helpers.js";

const H = 6, W = 6, C = 2, CLASSES = 3, SHAPE: [number, number, number] = [H, W, C];

/** n images [H, W, C] whose class is where they are brightest (top, middle or bottom rows), plus labels and one-hot rows. */
function images(n: number, seed: number) {
  const xs = seededValues(n * H * W * C, 0, 0.5, seed), labels = Array.from({ length: n }, (_, i) => i % CLASSES);
  labels.forEach((label, i) => {
    for (let p = 0; p < H * W * C; p++) if (Math.floor(p / (W * C) / 2) === label) xs[i * H * W * C + p] += 0.5;
  });
  const oneHot = labels.flatMap((l) => Array.from({ length: CLASSES }, (_, c) => Number(c === l)));
  return { x: tensor4d(xs, [n, H, W, C]), xs, labels, y: tensor2d(oneHot, [n, CLASSES]), oneHot };
}

const small = (args = {}) => new ConvolutionNetwork({ nKernels: 3, units: 5, inputShape: SHAPE, ...args });

describe("ConvolutionNetwork (lesson 18)", () => {
  it("has the book's constructor arguments and defaults, and its fit / predict / score / getLoss", () => {
    const d = new ConvolutionNetwork();
    expect([d.nKernels, d.kernelSize, d.units, d.batchSize, d.lr, d.inputShape]).toEqual([10, 3, 10, 32, 0.1, [28, 28, 1]]);
    const { x, y, labels } = images(48, 1), val = images(24, 2);
    const net = small({ batchSize: 16, learningRate: 0.05 });
    expect(net.fit(x, y, { epochs: 2, xVal: val.x, yVal: val.y })).toBe(net);
    expect([net.losses.length, net.valLosses.length, net.valScores.length]).toEqual([2, 2, 2]);
    const predicted = net.predict(x);
    expect(predicted).toBeInstanceOf(Int32Array);
    expect(predicted.length).toBe(48);
    const right = predicted.reduce((s, p, i) => s + Number(p === labels[i]), 0);
    expect(net.score(x, y)).toBe(right / 48);
    expect(net.score(x, labels)).toBe(right / 48); // integer labels as well as one-hot rows
    expect(net.getLoss(val.x, val.y)).toBe(net.valLosses[1]); // the book's get_loss is the validation loss of the last epoch
    expect(net.score(val.x, val.y)).toBe(net.valScores[1]);
    const w = net.weights(); // the book's conv_w (3, 3, 1, n_kernels), …; here c = 2 channels and 3 × 3 pooled positions
    expect(Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.length])))
      .toEqual({ convW: 3 * 3 * C * 3, convB: 3, w1: 3 * 3 * 3 * 5, b1: 5, w2: 5 * CLASSES, b2: CLASSES });
    net.dispose();
  });

  it("learns: 600 images, 2 epochs, the loss falls and the score beats chance", () => {
    const { x, y } = images(600, 3), net = small({ batchSize: 32, learningRate: 0.1, seed: 5 });
    net.fit(x, y, { epochs: 2, xVal: x, yVal: y });
    expect(net.losses[1]).toBeLessThan(net.losses[0]);
    expect(net.valLosses[1]).toBeLessThan(net.valLosses[0]);
    expect(net.score(x, y)).toBeGreaterThan(0.9);
    net.dispose();
  });

  it("is the Sequential of Conv2D 'same' relu, MaxPooling2D, Flatten, Dense relu, Dense softmax with SGD: the same bits", async () => {
    const { x, y } = images(48, 4), val = images(12, 6), seed = 9;
    const net = small({ batchSize: 16, learningRate: 0.05, seed }).fit(x, y, { epochs: 3, xVal: val.x, yVal: val.y });
    const model = new Sequential({ layers: [
      new Conv2D({ filters: 3, kernelSize: 3, padding: "same", activation: "relu", inputShape: SHAPE }), new MaxPooling2D({ poolSize: 2 }),
      new Flatten(), new Dense({ units: 5, activation: "relu" }), new Dense({ units: CLASSES, activation: "softmax" }),
    ], seed });
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: "categoricalCrossentropy" });
    // 48 rows in batches of 16: the book's gen_batch drops no remainder here, as Keras' shuffle would not either.
    const h = await model.fit(x, y, { epochs: 3, batchSize: 16, seed, validationData: [val.x, val.y], verbose: 0 });
    expect(net.model!.getWeights().map((w) => Array.from(w.data))).toEqual(model.getWeights().map((w) => Array.from(w.data)));
    expect(net.losses).toEqual(h.history.loss);
    expect(net.valLosses).toEqual(h.history.val_loss);
    const again = small({ batchSize: 16, learningRate: 0.05, seed }).fit(x, y, { epochs: 3 }); // fit() re-initialises from the seed
    expect(again.weights()).toEqual(net.weights());
    [net, again, model].forEach((m) => m.dispose());
  });

  it("drops the remainder as gen_batch does: 20 images in batches of 16 make one step, on the first 16 of the permutation", async () => {
    const { xs, oneHot, x, y } = images(20, 10), seed = 4;
    const net = small({ batchSize: 16, learningRate: 0.05, seed }).fit(x, y, { epochs: 1 });
    const rng = new Rng(engine(), seed), idx = Indices.from(Array.from({ length: 20 }, (_, i) => i));
    rng.shuffle(idx.ptr, 20); // the loop's draw for epoch 1 (fit's Rng seeded as the network's)
    const rows = Array.from(idx.data).slice(0, 16), size = H * W * C;
    [rng, idx].forEach((t) => t.dispose());
    const model = new Sequential({ layers: [
      new Conv2D({ filters: 3, kernelSize: 3, padding: "same", activation: "relu", inputShape: SHAPE }), new MaxPooling2D({ poolSize: 2 }),
      new Flatten(), new Dense({ units: 5, activation: "relu" }), new Dense({ units: CLASSES, activation: "softmax" }),
    ], seed });
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: "categoricalCrossentropy" });
    await model.fit(tensor4d(rows.flatMap((r) => xs.slice(r * size, (r + 1) * size)), [16, H, W, C]),
      tensor2d(rows.flatMap((r) => oneHot.slice(r * CLASSES, (r + 1) * CLASSES)), [16, CLASSES]),
      { epochs: 1, batchSize: 16, shuffle: false, verbose: 0 });
    expect(net.model!.getWeights().map((w) => Array.from(w.data))).toEqual(model.getWeights().map((w) => Array.from(w.data)));
    [net, model].forEach((m) => m.dispose());
  });

  it("steps as the book's code: tf.nn conv2d, relu, max_pool2d, matmul, softmax cross-entropy, SGD (TF.js 4.22, live)", async () => {
    // One batch of all 12 images per epoch, so the shuffle cannot matter: 4 full-batch SGD steps.
    const { x, y, xs, oneHot } = images(12, 7), lr = 0.1, steps = 4;
    const net = small({ batchSize: 12, learningRate: lr, seed: 3 });
    net.initWeights(CLASSES);
    const init = net.weights();
    net.fit(x, y, { epochs: steps, xVal: x, yVal: y });
    await tf.setBackend("cpu");
    const v = {
      convW: tf.variable(tf.tensor4d(init.convW, [3, 3, C, 3])), convB: tf.variable(tf.tensor1d(init.convB)),
      w1: tf.variable(tf.tensor2d(init.w1, [27, 5])), b1: tf.variable(tf.tensor1d(init.b1)),
      w2: tf.variable(tf.tensor2d(init.w2, [5, CLASSES])), b2: tf.variable(tf.tensor1d(init.b2)),
    };
    const tx = tf.tensor4d(xs, [12, H, W, C]), ty = tf.tensor2d(oneHot, [12, CLASSES]);
    const forpass = () => { // the book's forpass, line for line
      const cOut = tf.add(tf.conv2d(tx, v.convW, 1, "same"), v.convB), rOut = tf.relu(cOut);
      const pOut = tf.maxPool(rOut as tf.Tensor4D, 2, 2, "valid"), fOut = tf.reshape(pOut, [12, -1]);
      const a1 = tf.relu(tf.add(tf.matMul(fOut as tf.Tensor2D, v.w1), v.b1));
      return tf.add(tf.matMul(a1 as tf.Tensor2D, v.w2), v.b2);
    };
    const loss = () => tf.losses.softmaxCrossEntropy(ty, forpass()) as tf.Scalar;
    const sgd = tf.train.sgd(lr), losses: number[] = [];
    for (let s = 0; s < steps; s++) losses.push((sgd.minimize(loss, true) as tf.Scalar).dataSync()[0]); // the loss before the step
    const ours = net.weights(), d = Object.entries(v).map(([k, t]) => maxAbsDiff(ours[k as keyof typeof ours], t.dataSync()));
    console.log(`ConvolutionNetwork vs the book's code in TF.js, ${steps} SGD steps: max |Δ weight| ${Math.max(...d).toExponential(2)}, `
      + `|Δ loss| ${maxAbsDiff(net.losses, losses).toExponential(2)}`);
    expect(maxAbsDiff(ours.convW, init.convW)).toBeGreaterThan(1e-3); // it trained
    expect(Math.max(...d)).toBeLessThan(1e-5);
    expect(maxAbsDiff(net.losses, losses)).toBeLessThan(1e-5);
    expect(Math.abs(net.getLoss(x, y) - loss().dataSync()[0])).toBeLessThan(1e-5); // get_loss after the last step
    Object.values(v).forEach((t) => t.dispose());
    [tx, ty].forEach((t) => t.dispose());
    net.dispose();
  });

  it("refuses bad arguments and data with the problem and the fix", () => {
    expect(() => new ConvolutionNetwork({ nKernels: 0 })).toThrow(/nKernels must be a positive integer/);
    expect(() => new ConvolutionNetwork({ units: 2.5 })).toThrow(/units must be a positive integer/);
    expect(() => new ConvolutionNetwork({ learningRate: -1 })).toThrow(/learningRate must be > 0/);
    expect(() => new ConvolutionNetwork({ inputShape: [28, 28] as never })).toThrow(/inputShape must be \[height, width, channels\]/);
    const { x, y, xs, labels } = images(24, 8), net = small({ batchSize: 8 });
    expect(() => net.predict(x)).toThrow(/no weights yet: call fit\(\) first/);
    expect(() => net.fit(tensor2d(xs.slice(0, 24 * 10), [24, 10]), y)).toThrow(/x has 10 values a row, an image \[6, 6, 2\] has 72/);
    expect(() => net.fit(tensor4d(xs, [24, 6, 12, 1]), y)).toThrow(/images \[6,12,1\], this network takes \[6,6,2\]; give inputShape/);
    expect(() => net.fit(x, labels.map((l) => [l]))).toThrow(/y is one column/);
    expect(() => net.fit(x, labels.map((l) => l - 1))).toThrow(/y\[0\] is -1 \(a number\), not a class label/);
    expect(() => net.fit(x, y, { xVal: x })).toThrow(/give both xVal and yVal/);
    expect(() => net.fit(x, y, { epochs: 0 })).toThrow(/epochs/);
    expect(() => small({ batchSize: 32 }).fit(x, y)).toThrow(/24 images, fewer than batchSize 32: .*len\(x\) \/\/ batch_size = 0 batches/);
    const wild = small({ batchSize: 8, learningRate: 1e30 });
    expect(() => wild.fit(x, y, { epochs: 3 })).toThrow(/diverged; use a smaller learningRate \(now 1e\+30\)/);
    wild.dispose();
    net.fit(x, y, { epochs: 1 });
    const before = net.weights();
    expect(() => net.fit(x, labels.slice(1))).toThrow(/23 rows but the inputs have 24/); // checked before the weights go
    expect(net.weights()).toEqual(before);
    net.dispose();
  });
});
