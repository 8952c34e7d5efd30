// predictLayers() (src/models/predict-layers.ts): every layer's output, equal to what TF.js 4.22 gives
// for a model whose outputs are all the layers' (tf.model({inputs, outputs: layers' outputs}).predict),
// the last one predict()'s bits, and the same for any batchSize.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Conv2D, MaxPooling2D, Flatten, Dense, tensor4d, predictLayers, DataError, ShapeError } from "../../src/index.js";
import { seededValues, maxAbsDiff } from "../helpers.js";

const [N, H, W, C] = [3, 7, 6, 2];
const XS = seededValues(N * H * W * C, 0, 1, 5);
const WEIGHTS = [seededValues(3 * 3 * C * 4, -0.5, 0.5, 1), seededValues(4, -0.1, 0.1, 2), seededValues(2 * 2 * 4 * 3, -0.5, 0.5, 3),
  seededValues(3, -0.1, 0.1, 4)];

const ours = () => {
  const m = new Sequential({ layers: [
    new Conv2D({ filters: 4, kernelSize: 3, activation: "relu", inputShape: [H, W, C] }), new MaxPooling2D({ poolSize: 2 }),
    new Flatten(), new Dense({ units: 3, activation: "softmax" }),
  ] });
  m.setWeights(WEIGHTS);
  return m;
};

describe("predictLayers", () => {
  it("gives each layer's output as TF.js' multi-output model does (within 1e-6), names, classes and shapes", async () => {
    await tf.setBackend("cpu");
    const t = tf.sequential({ layers: [tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: "relu", inputShape: [H, W, C] }),
      tf.layers.maxPooling2d({ poolSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 3, activation: "softmax" })] });
    t.setWeights([tf.tensor4d(WEIGHTS[0], [3, 3, C, 4]), tf.tensor1d(WEIGHTS[1]), tf.tensor2d(WEIGHTS[2], [16, 3]),
      tf.tensor1d(WEIGHTS[3])]);
    const all = tf.model({ inputs: t.inputs, outputs: t.layers.map((l) => l.output as tf.SymbolicTensor) });
    const x = tf.tensor4d(XS, [N, H, W, C]);
    const expected = (all.predict(x) as tf.Tensor[]).map((y) => ({ shape: y.shape, data: Array.from(y.dataSync()) }));
    const m = ours();
    const got = predictLayers(m, tensor4d(XS, [N, H, W, C]));
    expect(got.map((o) => [o.name, o.className])).toEqual(m.layers.map((l) => [l.name, l.className]));
    expect(got.map((o) => o.shape)).toEqual(expected.map((e) => e.shape));
    got.forEach((o, i) => expect(maxAbsDiff(o.data, expected[i].data), o.name).toBeLessThan(1e-6));
    m.dispose();
    t.dispose();
    x.dispose();
  });

  it("ends with predict()'s bits, for one row and for several, with any batchSize", () => {
    const m = ours();
    const one = new Float32Array(XS.slice(0, H * W * C));
    expect(predictLayers(m, tensor4d(one, [1, H, W, C])).at(-1)!.data).toEqual(m.predict(tensor4d(one, [1, H, W, C])).data);
    const whole = predictLayers(m, tensor4d(XS, [N, H, W, C]));
    const chunked = predictLayers(m, tensor4d(XS, [N, H, W, C]), { batchSize: 2 });
    expect(whole.at(-1)!.data).toEqual(m.predict(tensor4d(XS, [N, H, W, C])).data);
    chunked.forEach((o, i) => expect(o.data, o.name).toEqual(whole[i].data));
    m.dispose();
  });

  it("refuses input of the wrong size or bad values by name, and a bad batchSize", () => {
    const m = ours();
    expect(() => predictLayers(m, [[1, 2, 3]])).toThrow(ShapeError);
    expect(() => predictLayers(m, tensor4d(new Float32Array(H * W * C).fill(NaN), [1, H, W, C]))).toThrow(DataError);
    expect(() => predictLayers(m, tensor4d(XS, [N, H, W, C]), { batchSize: 0 })).toThrow(/predictLayers: batchSize/);
    m.dispose();
  });
});
