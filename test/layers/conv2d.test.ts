// Conv2D (src/layers/conv2d.ts) against a direct f64 convolution (test/reference/conv.ts) and
// against TF.js 4.22 (CPU backend, live): forward with the same weights, dK/db/dx from tf.grads,
// and the model-level gradient check (src/models/gradient-check.ts) for every geometry used.
import { describe, it, expect, afterEach } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Conv2D, Dense, Flatten, ModelError, ShapeError, tensor4d, tensor3d, engine, Rng, regularizers }
  from "../../src/index.js";
import { gradientCheck } from "../../src/models/gradient-check.js";
import { convGeometry } from "../../src/ops/conv.js";
import type { Conv2DArgs } from "../../src/layers/conv2d.js";
import { seededValues, maxAbsDiff, readF32, writeF32 } from "../helpers.js";
import * as ref from "../reference/conv.js";

type Strides = number | [number, number];
type Case = [label: string, h: number, w: number, c: number, kernel: [number, number], stride: Strides, padding: "valid" | "same"];
// Kernels 1×1, 3×3, 5×5 and 2×3; strides 1, 2 and unequal [1, 2], [2, 1] (3×3 and 2×3); both paddings; cin 1 and 3; small
// images (odd and even).
const CASES: Case[] = [];
const UNEQUAL: Strides[] = [[1, 2], [2, 1]];
for (const [kernel, h, w] of [[[1, 1], 5, 4], [[3, 3], 5, 6], [[5, 5], 6, 5], [[2, 3], 5, 5]] as const) {
  for (const stride of [1, 2, ...(kernel[0] > 1 && kernel[0] < 5 ? UNEQUAL : [])]) for (const padding of ["valid", "same"] as const) {
    for (const c of [1, 3]) {
      CASES.push([`${kernel[0]}×${kernel[1]} s${String(stride)} ${padding} cin ${c}`, h, w, c, [...kernel], stride, padding]);
    }
  }
}
const N = 2, FILTERS = 3;
const models: Sequential[] = [];
afterEach(() => void models.splice(0).forEach((m) => m.dispose()));

function convModel(args: Partial<Conv2DArgs>, shape: number[], more: (Dense | Flatten | Conv2D)[] = []): Sequential {
  const m = new Sequential({ layers: [new Conv2D({ filters: FILTERS, kernelSize: 3, inputShape: shape, ...args }), ...more] });
  m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  models.push(m);
  return m;
}

const weightsFor = (kh: number, kw: number, c: number, seed: number) =>
  [seededValues(kh * kw * c * FILTERS, -1, 1, seed), seededValues(FILTERS, -0.5, 0.5, seed + 1)];

/** TF.js' own Conv2D layer with the same weights, applied to x. */
function tfConv([, h, w, c, kernel, stride, padding]: Case, ws: number[][], xs: number[], activation = "linear") {
  return tf.tidy(() => {
    const layer = tf.layers.conv2d({ filters: FILTERS, kernelSize: kernel, strides: stride, padding, inputShape: [h, w, c],
      activation: activation as "linear" });
    const x = tf.tensor4d(xs, [N, h, w, c]);
    layer.apply(x); // builds the layer, so setWeights has weights to set
    layer.setWeights([tf.tensor4d(ws[0], [...kernel, c, FILTERS]), tf.tensor1d(ws[1])]);
    return Array.from((layer.apply(x) as tf.Tensor).dataSync());
  });
}

describe("Conv2D forward", () => {
  it.each(CASES)("%s: a direct f64 convolution within 1e-5, and TF.js' tf.layers.conv2d (live) within 1e-5", async (...cs) => {
    const [, h, w, c, kernel, stride, padding] = cs;
    await tf.setBackend("cpu");
    const m = convModel({ kernelSize: kernel, strides: stride, padding }, [h, w, c]), ws = weightsFor(kernel[0], kernel[1], c, h + c);
    m.setWeights(ws);
    const xs = seededValues(N * h * w * c, -2, 2, 7 * c + h), y = Array.from(m.predict(tensor4d(xs, [N, h, w, c])).data);
    const g = convGeometry("test", [h, w, c], kernel, stride, padding);
    expect(m.layers[0].outputShape).toEqual([g.outH, g.outW, FILTERS]);
    const direct = ref.conv2d(xs, ws[0], N, g, FILTERS).map((v, i) => v + ws[1][i % FILTERS]);
    expect(maxAbsDiff(y, direct)).toBeLessThan(1e-5);
    expect(maxAbsDiff(y, tfConv(cs, ws, xs))).toBeLessThan(1e-5);
  });

  it("relu, no bias, kernel [kh, kw, cin, cout] named conv2d_N/kernel; TF.js' default fans for glorotUniform", () => {
    const m = convModel({ activation: "relu", useBias: false, kernelSize: [3, 2], filters: 4 }, [6, 5, 2]);
    const [kernel] = m.layers[0].params();
    expect(kernel.name).toMatch(/^conv2d_\d+\/kernel$/);
    expect(kernel.shape).toEqual([3, 2, 2, 4]);
    expect(m.layers[0].params()).toHaveLength(1);
    // TF.js' computeFans: fanIn = 3·2·2 = 12, fanOut = 3·2·4 = 24, limit √(6 / 36) = 0.408.
    const values = m.getWeights()[0].data, limit = Math.sqrt(6 / 36);
    expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...values.map(Math.abs))).toBeGreaterThan(0.8 * limit);
    const xs = seededValues(2 * 6 * 5 * 2, -1, 1, 3), y = m.predict(tensor4d(xs, [2, 6, 5, 2])).data;
    expect(Math.min(...y)).toBe(0);
    expect(m.countParams()).toBe(3 * 2 * 2 * 4);
  });
});

