// Issue 14's layers and TensorFlow.js 4.22 (@tensorflow/tfjs, cpu backend, in Node): models with
// Flatten, Dense, LeakyReLU, Dropout, Activation and Reshape go both ways in the layers-model
// format (class names and config keys as TF.js writes them) and predict the same; LeakyReLU's
// forward and gradient are TF.js' bits; Dropout keeps what it keeps scaled as tf.dropout does; a
// saved model with Dropout resumes training as an unbroken run.
import { describe, it, expect, beforeAll } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Dense, Dropout, LeakyReLU, Flatten, Reshape, Activation, Adam, engine } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { capture } from "./tfjs-capture.js";
import { Rng } from "../../src/core/random.js";
import { readF32, writeF32, seededValues, tensorOf } from "../helpers.js";
import { rowsOf, toyClasses } from "../model/util.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const data = toyClasses(48, 6, 3, 31);
const probe = rowsOf(16, 6, 78, -2, 2);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const x3 = (rows: number[][]) => tf.tensor3d(rows.flat(), [rows.length, 2, 3]);

const CLASSES = ["Flatten", "Dense", "LeakyReLU", "Dropout", "Activation", "Reshape", "Flatten", "Dense"];
type Topology = { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
const layersOf = (a: ModelArtifacts) => (a.modelTopology as Topology).config.layers;

describe("TensorFlow.js → scratchnet", () => {
  it("a TF.js model with every new layer, trained and saved with its Adam state, loads here, predicts the same and resumes", async () => {
    const m = tf.sequential();
    const init = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) });
    m.add(tf.layers.flatten({ inputShape: [2, 3] }));
    m.add(tf.layers.dense({ units: 8, ...init(1) }));
    m.add(tf.layers.leakyReLU({ alpha: 0.2 }));
    // noiseShape is typed number[] in TF.js; null (any batch) works and is what it saves.
    m.add(tf.layers.dropout({ rate: 0.3, noiseShape: [null, 8] as unknown as number[] }));
    m.add(tf.layers.activation({ activation: "tanh" }));
    m.add(tf.layers.reshape({ targetShape: [2, 4] }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 3, activation: "softmax", ...init(2) }));
    m.compile({ optimizer: tf.train.adam(0.01), loss: "sparseCategoricalCrossentropy" });
    await m.fit(x3(data.x), tf.tensor1d(data.y, "float32"), { epochs: 2, batchSize: 48, shuffle: false, verbose: 0 });
    const artifacts = await capture((h) => m.save(h, { includeOptimizer: true }));
    expect(layersOf(artifacts).map((l) => l.class_name)).toEqual(CLASSES);
    const ours = await loadModel(artifacts);
    expect(ours.layers.map((l) => l.className)).toEqual(CLASSES);
    expect(ours.inputShape).toEqual([2, 3]);
    const [leaky, dropout, reshape] = [ours.layers[2] as LeakyReLU, ours.layers[3] as Dropout, ours.layers[5] as Reshape];
    expect([leaky.alpha, dropout.rate, dropout.noiseShape, reshape.targetShape, ours.layers[4].activation.name])
      .toEqual([0.2, 0.3, [null, 8], [2, 4], "tanh"]);
    expect(dropout.passes).toBe(2); // continues at TF.js' step count
    const diff = maxAbsDiff(ours.predict(probe).data, (m.predict(x3(probe)) as tf.Tensor).dataSync());
    console.log(`TF.js → scratchnet with Flatten/LeakyReLU/Dropout/Activation/Reshape: max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    const [loss] = ours.evaluate(probe, data.y.slice(0, 16)); // training = false: no mask, TF.js' evaluate too
    const theirs = (m.evaluate(x3(probe), tf.tensor1d(data.y.slice(0, 16), "float32")) as tf.Scalar).dataSync()[0];
    expect(Math.abs(loss - theirs)).toBeLessThan(1e-6);
    await ours.fit(data.x, data.y, { epochs: 1, batchSize: 48, verbose: 0 }); // resumes with its Adam moments
    ours.dispose();
  });

  it("Keras' spellings: LeakyReLU's negative_slope (Keras 3) and alpha; a channels_first Flatten is refused", async () => {
    const layers3 = [tf.layers.reshape({ targetShape: [1, 3], inputShape: [3] }), tf.layers.leakyReLU({ alpha: 0.1 }), tf.layers.flatten()];
    const artifacts = await capture((h) => tf.sequential({ layers: layers3 }).save(h));
    const layers = layersOf(artifacts);
    delete layers[1].config.alpha;
    layers[1].config.negative_slope = 0.25;
    expect(((await loadModel(artifacts, { compile: false })).layers[1] as LeakyReLU).alpha).toBe(0.25);
    layers[2].config.data_format = "channels_first";
    await expect(loadModel(artifacts)).rejects.toThrow(/channels_first' is not implemented/);
    layers[2].config.data_format = "channels_last";
    layers[1].class_name = "Dropout";
    layers[1].config = { rate: 1.5, name: "d" };
    await expect(loadModel(artifacts)).rejects.toThrow(/d: rate must be a number with 0 ≤ rate < 1/);
    layers[1].class_name = "Reshape";
    layers[1].config = { target_shape: [2], name: "r" };
    await expect(loadModel(artifacts)).rejects.toThrow(/r: cannot reshape \[1,3\] \(3 values a sample\) to \[2\]/);
  });
});

describe("scratchnet → TensorFlow.js", () => {
  it("our model with every new layer loads in tf.loadLayersModel with TF.js' config keys and predicts the same", async () => {
    const model = new Sequential({ seed: 5, layers: [new Flatten({ inputShape: [2, 3] }), new Dense({ units: 8 }),
      new LeakyReLU({ alpha: 0.15 }), new Dropout({ rate: 0.25, seed: 9, noiseShape: [null, 8] }),
      new Activation({ activation: "sigmoid" }), new Reshape({ targetShape: [4, 2] }), new Flatten(),
      new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
    await model.fit(data.x, data.y, { epochs: 3, batchSize: 16, verbose: 0 });
    const artifacts = await capture((h) => model.save(h));
    const layers = layersOf(artifacts);
    expect(layers.map((l) => l.class_name)).toEqual(CLASSES);
    expect(layers[0].config.batch_input_shape).toEqual([null, 2, 3]);
    expect(layers[2].config).toEqual({ alpha: 0.15, name: model.layers[2].name, trainable: true });
    expect(layers[3].config).toEqual({ rate: 0.25, noise_shape: [null, 8], seed: 9, name: model.layers[3].name, trainable: true });
    expect(layers[5].config).toEqual({ target_shape: [4, 2], name: model.layers[5].name, trainable: true });
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(artifacts as tf.io.ModelArtifacts));
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(CLASSES);
    const diff = maxAbsDiff(model.predict(probe).data, (theirs.predict(x3(probe)) as tf.Tensor).dataSync());
    console.log(`scratchnet → TF.js with Flatten/LeakyReLU/Dropout/Activation/Reshape: max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    model.dispose();
  });
});

