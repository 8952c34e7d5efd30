// SimpleConvNet's gradient() against central differences of its loss (the book's
// numerical_gradient, simple_convnet.py), on a tiny net: images 1 × 6 × 6, 2 filters 3×3 with pad 1,
// pool 2, 4 hidden units, 3 classes; each parameter moved through the model's weights and read
// back in the book's layout (W1 [FN, C, FH, FW], W2's rows (C, H, W)). And a short training run.
import { describe, it, expect } from "vitest";
import { SimpleConvNet } from "../../src/course/simple-convnet.js";
import { DeepConvNet } from "../../src/course/deep-convnet.js";
import { toBook } from "../../src/course/book-weights.js";
import { centralDiff, relativeError, seededValues, GRADIENT_TOLERANCE } from "../helpers.js";

const tinyArgs = {
  inputDim: [1, 6, 6] as [number, number, number], convParam: { filterNum: 2, filterSize: 3, pad: 1, stride: 1 }, hiddenSize: 4, outputSize: 3,
  weightInitStd: 0.5, seed: 3,
};
const tiny = () => new SimpleConvNet(tinyArgs);
const x = Array.from({ length: 5 }, (_, i) => seededValues(36, 0, 1, i + 1));
const t = [0, 1, 2, 1, 0];

describe("SimpleConvNet (Saito 7.5)", () => {
  it("builds the book's layers and shapes: W1 (2, 1, 3, 3), W2 (18, 4), W3 (4, 3)", () => {
    const net = tiny(), p = net.params;
    expect(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v.length]))).toEqual({ W1: 18, b1: 2, W2: 72, b2: 4, W3: 12, b3: 3 });
    expect(net.model.layers.map((l) => l.className)).toEqual(["ZeroPadding2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"]);
    net.dispose();
  });

  it("gradient() equals central differences of loss() for every parameter, in the book's layouts", () => {
    const net = tiny(), grads = net.gradient(x, t), weights = net.model.getWeights(), keys = Object.keys(net.params);
    for (const [i, key] of keys.entries()) {
      const numeric = centralDiff((values) => {
        net.model.setWeights(weights.map((w, j) => (j === i ? values : w.data)));
        return net.loss(x, t);
      }, weights[i].data, 1e-3); // eps 1e-2 moves some pooling maxima and ReLU kinks (W1, b1: 1e-1 off); 1e-3: all ≤ 6.4e-4
      net.model.setWeights(weights);
      expect(relativeError(grads[key], toBook(net.bookWeights[i], numeric)), key).toBeLessThan(GRADIENT_TOLERANCE);
    }
    net.dispose();
  });

  it("learns: 100 Adam steps (lr 0.01) on 5 images halve the loss", () => {
    const net = new SimpleConvNet({ ...tinyArgs, learningRate: 0.01 }), before = net.loss(x, t);
    const r = net.train(x, t, { iterations: 100, batchSize: 5, seed: 1 });
    expect(r.trainLossList).toHaveLength(100);
    expect(net.loss(x, t)).toBeLessThan(before / 2);
    net.dispose();
  });
});

describe("DeepConvNet (Saito 8.1)", () => {
  it("has the book's parameters and trains through ZeroPadding2D, Dropout and the softmax Activation", () => {
    const net = new DeepConvNet({ seed: 5 }), images = Array.from({ length: 10 }, (_, i) => seededValues(784, 0, 1, i + 20));
    const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const sizes = Object.fromEntries(Object.entries(net.params).map(([k, v]) => [k, v.length]));
    expect(sizes).toEqual({ W1: 144, b1: 16, W2: 2304, b2: 16, W3: 4608, b3: 32, W4: 9216, b4: 32, W5: 18432, b5: 64, W6: 36864, b6: 64,
      W7: 51200, b7: 50, W8: 500, b8: 10 });
    expect(Object.keys(net.gradient(images, labels))).toEqual(Object.keys(sizes));
    const before = net.loss(images, labels);
    net.train(images, labels, { iterations: 6, batchSize: 10, seed: 1 });
    expect(net.loss(images, labels)).toBeLessThan(before);
    net.dispose();
  });
});