/** dK, db, dx of one Conv2D layer for a seeded dL/da, beside TF.js' tf.grads of Σ f(conv2d(x, K) + b)·dL/da. */
async function gradients([, h, w, c, kernel, stride, padding]: Case, activation: "relu" | "swish" | "linear", useBias: boolean) {
  await tf.setBackend("cpu");
  const e = engine(), rng = new Rng(e, 1);
  const layer = new Conv2D({ filters: FILTERS, kernelSize: kernel, strides: stride, padding, activation, useBias });
  layer.build(e, [h, w, c], rng);
  layer.reserve(N);
  const ws = weightsFor(kernel[0], kernel[1], c, 5), params = layer.params();
  params.forEach((p, i) => writeF32(p.value, ws[i]));
  const xs = seededValues(N * h * w * c, -2, 2, 11), size = N * h * w * c, out = N * layer.outputShape.reduce((a, b) => a * b);
  const x = e.heap.alloc(size * 4), dx = e.heap.alloc(size * 4), dys = seededValues(out, -1, 1, 13);
  writeF32(x, xs);
  layer.forward(x, N, true);
  writeF32(layer.outputGrad, dys);
  layer.backward(x, N, dx, false);
  const ours = [readF32(dx, size), ...params.map((p) => readF32(p.grad, p.size))];
  const f = { relu: tf.relu, swish: (z: tf.Tensor) => tf.mul(z, tf.sigmoid(z)), linear: (z: tf.Tensor) => z }[activation];
  const theirs = tf.tidy(() => tf.grads((xt: tf.Tensor, kt: tf.Tensor, bt: tf.Tensor) => {
    const z = tf.conv2d(xt as tf.Tensor4D, kt as tf.Tensor4D, stride, padding);
    return tf.sum(tf.mul(f(tf.add(z, bt)), tf.tensor(dys, [N, ...layer.outputShape]))); // b = 0 stands for no bias
  })([tf.tensor4d(xs, [N, h, w, c]), tf.tensor4d(ws[0], [...kernel, c, FILTERS]), tf.tensor1d(useBias ? ws[1] : [0, 0, 0])])
    .map((t) => Array.from(t.dataSync())));
  e.heap.release(dx);
  e.heap.release(x);
  layer.dispose();
  rng.dispose();
  return { ours, theirs: theirs.slice(0, ours.length) }; // [dx, dK, db]
}

describe("Conv2D gradients", () => {
  it.each(CASES.filter((cs) => cs[3] === 3))("%s: dx, dK, db equal TF.js' tf.grads within 1e-5 (relu: fused bias pass)", async (...cs) => {
    const { ours, theirs } = await gradients(cs, "relu", true);
    ours.forEach((g, i) => expect(maxAbsDiff(g, theirs[i]), ["dx", "dK", "db"][i]).toBeLessThan(1e-5));
  });

  it.each(CASES.filter((cs) => cs[3] === 1 && cs[4][0] === 3))("%s: swish (z kept) with a bias, and linear without one, as tf.grads",
    async (...cs) => {
      for (const [activation, bias] of [["swish", true], ["linear", false]] as const) {
        const { ours, theirs } = await gradients(cs, activation, bias);
        expect(ours).toHaveLength(bias ? 3 : 2);
        ours.forEach((g, i) => expect(maxAbsDiff(g, theirs[i]), `${activation} ${["dx", "dK", "db"][i]}`).toBeLessThan(1e-5));
      }
    });

  it.each(CASES.filter((cs) => cs[3] === 1))("%s: gradientCheck of Conv2D → Conv2D 3×3 → Flatten → Dense (dx through the second)",
    (...cs) => {
      const [, h, w, c, kernel, stride, padding] = cs;
      const m = convModel({ kernelSize: kernel, strides: stride, padding, activation: "tanh", filters: 2 }, [h, w, c],
        [new Conv2D({ filters: 2, kernelSize: 3, padding: "same", activation: "sigmoid" }), new Flatten(), new Dense({ units: 2 })]);
      const xs = seededValues(N * h * w * c, -1, 1, 3), ys = seededValues(N * 2, -1, 1, 4);
      const worst = gradientCheck(m, tensor4d(xs, [N, h, w, c]), [ys.slice(0, 2), ys.slice(2)]);
      expect(Object.keys(worst)).toHaveLength(6);
      // The repo's bound for f32 losses at h = 1e-2 (test/model/gradient-check.test.ts); measured at most 8.4e-3 here
      // (f32 rounding: 3e-3 and 3e-2 give other worst entries); the exact gradients are the tf.grads test above.
      for (const [name, err] of Object.entries(worst)) expect(err, name).toBeLessThan(1e-2);
    });
});

