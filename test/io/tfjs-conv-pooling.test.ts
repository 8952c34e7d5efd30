// The image layers without weights (ZeroPadding2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D,
// GlobalMaxPooling2D) and TensorFlow.js 4.22 (@tensorflow/tfjs, cpu backend, in Node): model.json configs
// as TF.js writes them (pool_size, strides, padding, data_format 'channels_last'), models both ways
// predicting the same, and what scratchnet does not implement refused by name.
import { describe, it, expect, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Dense, Flatten, ZeroPadding2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D,
  Adam, tensor2d } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { capture } from "./tfjs-capture.js";
import { seeded } from "../model/util.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const [H, W, C] = [6, 5, 2], PIXELS = H * W * C;
const images = (n: number, seed: number) => Float32Array.from(seeded(n * PIXELS, seed, -2, 2));
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
type Topology = { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
const layersOf = (a: ModelArtifacts) => (a.modelTopology as Topology).config.layers;
const CLASSES = ["ZeroPadding2D", "MaxPooling2D", "AveragePooling2D", "GlobalMaxPooling2D", "Dense"];

/** TF.js' layers with the names and options of ours, in the same order. */
function tfjsLayers(global: "max" | "average") {
  return [
    tf.layers.zeroPadding2d({ name: "pad", inputShape: [H, W, C], padding: [[1, 0], [2, 1]] }),
    tf.layers.maxPooling2d({ name: "max", poolSize: [2, 3], strides: [1, 2], padding: "same" }),
    tf.layers.averagePooling2d({ name: "avg", poolSize: 2, strides: 1, padding: "same" }),
    global === "max" ? tf.layers.globalMaxPooling2d({ name: "global" }) : tf.layers.globalAveragePooling2d({ name: "global" }),
    tf.layers.dense({ name: "out", units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
  ];
}

function ourLayers(global: "max" | "average") {
  return [
    new ZeroPadding2D({ name: "pad", inputShape: [H, W, C], padding: [[1, 0], [2, 1]] }),
    new MaxPooling2D({ name: "max", poolSize: [2, 3], strides: [1, 2], padding: "same" }),
    new AveragePooling2D({ name: "avg", poolSize: 2, strides: 1, padding: "same" }),
    global === "max" ? new GlobalMaxPooling2D({ name: "global" }) : new GlobalAveragePooling2D({ name: "global" }),
    new Dense({ name: "out", units: 3, activation: "softmax" }),
  ];
}

describe("model.json of the pooling and padding layers", () => {
  it("ours writes each layer's config exactly as TF.js 4.22 writes it", async () => {
    const theirs = layersOf(await capture((h) => tf.sequential({ layers: tfjsLayers("max") }).save(h)));
    const model = new Sequential({ layers: ourLayers("max") });
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const ours = layersOf(await capture((h) => model.save(h)));
    expect(ours.map((l) => l.class_name)).toEqual(CLASSES);
    expect(ours.slice(0, 4)).toEqual(theirs.slice(0, 4)); // Dense's initializers differ (TF.js' default is glorotNormal)
    expect(theirs[1].config).toEqual({ pool_size: [2, 3], strides: [1, 2], padding: "same", data_format: "channels_last",
      name: "max", trainable: true });
    model.dispose();
  });
});

describe("TensorFlow.js → scratchnet", () => {
  it.each(["max", "average"] as const)("a TF.js model (global %s pooling) trained with Adam loads here, predicts the same", async (kind) => {
    const m = tf.sequential({ layers: tfjsLayers(kind) });
    m.compile({ optimizer: tf.train.adam(0.05), loss: "sparseCategoricalCrossentropy" });
    const n = 12, x = tf.tensor4d(images(n, 1), [n, H, W, C]), y = tf.tensor1d(seeded(n, 2, 0, 3).map(Math.floor));
    await m.fit(x, y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });
    const artifacts = await capture((h) => m.save(h, { includeOptimizer: true }));
    const ours = await loadModel(artifacts);
    expect(ours.layers.map((l) => l.className)).toEqual(m.layers.map((l) => l.getClassName()));
    expect(ours.inputShape).toEqual([H, W, C]);
    const probe = images(9, 7);
    const theirs = (m.predict(tf.tensor4d(probe, [9, H, W, C])) as tf.Tensor).dataSync();
    const diff = maxAbsDiff(ours.predict(tensor2d(probe, [9, PIXELS])).data, theirs);
    console.log(`TF.js → scratchnet, pooling layers (global ${kind}): max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    expect(ours.optimizer?.iterations).toBe(9); // TF.js' Adam state came along
    ours.dispose();
  });
});

describe("scratchnet → TensorFlow.js", () => {
  it("our trained model loads in tf.loadLayersModel and predicts the same", async () => {
    const layers = [...ourLayers("average").slice(0, 3), new Flatten(), new Dense({ units: 3, activation: "softmax" })];
    const model = new Sequential({ seed: 4, layers });
    model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: "sparseCategoricalCrossentropy" });
    const n = 12;
    await model.fit(tensor2d(images(n, 5), [n, PIXELS]), seeded(n, 6, 0, 3).map(Math.floor), { epochs: 3, batchSize: 4, verbose: 0 });
    const artifacts = await capture((h) => model.save(h));
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(["ZeroPadding2D", "MaxPooling2D", "AveragePooling2D", "Flatten", "Dense"]);
    const probe = images(9, 8);
    const expected = (theirs.predict(tf.tensor4d(probe, [9, H, W, C])) as tf.Tensor).dataSync();
    const diff = maxAbsDiff(model.predict(tensor2d(probe, [9, PIXELS])).data, expected);
    console.log(`scratchnet → TF.js, pooling layers: max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    model.dispose();
  });
});

describe("what scratchnet does not implement is refused by name", () => {
  it("channels_first, Keras' keepdims, a bad pool size", async () => {
    const artifacts = await capture((h) => tf.sequential({ layers: tfjsLayers("average") }).save(h));
    const layers = layersOf(artifacts), edit = async (i: number, key: string, value: unknown, error: RegExp) => {
      const saved = layers[i].config[key];
      layers[i].config[key] = value;
      await expect(loadModel(artifacts)).rejects.toThrow(error);
      layers[i].config[key] = saved;
    };
    await edit(1, "data_format", "channels_first", /max: MaxPooling2D with data_format "channels_first" is not implemented/);
    await edit(0, "data_format", "channels_first", /pad: ZeroPadding2D with data_format "channels_first"/);
    await edit(3, "keepdims", true, /global: GlobalAveragePooling2D with keepdims true is not implemented/);
    await edit(2, "pool_size", [0, 2], /avg: poolSize must be a positive integer or a pair/);
    await edit(0, "padding", [[1], [2]], /pad: padding must be a non-negative integer/);
    expect((await loadModel(artifacts)).layers.length).toBe(5); // each edit undone: the file loads
  });
});