describe("the kernels' arithmetic is TF.js'", () => {
  it("LeakyReLU: forward and gradient bit for bit against tf.leakyRelu and tf.grad", () => {
    const rows = 8, cols = 9, dys = seededValues(rows * cols, -1, 1, 5);
    const xs = seededValues(rows * cols, -3, 3, 4).map((v, i) => (i % 10 === 0 ? 0 : v)); // x = 0 too: the gradient there is α·dy
    for (const alpha of [0.3, 0.01, 0.2]) {
      const layer = new LeakyReLU({ alpha }), rng = new Rng(engine(), 1);
      layer.build(engine(), [cols], rng);
      layer.reserve(rows);
      rng.dispose();
      const x = tensorOf(xs, rows, cols), dx = tensorOf(new Array(rows * cols).fill(0), rows, cols);
      const out = readF32(layer.forward(x.ptr, rows, true), rows * cols);
      writeF32(layer.outputGrad, dys);
      layer.backward(x.ptr, rows, dx.ptr, false);
      const tx = tf.tensor2d(xs, [rows, cols]), tdy = tf.tensor2d(dys, [rows, cols]);
      expect(out).toEqual(Array.from(tf.leakyRelu(tx, alpha).dataSync()));
      expect(Array.from(dx.data)).toEqual(Array.from(tf.grad((t: tf.Tensor) => tf.leakyRelu(t, alpha))(tx, tdy).dataSync()));
      layer.dispose();
    }
  });

  it("Dropout: the values tf.dropout keeps are x·f32(1/f32(1 − rate)), the values ours keeps too, bit for bit", () => {
    const n = 4000, xs = seededValues(n, -3, 3, 6), f = Math.fround;
    for (const rate of [0.5, 0.15, 0.3]) {
      const theirs = tf.dropout(tf.tensor1d(xs), rate).dataSync();
      const layer = new Dropout({ rate, seed: 2 }), rng = new Rng(engine(), 1);
      layer.build(engine(), [n], rng);
      layer.reserve(1);
      rng.dispose();
      const ours = readF32(layer.forward(tensorOf(xs, 1, n).ptr, 1, true), n);
      const scaled = xs.map((v) => f(f(v) * f(1 / f(1 - rate))));
      for (const out of [Array.from(theirs), ours]) {
        const kept = out.map((v, i) => [v, i] as const).filter(([v]) => v !== 0);
        expect(kept.every(([v, i]) => v === scaled[i])).toBe(true);
        expect(Math.abs(kept.length / n - (1 - rate))).toBeLessThan(0.04); // σ ≤ 0.008
      }
      layer.dispose();
    }
  });
});