describe("Conv2D options", () => {
  it("kernelRegularizer l1l2: its penalty (Σ over the kernel) in the loss and the gradient; initializers by name", () => {
    const reg = regularizers.l1l2({ l1: 0.01, l2: 0.02 });
    const m = convModel({ kernelSize: [2, 3], strides: [1, 2], padding: "same", activation: "tanh", kernelRegularizer: reg,
      biasInitializer: "ones" }, [4, 5, 2], [new Flatten(), new Dense({ units: 2 })]);
    const [kernel, bias] = m.getWeights().map((w) => Array.from(w.data));
    expect(bias).toEqual([1, 1, 1]);
    const expected = kernel.reduce((s, v) => s + 0.01 * Math.abs(v) + 0.02 * v * v, 0);
    expect(m.layers[0].penalty()).toBeCloseTo(expected, 5);
    const xs = seededValues(N * 4 * 5 * 2, -1, 1, 8), worst = gradientCheck(m, tensor4d(xs, [N, 4, 5, 2]), [[0.5, -0.5], [1, 0]]);
    for (const [name, err] of Object.entries(worst)) expect(err, name).toBeLessThan(1e-2);
    const ones = convModel({ kernelInitializer: "ones", useBias: false }, [3, 3, 1]);
    expect(Array.from(ones.getWeights()[0].data)).toEqual(new Array(9 * FILTERS).fill(1));
  });
});

describe("Conv2D: bad input is refused with the problem and the fix", () => {
  it("a kernel larger than the image with 'valid', a wrong inputShape rank, unknown and unsupported options", () => {
    expect(() => new Conv2D({ filters: 2, kernelSize: 5, inputShape: [4, 4, 1] })).toThrow(/5×5 kernel does not fit a 4×4 image.*'same'/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, inputShape: [28, 28] })).toThrow(/\[height, width, channels\].*\[28, 28, 1\]/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, inputShape: [784] })).toThrow(ShapeError);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, groups: 2 } as Conv2DArgs)).toThrow(/option 'groups' is not implemented/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, dataFormat: "channelsFirst" })).toThrow(/channelsFirst.*NHWC/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, dilationRate: 2 })).toThrow(/dilationRate 2 is not supported/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 3, strides: [1, 0] })).toThrow(/strides must be a positive integer or a pair/);
    expect(() => new Conv2D({ filters: 0, kernelSize: 3 })).toThrow(/filters must be a positive integer/);
    expect(() => new Conv2D({ filters: 2, kernelSize: [3] as unknown as number })).toThrow(ModelError);
    expect(() => new Conv2D({ filters: 2 } as Conv2DArgs)).toThrow(/kernelSize is required/);
    expect(() => new Sequential({ layers: [new Dense({ units: 2, inputShape: [4] }), new Conv2D({ filters: 2, kernelSize: 1 })] })
      .compile({ optimizer: "sgd", loss: "meanSquaredError" })).toThrow(/Conv2D takes images of shape/);
  });

  it("tensor4d/tensor3d: shape checked against the data and, at fit/predict, the sample size against the model", () => {
    expect(() => tensor4d(new Float32Array(10), [2, 2, 2, 1])).toThrow(/10 values but shape \[2,2,2,1\] needs 8/);
    expect(() => tensor4d(new Float32Array(8), [2, 4, 1] as unknown as [number, number, number, number])).toThrow(/\[n, height/);
    expect(tensor3d([1, 2, 3, 4], [1, 2, 2])).toMatchObject({ shape: [1, 4], sampleShape: [2, 2] });
    const m = convModel({}, [4, 4, 1]);
    expect(() => m.predict(tensor4d(new Float32Array(2 * 25), [2, 5, 5, 1]))).toThrow(/has samples of shape \[5,5,1\]/);
  });

  it("bytes with a scale (MNIST-style pixels) predict what their scaled floats predict", () => {
    const m = convModel({ padding: "same" }, [4, 4, 1]), bytes = Uint8Array.from({ length: 3 * 16 }, (_, i) => (i * 37) % 256);
    const floats = Float32Array.from(bytes, (b) => Math.fround(b * Math.fround(1 / 255)));
    expect(m.predict(tensor4d(bytes, [3, 4, 4, 1], 1 / 255)).data).toEqual(m.predict(tensor4d(floats, [3, 4, 4, 1])).data);
  });
});
