// Interchange with TensorFlow.js itself (@tensorflow/tfjs, cpu backend, in Node): a model trained
// here loads in tf.loadLayersModel and predicts the same, compiled, with our optimizer state;
// a Sequential Dense model trained and saved by TensorFlow.js loads here with its optimizer and
// keeps training the same way; Keras-written topologies (converter wrapper, InputLayer with
// batch_input_shape or Keras 3's batch_shape and dtype policies, Functional chains) load too.
import { describe, it, expect, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Dense, Adam, SGD, engine } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { rowsOf, toyClasses } from "../model/util.js";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { TRAINED_784_50_100_10_DIR } from "../../src/course/sample-weight.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const data = toyClasses(40, 4, 3, 21);
const probe = rowsOf(16, 4, 77, -2, 2);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** What a handler's save() receives, from TensorFlow.js or from us. */
async function capture(save: (h: tf.io.IOHandler) => Promise<unknown>): Promise<ModelArtifacts> {
  let artifacts: ModelArtifacts | undefined;
  await save(tf.io.withSaveHandler(async (a) => {
    artifacts = a as ModelArtifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  return artifacts!;
}

const stateOf = (model: Sequential) => model.optimizer!.stateBuffers().map((b) => engine().heap.f32.slice(b.ptr >>> 2, (b.ptr >>> 2) + b.size));

describe("scratchnet → TensorFlow.js", () => {
  it("the shipped 784-50-100-10 MNIST model (data/models/) loads in both and predicts the same", async () => {
    const modelJson = JSON.parse(await readFile(join(TRAINED_784_50_100_10_DIR, "model.json"), "utf8"));
    const weights = new Uint8Array(await readFile(join(TRAINED_784_50_100_10_DIR, "weights.bin")));
    const ours = await loadModel(TRAINED_784_50_100_10_DIR);
    expect(ours.optimizer).toBeUndefined(); // saved weights-only: it predicts, and compile() makes it trainable
    const theirs = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: weights.slice().buffer }));
    const pixels = rowsOf(20, 784, 5, 0, 1);
    const diff = maxAbsDiff(ours.predict(pixels).data, (theirs.predict(tf.tensor2d(pixels)) as tf.Tensor).dataSync());
    console.log(`shipped MNIST model, scratchnet vs TensorFlow.js: max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(5e-6); // measured 9.8e-7: 784-term sums and two sigmoid layers (expf here, Math.exp there)
    ours.dispose();
  });

  it("a trained model loads in tf.loadLayersModel, predicts the same (max abs diff < 1e-6) and gets our Adam state", async () => {
    const model = new Sequential({ seed: 3, layers: [
      new Dense({ units: 10, activation: "relu", inputShape: [4] }),
      new Dense({ units: 6, activation: "tanh", useBias: false }),
      new Dense({ units: 5, activation: "sigmoid" }),
      new Dense({ units: 3, activation: "softmax" }),
    ] });
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    await model.fit(data.x, data.y, { epochs: 3, batchSize: 8, verbose: 0 });
    const artifacts = await capture((h) => model.save(h));
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    const ours = model.predict(probe).data;
    const predicted = (theirs.predict(tf.tensor2d(probe)) as tf.Tensor).dataSync();
    const diff = maxAbsDiff(ours, predicted);
    console.log(`scratchnet → TensorFlow.js: max |Δ prediction| = ${diff.toExponential(2)} over ${ours.length} outputs`);
    expect(diff).toBeLessThan(1e-6);
    expect(theirs.optimizer.getClassName()).toBe("Adam");
    expect((theirs as unknown as { loss: unknown }).loss).toBe("sparseCategoricalCrossentropy");
    const tfState = await theirs.optimizer.getWeights();
    expect(tfState[0].name).toBe("iter");
    expect(tfState[0].tensor.dataSync()[0]).toBe(model.optimizer!.iterations);
    expect(tfState.slice(1).map((w) => Array.from(w.tensor.dataSync()))).toEqual(stateOf(model).map((s) => Array.from(s)));
  });

  it("momentum: TensorFlow.js gets its accumulation −v/lr and resumes training from it", async () => {
    const model = new Sequential({ seed: 4, layers: [new Dense({ units: 5, activation: "tanh", inputShape: [4] }), new Dense({ units: 1, activation: "sigmoid" })] });
    model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: "binaryCrossentropy" });
    const y = data.y.map((v) => (v === 0 ? 1 : 0));
    await model.fit(data.x, y, { epochs: 2, batchSize: 40, shuffle: false, verbose: 0 });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory((await capture((h) => model.save(h))) as tf.io.ModelArtifacts));
    expect(theirs.optimizer.getClassName()).toBe("Momentum");
    // One more full-batch epoch on both sides: the same step from the restored state.
    await model.fit(data.x, y, { epochs: 1, batchSize: 40, shuffle: false, verbose: 0 });
    await theirs.fit(tf.tensor2d(data.x), tf.tensor2d(y, [y.length, 1]), { epochs: 1, batchSize: 40, shuffle: false, verbose: 0 });
    const diff = maxAbsDiff(model.getWeights().flatMap((w) => Array.from(w.data)), theirs.getWeights().flatMap((w) => Array.from(w.dataSync())));
    console.log(`momentum resumed in TensorFlow.js: max |Δ weight| after one more step = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
  });
});

/** A TensorFlow.js Sequential Dense model, trained 2 epochs with Adam, and what it saves. */
async function tfTrained() {
  const m = tf.sequential();
  const init = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) }); // seeded: the figures repeat
  m.add(tf.layers.dense({ units: 8, activation: "relu", inputShape: [4], ...init(1) }));
  m.add(tf.layers.dense({ units: 6, activation: "tanh", useBias: false, ...init(2) }));
  m.add(tf.layers.dense({ units: 5, activation: "linear", ...init(3) }));
  m.add(tf.layers.dense({ units: 3, activation: "softmax", ...init(4) }));
  m.compile({ optimizer: tf.train.adam(0.01), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  await m.fit(tf.tensor2d(data.x), tf.tensor1d(data.y, "float32"), { epochs: 2, batchSize: 40, shuffle: false, verbose: 0 });
  return { m, artifacts: await capture((h) => m.save(h, { includeOptimizer: true })) };
}

describe("TensorFlow.js → scratchnet", () => {
  it("a model trained and saved by TensorFlow.js loads, predicts the same, and resumes its Adam state", async () => {
    const { m, artifacts } = await tfTrained();
    for (const source of [artifacts, tf.io.fromMemory(artifacts as tf.io.ModelArtifacts)]) {
      const ours = await loadModel(source as ModelArtifacts);
      const diff = maxAbsDiff(ours.predict(probe).data, (m.predict(tf.tensor2d(probe)) as tf.Tensor).dataSync());
      console.log(`TensorFlow.js → scratchnet: max |Δ prediction| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-6);
      expect(ours.layers.map((l) => [l.units, l.activation.name, l.useBias])).toEqual([[8, "relu", true], [6, "tanh", false], [5, "linear", true], [3, "softmax", true]]);
      expect([ours.loss!.name, ours.metrics, ours.optimizer!.name, ours.optimizer!.learningRate, ours.optimizer!.iterations]).toEqual(["sparseCategoricalCrossentropy", ["accuracy"], "Adam", 0.01, 2]);
      ours.dispose();
    }
    // One more full-batch epoch on each side from the restored moments; the same step from a fresh
    // Adam (state dropped) lands ~100× further away, so the state is what makes the steps agree.
    // Measured 1.2e-7 (1.8e-5 while scratchnet used Keras' form of Adam, ε outside the correction).
    const ours = await loadModel(artifacts);
    const fresh = await loadModel(artifacts, { compile: false });
    fresh.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
    for (const model of [ours, fresh]) await model.fit(data.x, data.y, { epochs: 1, batchSize: 40, shuffle: false, verbose: 0 });
    await m.fit(tf.tensor2d(data.x), tf.tensor1d(data.y, "float32"), { epochs: 1, batchSize: 40, shuffle: false, verbose: 0 });
    const theirs = m.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const [diff, freshDiff] = [ours, fresh].map((model) => maxAbsDiff(model.getWeights().flatMap((w) => Array.from(w.data)), theirs));
    console.log(`TensorFlow.js Adam resumed here: max |Δ weight| after one more step = ${diff.toExponential(2)} (from a fresh Adam: ${freshDiff.toExponential(2)})`);
    expect(diff).toBeLessThan(1e-6);
    expect(freshDiff).toBeGreaterThan(10 * diff);
  });

  it("a TensorFlow.js Momentum model resumes here from its accumulation (v = −lr·accum)", async () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 5, activation: "sigmoid", inputShape: [4], kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }));
    m.add(tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }));
    m.compile({ optimizer: tf.train.momentum(0.1, 0.9), loss: "sparseCategoricalCrossentropy" });
    const fitOnce = () => m.fit(tf.tensor2d(data.x), tf.tensor1d(data.y, "float32"), { epochs: 2, batchSize: 40, shuffle: false, verbose: 0 });
    await fitOnce();
    const ours = await loadModel(await capture((h) => m.save(h, { includeOptimizer: true })));
    expect([ours.optimizer!.name, (ours.optimizer as SGD).momentum, ours.optimizer!.iterations]).toEqual(["SGD", 0.9, 2]);
    await ours.fit(data.x, data.y, { epochs: 2, batchSize: 40, shuffle: false, verbose: 0 });
    await fitOnce();
    const diff = maxAbsDiff(ours.getWeights().flatMap((w) => Array.from(w.data)), m.getWeights().flatMap((w) => Array.from(w.dataSync())));
    console.log(`TensorFlow.js Momentum resumed here: max |Δ weight| after two more steps = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
  });

  it("Keras-written topologies load: converter wrapper, InputLayer (batch_input_shape / batch_shape), dtype policies, Functional chains", async () => {
    const { artifacts } = await tfTrained();
    const reference = (await loadModel(artifacts, { compile: false })).predict(probe).data;
    const tfLayers = (artifacts.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } }).config.layers;
    const tfNames = tfLayers.map((l) => l.config.name);
    const dense = tfLayers.map((l, i) => ({
      units: l.config.units, activation: l.config.activation, use_bias: l.config.use_bias, name: `dense${i ? `_${i}` : ""}`, trainable: true,
    }));
    const policy = { module: "keras", class_name: "DTypePolicy", config: { name: "float32" }, registered_name: null };
    const keras2Input = { class_name: "InputLayer", config: { batch_input_shape: [null, 4], dtype: "float32", sparse: false, ragged: false, name: "input_1" } };
    const keras3Input = { module: "keras.layers", class_name: "InputLayer", config: { batch_shape: [null, 4], dtype: "float32", sparse: false, name: "input_layer" }, registered_name: null };
    const keras2Layers = dense.map((c) => ({ class_name: "Dense", config: { ...c, dtype: "float32" } }));
    const keras3Layers = dense.map((c) => ({ module: "keras.layers", class_name: "Dense", config: { ...c, dtype: policy }, registered_name: null, build_config: { input_shape: [null, 4] } }));
    const chain = (layers: { config: { name: string } }[], first: string, inbound: (from: string) => unknown) =>
      layers.map((l, i) => ({ ...l, name: l.config.name, inbound_nodes: inbound(i === 0 ? first : layers[i - 1].config.name) }));
    const topologies = {
      "tensorflowjs_converter (Keras 2)": { keras_version: "2.15.0", backend: "tensorflow", model_config: { class_name: "Sequential", config: { name: "sequential", layers: [keras2Input, ...keras2Layers] } } },
      "Keras 3 Sequential": { module: "keras", class_name: "Sequential", config: { name: "sequential", trainable: true, dtype: policy, layers: [keras3Input, ...keras3Layers] }, registered_name: null },
      "Keras 2 Functional": { class_name: "Functional", config: { name: "model", layers: [{ ...keras2Input, name: "input_1", inbound_nodes: [] }, ...chain(keras2Layers, "input_1", (from) => [[[from, 0, 0, {}]]])] } },
      "Keras 3 Functional": { class_name: "Functional", config: { name: "functional", layers: [{ ...keras3Input, name: "input_layer", inbound_nodes: [] },
        ...chain(keras3Layers, "input_layer", (from) => [{ args: [{ class_name: "__keras_tensor__", config: { shape: [null, 4], dtype: "float32", keras_history: [from, 0, 0] } }], kwargs: {} }])] } },
    };
    const modelSpecs = artifacts.weightSpecs!.filter((s) => s.group !== "optimizer");
    const modelBytes = (artifacts.weightData as ArrayBuffer).slice(0, modelSpecs.reduce((n, s) => n + 4 * s.shape.reduce((a, b) => a * b, 1), 0));
    for (const [what, modelTopology] of Object.entries(topologies)) {
      // Names as Keras gives them ('dense_1/kernel') match by name; the converter's prefixed ones ('sequential/dense/kernel') go by order.
      for (const prefix of ["", "sequential/"]) {
        const weightSpecs = modelSpecs.map((s) => {
          const [layer, weight] = s.name.split("/");
          return { ...s, name: `${prefix}${dense[tfNames.indexOf(layer)].name}/${weight}` };
        });
        const loaded = await loadModel({ modelTopology, weightSpecs, weightData: modelBytes });
        expect(loaded.predict(probe).data, what).toEqual(reference);
        expect(loaded.inputUnits, what).toBe(4);
        loaded.dispose();
      }
    }
  });
});
