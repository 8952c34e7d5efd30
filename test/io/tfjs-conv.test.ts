// Conv2D models and TensorFlow.js 4.22 (@tensorflow/tfjs, cpu backend, in Node): Conv2D's config
// as TF.js writes it (filters, kernel_size, strides, padding, data_format 'channels_last',
// dilation_rate, initializers, regularizers, constraints null) and its weights conv/kernel
// [kh, kw, cin, cout] and conv/bias; a CNN trained in TF.js loads here, predicts the same and resumes
// its Adam state as TF.js would; ours loads in tf.loadLayersModel, predicts the same and TF.js resumes
// our Adam state; BatchNormalization of the channels; what scratchnet does not implement (dilation,
// groups, channels_first, constraints) is refused by name.
import { describe, it, expect, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Dense, Flatten, Conv2D, MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D, Adam, tensor2d, tensor4d }
  from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { capture } from "./tfjs-capture.js";
import { seeded } from "../model/util.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const [H, W, C] = [6, 5, 2], PIXELS = H * W * C, N = 8;
const images = (n: number, seed: number) => Float32Array.from(seeded(n * PIXELS, seed, -1, 1));
const X = images(N, 1), LABELS = seeded(N, 2, 0, 3).map(Math.floor), PROBE = images(9, 7);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
type Topology = { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
const layersOf = (a: ModelArtifacts) => (a.modelTopology as Topology).config.layers;
const theirPredict = (m: tf.LayersModel, x: Float32Array) =>
  (m.predict(tf.tensor4d(x, [x.length / PIXELS, H, W, C])) as tf.Tensor).dataSync();
// Images as TF.js takes them (tensor4d), or as flat rows of h·w·c (tensor2d): the same data either way.
const ourPredict = (m: Sequential, x: Float32Array) => m.predict(tensor4d(x, [x.length / PIXELS, H, W, C])).data;
const glorot = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) });

/** TF.js' CNN: Conv2D 'valid' relu → Conv2D 'same' strides 2 → MaxPooling2D 'same' → AveragePooling2D → Flatten or GAP → Dense. */
function tfjsCnn(head: "flatten" | "global"): tf.Sequential {
  return tf.sequential({ layers: [
    tf.layers.conv2d({ inputShape: [H, W, C], filters: 4, kernelSize: 3, activation: "relu", ...glorot(1) }),
    tf.layers.conv2d({ filters: 3, kernelSize: [3, 2], strides: 2, padding: "same", activation: "tanh", ...glorot(2) }),
    tf.layers.maxPooling2d({ poolSize: 2, strides: 1, padding: "same" }),
    // 'valid': TF.js CPU's AvgPoolGrad divides a window cut by 'same' padding by the whole window, unlike its forward
    // (src/layers/pooling.ts follows the forward's derivative), so training through it would part ways.
    tf.layers.averagePooling2d({ poolSize: [1, 2], strides: 1 }),
    head === "flatten" ? tf.layers.flatten() : tf.layers.globalAveragePooling2d({}),
    tf.layers.dense({ units: 3, activation: "softmax", ...glorot(3) }),
  ] });
}

describe("Conv2D's model.json", () => {
  it("ours writes Conv2D's config exactly as TF.js 4.22 does, and its weights as conv/kernel [kh, kw, cin, cout], conv/bias", async () => {
    const args = { name: "conv", filters: 3, kernelSize: [3, 2] as [number, number], strides: [2, 1] as [number, number],
      padding: "same" as const, activation: "relu" as const, inputShape: [5, 4, 2] };
    const theirs = await capture((h) => tf.sequential({ layers: [tf.layers.conv2d({ ...args, kernelInitializer: "glorotUniform",
      kernelRegularizer: tf.regularizers.l1l2({ l1: 0.01, l2: 0.02 }) })] }).save(h));
    const model = new Sequential({ layers: [new Conv2D({ ...args, kernelRegularizer: { l1: 0.01, l2: 0.02 } })] });
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const ours = await capture((h) => model.save(h));
    expect(layersOf(ours)).toEqual(layersOf(theirs));
    const specs = ours.weightSpecs!.filter((s) => s.group !== "optimizer"); // ours saves SGD's iterations too
    expect(specs).toEqual(theirs.weightSpecs);
    expect(specs.map((s) => [s.name, s.shape])).toEqual([["conv/kernel", [3, 2, 2, 3]], ["conv/bias", [3]]]);
    const read = (await loadModel(theirs, { compile: false })).layers[0] as Conv2D;
    expect([read.filters, read.kernelSize, read.strides, read.padding, read.activation.name, read.kernelRegularizer])
      .toEqual([3, [3, 2], [2, 1], "same", "relu", { l1: 0.01, l2: 0.02 }]);
    model.dispose();
  });
});