describe("save → load → fit with Dropout", () => {
  it("resumes as an unbroken run: the same weights, bit for bit (seeded and model-seeded masks, noiseShape)", async () => {
    const make = () => new Sequential({ layers: [new Dense({ units: 12, inputShape: [6] }), new LeakyReLU(),
      new Dropout({ rate: 0.3, seed: 4 }), new Dense({ units: 8, activation: "relu" }), new Dropout({ rate: 0.2, noiseShape: [null, 1] }),
      new Dense({ units: 3, activation: "softmax" })] });
    const compile = (m: Sequential) => m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
    const fit = { batchSize: 10, verbose: 0 } as const; // shuffled (fit's seed); 5 batches an epoch, the last short
    const unbroken = make();
    compile(unbroken);
    await unbroken.fit(data.x, data.y, { ...fit, epochs: 4 });
    const first = make();
    compile(first);
    await first.fit(data.x, data.y, { ...fit, epochs: 2 });
    const resumed = await loadModel(await capture((h) => first.save(h)));
    expect((resumed.layers[2] as Dropout).passes).toBe(10);
    await resumed.fit(data.x, data.y, { ...fit, epochs: 4, initialEpoch: 2 });
    expect(resumed.getWeights()).toEqual(unbroken.getWeights());
    // Without restoring the pass count the masks would repeat the first epochs' and the weights differ.
    const wrong = await loadModel(await capture((h) => first.save(h)));
    for (const l of wrong.layers) if (l instanceof Dropout) l.passes = 0;
    await wrong.fit(data.x, data.y, { ...fit, epochs: 4, initialEpoch: 2 });
    expect(wrong.getWeights()).not.toEqual(unbroken.getWeights());
    for (const m of [unbroken, first, resumed, wrong]) m.dispose();
  });

  it("a Dropout without its own seed takes the model's: loadModel's seed option gives it back", async () => {
    const layers = [new Dense({ units: 4, inputShape: [6] }), new Dropout({ rate: 0.5 }), new Dense({ units: 3 })];
    const model = new Sequential({ seed: 9, layers });
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const artifacts = await capture((h) => model.save(h));
    const seedOf = (m: Sequential) => (m.layers[1] as Dropout).seed;
    const [same, other] = [await loadModel(artifacts, { seed: 9 }), await loadModel(artifacts)];
    expect(seedOf(same)).toBe(seedOf(model));
    expect(seedOf(other)).not.toBe(seedOf(model)); // seed 42's
    for (const m of [model, same, other]) m.dispose();
  });
});
