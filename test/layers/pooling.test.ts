// MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D and GlobalMaxPooling2D against TensorFlow.js
// 4.22 live (CPU backend, in Node): forward within 1e-6 of tf.layers.*, backward against tf.grads,
// gradientCheck of a model through each pooling for every padding/stride/poolSize used, shape and
// option errors, and a small CNN-shaped model through fit/evaluate/predict.
import { describe, it, expect, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import {
  Sequential, Dense, Flatten, Reshape, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, Rng, Layer,
  ModelError, ShapeError, Adam, engine, createEngine, gradientCheck, tensor2d,
} from "../../src/index.js";
import { readFileSync } from "node:fs";
import { poolGeometry } from "../../src/ops/pool.js";
import { ROOT, seededValues, maxAbsDiff, readF32, writeF32, centralDiff } from "../helpers.js";

type Pair = [number, number];
type Combo = [pool: Pair, strides: Pair, padding: "valid" | "same"];
// pool 2 (TF.js' default), 3 with stride 1 (overlapping: ties of windows add up), 3×2 with 2×1, pool 2 with stride 3 (gaps).
const COMBOS: Combo[] = [];
for (const padding of ["valid", "same"] as const) COMBOS.push([[2, 2], [2, 2], padding], [[3, 3], [1, 1], padding],
  [[3, 2], [2, 1], padding], [[2, 2], [3, 3], padding]);
const SHAPES: [number, number, number][] = [[5, 5, 2], [6, 7, 3], [4, 5, 8]];
const N = 2;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Build `layer` alone for `shape` and forward N seeded images; returns the output and the input. */
function run(layer: Layer, shape: number[], seed: number): { y: number[]; xs: number[]; x: number } {
  const e = engine(), rng = new Rng(e, 1), size = shape.reduce((a, b) => a * b), xs = seededValues(N * size, -2, 2, seed);
  layer.build(e, shape, rng);
  rng.dispose();
  layer.reserve(N);
  const x = e.heap.alloc(N * size * 4);
  writeF32(x, xs);
  const out = layer.forward(x, N, true), outSize = layer.outputShape.reduce((a, b) => a * b);
  return { y: readF32(out, N * outSize), xs, x };
}

/** dx of `layer` (forwarded by run) for the output gradient dys. */
function backward(layer: Layer, x: number, dys: number[]): number[] {
  const e = engine(), size = layer.inputSize, dx = e.heap.alloc(N * size * 4);
  writeF32(layer.outputGrad, dys);
  layer.backward(x, N, dx, false);
  return readF32(dx, N * size);
}

const LAYERS = {
  max: ([pool, strides, padding]: Combo) => [new MaxPooling2D({ poolSize: pool, strides, padding }),
    tf.layers.maxPooling2d({ poolSize: pool, strides, padding })] as const,
  average: ([pool, strides, padding]: Combo) => [new AveragePooling2D({ poolSize: pool, strides, padding }),
    tf.layers.averagePooling2d({ poolSize: pool, strides, padding })] as const,
};
const CASES = (["max", "average"] as const).flatMap((kind) => COMBOS.flatMap((combo) => SHAPES.map((s) => [kind, combo, s] as const)));
/** Whether every window lies inside the image (then TF.js' average backward agrees with ours: see below). */
const fullWindows = ([pool, strides, padding]: Combo, [h, w, c]: number[]) => {
  const g = poolGeometry("test", [h, w, c], pool, strides, padding);
  return (g.outH - 1) * strides[0] + pool[0] <= h && (g.outW - 1) * strides[1] + pool[1] <= w;
};

describe("pooling layers follow TF.js 4.22", () => {
  it.each(CASES)("%s pooling %j on %j: forward within 1e-6 of TF.js; backward equals tf.grads (average: with full windows)",
    (kind, combo, shape) => {
      const [ours, theirs] = LAYERS[kind](combo), { y, xs, x } = run(ours, shape, shape[0] * 7 + combo[0][0]);
      const input = tf.tensor4d(xs, [N, ...shape] as [number, number, number, number]);
      const expected = theirs.apply(input) as tf.Tensor;
      expect(ours.outputShape).toEqual(expected.shape.slice(1));
      expect(maxAbsDiff(y, expected.dataSync())).toBeLessThan(1e-6);
      const dys = seededValues(y.length, -1, 1, 5), dyT = tf.tensor(dys, expected.shape);
      const dx = backward(ours, x, dys);
      const tfDx = tf.grad((v: tf.Tensor) => ((theirs.apply(v) as tf.Tensor).mul(dyT)).sum())(input).dataSync();
      if (kind === "max" || fullWindows(combo, shape)) expect(maxAbsDiff(dx, tfDx)).toBeLessThan(1e-6);
      // Any case: dx is the derivative of TF.js' own forward, by central differences in float64 around its f32 values.
      const f = (v: number[]) => tf.tidy(() => (theirs.apply(tf.tensor4d(v, input.shape)) as tf.Tensor).mul(dyT).sum().dataSync()[0]);
      if (kind === "average" && shape[2] === 2) expect(maxAbsDiff(dx, centralDiff(f, xs))).toBeLessThan(1e-4);
      tf.dispose([input, expected, dyT]);
      ours.dispose();
    });

  it("ties and NaN as TF.js: the first of equal values takes dy, NaN never wins (small integers: many ties, 5 channels)", () => {
    const shape = [4, 5, 5], ours = new MaxPooling2D({ poolSize: [3, 2], strides: [1, 2], padding: "same" });
    const e = engine(), rng = new Rng(e, 1), xs = seededValues(N * 100, 0, 3, 11).map((v, i) => (i % 17 === 0 ? NaN : Math.floor(v)));
    ours.build(e, shape, rng);
    rng.dispose();
    ours.reserve(N);
    const x = e.heap.alloc(N * 100 * 4);
    writeF32(x, xs);
    const y = readF32(ours.forward(x, N, true), N * 60), dys = seededValues(N * 60, -1, 1, 4);
    const input = tf.tensor4d(xs, [N, 4, 5, 5]), theirs = tf.layers.maxPooling2d({ poolSize: [3, 2], strides: [1, 2], padding: "same" });
    expect(y).toEqual(Array.from((theirs.apply(input) as tf.Tensor).dataSync()));
    const tfDx = tf.grad((v: tf.Tensor) => (theirs.apply(v) as tf.Tensor).mul(tf.tensor(dys, [N, 4, 3, 5])).sum())(input).dataSync();
    expect(maxAbsDiff(backward(ours, x, dys), tfDx)).toBeLessThan(1e-6);
    ours.dispose();
  });

  it("TF.js CPU's AvgPoolGrad divides by the whole window where 'same' padding cuts it, unlike its forward: we follow the forward", () => {
    // 3×3 ones, pool 2, stride 2, 'same': the windows hold 4, 2, 2 and 1 pixels; TF.js gives the forward 1, 1, 1, 1 (means of
    // in-image values) but the gradient 0.25 everywhere (1/(2·2), tfjs-backend-cpu kernels/AvgPoolGrad.js' avgMultiplier).
    const ours = new AveragePooling2D({ poolSize: 2, padding: "same" }), { y, x } = run(ours, [3, 3, 1], 1);
    expect(y.length).toBe(8);
    const dx = backward(ours, x, new Array(8).fill(1)).slice(0, 9);
    expect(dx).toEqual([0.25, 0.25, 0.5, 0.25, 0.25, 0.5, 0.5, 0.5, 1]); // d(sum of the means)/dx
    const tfDx = tf.grad((v: tf.Tensor) => (tf.layers.averagePooling2d({ poolSize: 2, padding: "same" }).apply(v) as tf.Tensor).sum());
    expect(Array.from(tfDx(tf.ones([1, 3, 3, 1])).dataSync())).toEqual(new Array(9).fill(0.25));
    ours.dispose();
  });

  it.each([[5, 5, 2], [3, 4, 5]])("global average and max pooling of %j: forward within 1e-6 of TF.js, backward equals tf.grads",
    (...shape) => {
      for (const [ours, theirs] of [[new GlobalAveragePooling2D(), tf.layers.globalAveragePooling2d({})],
        [new GlobalMaxPooling2D(), tf.layers.globalMaxPooling2d({})]] as const) {
        const { y, xs, x } = run(ours, shape, shape[2]), input = tf.tensor4d(xs, [N, ...shape] as [number, number, number, number]);
        const expected = theirs.apply(input) as tf.Tensor;
        expect(ours.outputShape).toEqual([shape[2]]);
        expect(maxAbsDiff(y, expected.dataSync())).toBeLessThan(1e-6);
        const dys = seededValues(y.length, -1, 1, 9), dyT = tf.tensor(dys, expected.shape);
        const tfDx = tf.grad((v: tf.Tensor) => ((theirs.apply(v) as tf.Tensor).mul(dyT)).sum())(input).dataSync();
        expect(maxAbsDiff(backward(ours, x, dys), tfDx)).toBeLessThan(1e-6);
        ours.dispose();
      }
    });

  it("getConfig() as TF.js writes it: poolSize and strides as pairs, strides defaulting to poolSize", () => {
    const strip = (c: Record<string, unknown>) => ({ ...c, name: undefined });
    expect(strip(new MaxPooling2D({ poolSize: 3 }).getConfig())).toEqual(strip(tf.layers.maxPooling2d({ poolSize: 3 }).getConfig()));
    const avg = { poolSize: [2, 3] as Pair, strides: 1, padding: "same" as const };
    expect(strip(new AveragePooling2D(avg).getConfig())).toEqual(strip(tf.layers.averagePooling2d(avg).getConfig()));
    expect(strip(new GlobalAveragePooling2D().getConfig())).toEqual(strip(tf.layers.globalAveragePooling2d({}).getConfig()));
  });
});

describe("gradientCheck through each pooling (Dense → Reshape [h, w, c] → pooling → Dense: the first kernel's gradient crosses it)", () => {
  const checks = [...COMBOS.flatMap((c) => [["max", c], ["average", c]] as const), ["globalAverage", null], ["globalMax", null]] as const;
  it.each(checks)("%s %j", (kind, combo) => {
    const [h, w, c] = [5, 6, 2];
    const pooling = kind === "globalAverage" ? new GlobalAveragePooling2D() : kind === "globalMax" ? new GlobalMaxPooling2D()
      : LAYERS[kind](combo!)[0];
    const model = new Sequential({ seed: 5, layers: [new Dense({ units: h * w * c, inputShape: [3] }),
      new Reshape({ targetShape: [h, w, c] }),
      pooling, ...(kind.startsWith("global") ? [] : [new Flatten()]), new Dense({ units: 2 })] });
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    // The first layer's outputs are its biases, 0.1 apart in a shuffled order, moved by at most ±0.012 by x·W (|x| ≤ 1, |W| ≤ 0.004):
    // at least 0.076 apart, so no step below changes a max's winner. Small last weights keep the f32 loss small.
    const ranks = seededValues(h * w * c, 0, 1, 3).map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    const bias = new Array<number>(h * w * c);
    ranks.forEach((i, rank) => (bias[i] = 0.1 * (rank - 30)));
    const pooled = model.getWeights()[2].data.length;
    model.setWeights([seededValues(3 * h * w * c, -0.004, 0.004, 1), bias, seededValues(pooled, -0.05, 0.05, 2), [0, 0]]);
    const x = [[1, -1, 0.5], [-0.3, 1, 0.8]], y = [[0.5, -1], [1, 0]];
    // h = 0.05: the loss is piecewise quadratic in each weight, so central differences have no truncation error and a larger
    // step shrinks f32 rounding's share (worst measured 1.05e-3; at h = 1e-2 it was 9e-3). 0.05·|x| ≤ 0.05 < the 0.076 gaps.
    const errors = gradientCheck(model, x, y, { epsilon: 0.05 });
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThan(2e-3);
    model.dispose();
  });
});

describe("errors name the problem and the fix", () => {
  it("a pool larger than a 'valid' image, an input that is not [h, w, c], channelsFirst, unknown options, a bad poolSize", () => {
    expect(() => new MaxPooling2D({ poolSize: 4, inputShape: [3, 5, 1] }))
      .toThrow(/4×4 pool does not fit a 3×5 image with padding 'valid'/);
    expect(() => new AveragePooling2D({ inputShape: [10] })).toThrow(ShapeError);
    expect(() => new GlobalAveragePooling2D({ inputShape: [4, 4] })).toThrow(/takes images of shape \[h, w, c\].*got \[4,4\]/);
    expect(() => new MaxPooling2D({ dataFormat: "channelsFirst" as never })).toThrow(/dataFormat 'channelsFirst' is not supported.*NHWC/);
    expect(() => new MaxPooling2D({ dilationRate: 2 } as never)).toThrow(/option 'dilationRate' is not implemented.*poolSize, strides/);
    expect(() => new GlobalMaxPooling2D({ poolSize: 2 } as never)).toThrow(ModelError);
    expect(() => new AveragePooling2D({ poolSize: [2, 0] })).toThrow(/poolSize must be a positive integer or a pair/);
    expect(() => new MaxPooling2D({ padding: "causal" as never })).toThrow(/padding 'causal'; use 'valid' or 'same'/);
  });

  it("the core module (no pooling kernels) is refused at build, naming the full build", () => {
    const core = createEngine(readFileSync(`${ROOT}/build/scratchnet-core.wasm`));
    const layers = [new MaxPooling2D({ inputShape: [4, 4, 1] }), new Flatten(), new Dense({ units: 1 })];
    const model = new Sequential({ engine: core, layers });
    expect(() => model.compile({ optimizer: "sgd", loss: "meanSquaredError" })).toThrow(/no pooling kernels.*import from 'scratchnet'/);
  });
});

describe("Input [6, 6, 2] → MaxPooling2D → Flatten → Dense softmax", () => {
  it("fits with no allocation per step, evaluates and predicts (images as n × h·w·c rows); batchBytes counts the argmax", async () => {
    const n = 24, xs = seededValues(n * 72, 0, 1, 3), labels = Array.from({ length: n }, (_, i) => i % 3);
    // Class k brightens channel 0 of the image's k-th third of rows: pooling keeps it visible.
    labels.forEach((k, i) => {
      for (let r = 2 * k; r < 2 * k + 2; r++) for (let col = 0; col < 6; col++) xs[i * 72 + (r * 6 + col) * 2] += 2;
    });
    const pool = new MaxPooling2D({ inputShape: [6, 6, 2] });
    const model = new Sequential({ seed: 2, layers: [pool, new Flatten(), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    expect(pool.batchBytes(10, [6, 6, 2])).toBe(3 * 10 * 18 * 4); // output, its gradient and the i32 argmax
    const x = tensor2d(Float32Array.from(xs), [n, 72]);
    const heap = engine().heap, seen: string[] = [];
    const onBatchEnd = () => void seen.push(`${heap.allocations} ${heap.memory.buffer.byteLength}`);
    const history = await model.fit(x, labels, { epochs: 30, batchSize: 8, verbose: 0, callbacks: { onBatchEnd } });
    expect(seen.length).toBe(90);
    expect(new Set(seen).size).toBe(1); // a training step allocates nothing
    expect(history.history.loss[29]).toBeLessThan(history.history.loss[0]);
    const [loss, accuracy] = model.evaluate(x, labels);
    expect(Number.isFinite(loss)).toBe(true);
    expect(accuracy).toBe(1);
    const p = model.predict(x);
    expect(p.shape).toEqual([n, 3]);
    expect(p.data.every((v, i) => i % 3 !== labels[Math.floor(i / 3)] || v > 0.5)).toBe(true);
    model.dispose();
  });
});