describe("TensorFlow.js → scratchnet", () => {
  it.each(["flatten", "global"] as const)("a CNN (%s head) trained in TF.js loads here, predicts the same and resumes its Adam state",
    async (head) => {
      const m = tfjsCnn(head), x = tf.tensor4d(X, [N, H, W, C]), y = tf.tensor1d(LABELS);
      m.compile({ optimizer: tf.train.adam(0.02), loss: "sparseCategoricalCrossentropy" });
      await m.fit(x, y, { epochs: 2, batchSize: N, shuffle: false, verbose: 0 });
      const artifacts = await capture((h) => m.save(h, { includeOptimizer: true }));
      const ours = await loadModel(artifacts);
      expect(ours.layers.map((l) => l.className)).toEqual(m.layers.map((l) => l.getClassName()));
      const diff = maxAbsDiff(ourPredict(ours, PROBE), theirPredict(m, PROBE));
      console.log(`TF.js → scratchnet, CNN (${head}): max |Δ prediction| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-5);
      // Both go on from the saved state: 2 more full-batch steps each.
      await m.fit(x, y, { epochs: 2, batchSize: N, shuffle: false, verbose: 0 });
      await ours.fit(tensor2d(X, [N, PIXELS]), LABELS, { epochs: 2, batchSize: N, shuffle: false, verbose: 0 });
      expect(ours.optimizer!.iterations).toBe(4);
      const theirWeights = m.getWeights().flatMap((w) => Array.from(w.dataSync()));
      const weights = maxAbsDiff(ours.getWeights().flatMap((w) => Array.from(w.data)), theirWeights);
      const after = maxAbsDiff(ourPredict(ours, PROBE), theirPredict(m, PROBE));
      console.log(`  resumed 2 Adam steps on both: max |Δ weight| = ${weights.toExponential(2)}, `
        + `max |Δ prediction| = ${after.toExponential(2)}`);
      expect(weights).toBeLessThan(1e-4); // measured 4.2e-7 and 3.6e-7 (Adam scales a tiny gradient's f32 noise up to lr's size)
      expect(after).toBeLessThan(1e-5); // measured 8.9e-7 and 7.8e-7
      ours.dispose();
    });
});

describe("BatchNormalization after Conv2D (TF.js' axis -1: the channels)", () => {
  it("a TF.js Conv2D → BatchNormalization → Flatten → Dense loads here, predicts the same; Keras' axis [3] too, 1 refused", async () => {
    const m = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [H, W, C], filters: 3, kernelSize: 2, ...glorot(4) }),
      tf.layers.batchNormalization({ momentum: 0.5 }), tf.layers.flatten(),
      tf.layers.dense({ units: 3, activation: "softmax", ...glorot(5) })] });
    m.compile({ optimizer: tf.train.adam(0.02), loss: "sparseCategoricalCrossentropy" });
    await m.fit(tf.tensor4d(X, [N, H, W, C]), tf.tensor1d(LABELS), { epochs: 2, batchSize: N, shuffle: false, verbose: 0 });
    const artifacts = await capture((h) => m.save(h));
    const config = layersOf(artifacts)[1].config;
    for (const axis of [-1, [3]]) {
      config.axis = axis;
      const ours = await loadModel(artifacts);
      const diff = maxAbsDiff(ourPredict(ours, PROBE), theirPredict(m, PROBE));
      if (axis === -1) console.log(`TF.js → scratchnet, Conv2D + BatchNormalization: max |Δ prediction| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-5);
      ours.dispose();
    }
    config.axis = 1; // channels first: the rows, not the channels
    await expect(loadModel(artifacts)).rejects.toThrow(/axis 1 of an input of shape \[null, 5, 4, 3\] is not the last/);
  });
});

