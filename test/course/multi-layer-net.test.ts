// The book's MultiLayerNet and MultiLayerNetExtend (Saito ch. 6, lessons 11–13) on the engine's
// layers: the weight decay mapped onto L2 (loss + ½λΣW², gradient + λW, checked in float64 from the
// weights), gradient() against central differences of loss(), the init scales, the layer layout
// with BatchNormalization and Dropout, inference with Dropout, the training loop, and the errors.
import { describe, it, expect } from "vitest";
import { MultiLayerNet, MultiLayerNetExtend, initStd, ModelError, engine, layerActivations } from "../../src/index.js";
import { gradientCheck as modelGradientCheck } from "../../src/index.js";
import { seededInts, seededValues } from "../helpers.js";

const ROWS = 8, IN = 6, OUT = 3;
const x = Array.from({ length: ROWS }, (_, r) => seededValues(IN, -1, 1, 1301 + r));
const t = seededInts(ROWS, OUT, 1302);
const small = (extra: object = {}) => ({ inputSize: IN, hiddenSizeList: [5, 4], outputSize: OUT, seed: 7, ...extra });

/** The kernels (even entries of getWeights: kernel, bias, kernel, …) of a plain MultiLayerNet. */
const kernels = (net: MultiLayerNet) => net.model.getWeights().filter((_, i) => i % 2 === 0).map((w) => Array.from(w.data));

describe("MultiLayerNet: the book's weight decay as the engine's L2 (rate λ/2)", () => {
  it("loss adds ½λΣW² over every W (the output layer's too), gradient adds λW to each W and nothing to b", () => {
    const lambda = 0.3;
    const plain = new MultiLayerNet(small({ activation: "sigmoid", weightInitStd: 0.5 }));
    const decayed = new MultiLayerNet(small({ activation: "sigmoid", weightInitStd: 0.5, weightDecayLambda: lambda }));
    const W = kernels(plain);
    expect(kernels(decayed)).toEqual(W); // the same seed: the same weights
    let half = 0;
    for (const w of W) for (const v of w) half += 0.5 * lambda * v * v;
    expect(half).toBeGreaterThan(0.1); // a term the check can see
    expect(decayed.loss(x, t) - plain.loss(x, t)).toBeCloseTo(half, 5);
    const g0 = plain.gradient(x, t), g1 = decayed.gradient(x, t);
    expect(Object.keys(g1)).toEqual(["W1", "b1", "W2", "b2", "W3", "b3"]);
    W.forEach((w, l) => {
      const d0 = g0[`W${l + 1}`], d1 = g1[`W${l + 1}`];
      w.forEach((v, i) => expect(d1[i] - d0[i]).toBeCloseTo(lambda * v, 6));
      expect(Array.from(g1[`b${l + 1}`])).toEqual(Array.from(g0[`b${l + 1}`]));
    });
    plain.dispose();
    decayed.dispose();
  });
});

describe("MultiLayerNet.gradient", () => {
  // ReLU's kinks: a step of 1e-2 moves some units across 0 (worst error 0.04 measured), so its h is
  // 2e-3, where the f32 loss's rounding is the larger error; a wrong gradient is off by O(1).
  for (const [activation, h, tolerance] of [["relu", 2e-3, 5e-2], ["sigmoid", 1e-2, 2e-2]] as const) {
    it(`${activation}, λ = 0.2: every entry equals the float64 central difference of loss() (h = ${h})`, () => {
      const net = new MultiLayerNet(small({ activation, weightInitStd: 0.6, weightDecayLambda: 0.2 }));
      const grads = net.gradient(x, t), weights = net.model.getWeights(), names = Object.keys(grads);
      let worst = 0;
      weights.forEach((w, j) => {
        for (let i = 0; i < w.data.length; i++) {
          const at = (v: number) => {
            const changed = weights.map((u) => ({ shape: u.shape, data: u.data.slice() }));
            changed[j].data[i] = v;
            net.model.setWeights(changed.map((u) => u.data));
            return [Math.fround(v), net.loss(x, t)];
          };
          const v0 = w.data[i], [hi, lHi] = at(v0 + h), [lo, lLo] = at(v0 - h);
          const numeric = (lHi - lLo) / (hi - lo), analytic = grads[names[j]][i];
          worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), 1e-3));
        }
      });
      net.model.setWeights(weights.map((w) => w.data));
      expect(worst).toBeLessThan(tolerance);
      net.dispose();
    });
  }

  // Sigmoid: with ReLU after a BatchNormalization of 8 rows, h = 1e-2 crosses kinks (worst 1.5 measured; 2e-2 at h = 1e-3).
  it("MultiLayerNetExtend with BatchNormalization: the layers' backward passes the public gradient check; gamma and beta named", () => {
    const net = new MultiLayerNetExtend(small({ useBatchnorm: true, activation: "sigmoid", weightInitStd: 0.5, weightDecayLambda: 0.1 }));
    expect(Object.keys(net.gradient(x, t))).toEqual(["W1", "b1", "gamma1", "beta1", "W2", "b2", "gamma2", "beta2", "W3", "b3"]);
    const worst = Object.values(modelGradientCheck(net.model, x, t));
    expect(worst.length).toBe(10);
    expect(Math.max(...worst)).toBeLessThan(2e-2);
    net.dispose();
  });
});