describe("scratchnet → TensorFlow.js", () => {
  it.each(["flatten", "global"] as const)("our CNN (%s head) loads in tf.loadLayersModel, predicts the same and resumes", async (head) => {
    const model = new Sequential({ seed: 3, layers: [
      new Conv2D({ inputShape: [H, W, C], filters: 4, kernelSize: 3, padding: "same", strides: 2, activation: "relu" }),
      new Conv2D({ filters: 3, kernelSize: [2, 3], useBias: false }), new MaxPooling2D({ poolSize: [1, 2], strides: 1, padding: "same" }),
      new AveragePooling2D({ poolSize: [2, 1], strides: 1 }), head === "flatten" ? new Flatten() : new GlobalAveragePooling2D(),
      new Dense({ units: 3, activation: "softmax" }),
    ] });
    model.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: "sparseCategoricalCrossentropy" });
    await model.fit(tensor2d(X, [N, PIXELS]), LABELS, { epochs: 3, batchSize: 4, verbose: 0 });
    const artifacts = await capture((h) => model.save(h));
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.className));
    const diff = maxAbsDiff(ourPredict(model, PROBE), theirPredict(theirs, PROBE));
    console.log(`scratchnet → TF.js, CNN (${head}): max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    // Both go on from our saved Adam state (TF.js compiles from trainingConfig and takes the optimizer's weights): 2 steps each.
    await model.fit(tensor2d(X, [N, PIXELS]), LABELS, { epochs: 2, batchSize: N, shuffle: false, verbose: 0 });
    await theirs.fit(tf.tensor4d(X, [N, H, W, C]), tf.tensor1d(LABELS), { epochs: 2, batchSize: N, shuffle: false, verbose: 0 });
    const theirWeights = theirs.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const weights = maxAbsDiff(model.getWeights().flatMap((w) => Array.from(w.data)), theirWeights);
    console.log(`  TF.js resumed our Adam state, 2 steps on both: max |Δ weight| = ${weights.toExponential(2)}`);
    expect(weights).toBeLessThan(1e-4);
    model.dispose();
  });
});

describe("what scratchnet's Conv2D does not implement is refused by name", () => {
  it("dilation_rate, groups, channels_first, a constraint, a bias regularizer", async () => {
    const artifacts = await capture((h) => tfjsCnn("flatten").save(h));
    const config = layersOf(artifacts)[1].config, name = String(config.name);
    const edit = async (key: string, value: unknown, error: string) => {
      const saved = config[key];
      config[key] = value;
      await expect(loadModel(artifacts)).rejects.toThrow(`${name}: ${error}`);
      config[key] = saved;
    };
    await edit("dilation_rate", [2, 2], "dilation_rate [2,2] is not implemented");
    await edit("groups", 2, "groups 2 is not implemented");
    await edit("data_format", "channels_first", 'Conv2D with data_format "channels_first" is not implemented');
    await edit("kernel_constraint", { class_name: "MaxNorm", config: { max_value: 2, axis: 0 } }, "kernel_constraint is not implemented");
    await edit("bias_regularizer", { class_name: "L1L2", config: { l1: 0, l2: 0.1 } }, "bias_regularizer is not implemented");
    await edit("kernel_size", [3, 0], "kernelSize must be a positive integer or a pair");
    Object.assign(config, { groups: 1, dilation_rate: 1, data_format: null }); // Keras' spellings of the defaults load
    expect((await loadModel(artifacts)).layers.length).toBe(6); // each edit undone: the file loads
  });
});