describe("MultiLayerNet: the book's settings", () => {
  it("weightInitStd: σ, He √(2/n) for 'relu'/'he', Xavier √(1/n) for 'sigmoid'/'xavier'; drawn so, biases 0", () => {
    expect(initStd("relu", 784)).toBe(Math.sqrt(2 / 784));
    expect(initStd("He" as "he", 100)).toBe(Math.sqrt(2 / 100));
    expect(initStd("xavier", 100)).toBe(0.1);
    expect(initStd(0.01, 100)).toBe(0.01);
    const net = new MultiLayerNet({ inputSize: 784, hiddenSizeList: [100], outputSize: 10, weightInitStd: "he" });
    const [w1, b1, w2] = net.model.getWeights();
    const std = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    expect(std(w1.data) / Math.sqrt(2 / 784)).toBeCloseTo(1, 1); // 78,400 draws
    expect(Math.abs(std(w2.data) / Math.sqrt(2 / 100) - 1)).toBeLessThan(0.1); // 1,000 draws
    expect(Array.from(b1.data).every((v) => v === 0)).toBe(true);
    net.dispose();
  });

  it("Extend: Dense (linear) → BatchNormalization (momentum 0.9, ε 1e-6) → Activation → Dropout per hidden layer", () => {
    const net = new MultiLayerNetExtend(small({ useBatchnorm: true, useDropout: true, dropoutRation: 0.2, activation: "sigmoid" }));
    const layers = net.model.layers;
    const block = ["Dense", "BatchNormalization", "Activation", "Dropout"];
    expect(layers.map((l) => l.className)).toEqual([...block, ...block, "Dense"]);
    const activations = ["linear", "linear", "sigmoid", "linear"];
    expect(layers.map((l) => l.activation.name)).toEqual([...activations, ...activations, "softmax"]);
    const bn = layers[1] as unknown as { momentum: number; epsilon: number }, drop = layers[3] as unknown as { rate: number };
    expect([bn.momentum, bn.epsilon, drop.rate]).toEqual([0.9, 1e-6, 0.2]);
    net.dispose();
  });

  it("Dropout changes no weight and predicts as the net without it (inverted dropout: identity in inference)", () => {
    const plain = new MultiLayerNet(small()), dropped = new MultiLayerNetExtend(small({ useDropout: true, dropoutRation: 0.5 }));
    expect(dropped.model.getWeights().map((w) => Array.from(w.data))).toEqual(plain.model.getWeights().map((w) => Array.from(w.data)));
    expect(Array.from(dropped.predict(x))).toEqual(Array.from(plain.predict(x)));
    expect(dropped.accuracy(x, t)).toBe(plain.accuracy(x, t));
    plain.dispose();
    dropped.dispose();
  });
});

describe("MultiLayerNet.train", () => {
  it("steps on batches drawn with replacement, scores after steps 0, iter_per_epoch, …; the same seeds give the same bits", () => {
    const run = () => {
      const net = new MultiLayerNet(small({ learningRate: 0.5 }));
      const r = net.train(x, t, { iterations: 61, batchSize: 4, xTest: x, tTest: t, seed: 3 });
      net.dispose();
      return r;
    };
    const a = run(), b = run();
    expect(a.trainLossList).toHaveLength(61);
    expect(a.trainAccList).toHaveLength(31); // iter_per_epoch = 8 / 4 = 2: after steps 0, 2, …, 60
    expect(a).toEqual(b);
    const mean = (v: number[]) => v.reduce((s, u) => s + u, 0) / v.length;
    expect(mean(a.trainLossList.slice(-10))).toBeLessThan(0.5 * mean(a.trainLossList.slice(0, 10)));
    expect(a.trainAccList.at(-1)).toBeGreaterThan(0.8);
  });

  it("refuses what the book's settings cannot mean, naming the fix", () => {
    expect(() => new MultiLayerNet(small({ activation: "tanh" }))).toThrow(/activation must be 'relu' or 'sigmoid'/);
    expect(() => new MultiLayerNet(small({ weightInitStd: "glorot" }))).toThrow(ModelError);
    expect(() => new MultiLayerNet(small({ weightInitStd: 0 }))).toThrow(/weightInitStd must be a positive number/);
    expect(() => new MultiLayerNet(small({ weightDecayLambda: -1 }))).toThrow(/weightDecayLambda must be a number ≥ 0/);
    expect(() => new MultiLayerNet(small({ hiddenSizeList: [5, 0] }))).toThrow(/hiddenSizeList\[1\] must be a positive integer/);
    expect(() => new MultiLayerNetExtend(small({ useDropout: true, dropoutRation: 1 }))).toThrow(/dropoutRation must be in \[0, 1\)/);
    const net = new MultiLayerNet(small());
    expect(() => net.train(x, t, { iterations: 0 })).toThrow(/iterations must be a positive integer/);
    expect(() => net.train(x, t, { iterations: 1, xTest: x })).toThrow(/give both xTest and tTest/);
    expect(() => net.train(x, t.slice(1), { iterations: 1 })).toThrow();
    net.dispose();
  });
});

describe("WASM memory", () => {
  it("train, gradient, loss, refused calls and layerActivations leave the heap as it was once the net is disposed", () => {
    const live = engine().heap.liveBytes;
    const net = new MultiLayerNetExtend(small({ useBatchnorm: true, useDropout: true, dropoutRation: 0.2, weightDecayLambda: 0.1 }));
    net.train(x, t, { iterations: 5, batchSize: 4, xTest: x, tTest: t });
    net.gradient(x, t);
    net.loss(x, t);
    expect(() => net.train(x, t.slice(1), { iterations: 1 })).toThrow();
    expect(() => net.gradient(x, [1, 2])).toThrow();
    net.dispose();
    expect(layerActivations({ activation: "tanh", weightStd: 0.1, layers: 2, nodes: 3, rows: 4 })).toHaveLength(2);
    expect(engine().heap.liveBytes).toBe(live);
  });
});
