// The CNN the digit and filters pages load (data/models/mnist-cnn/, made by scripts/train-digit-cnn.ts):
// its size and layers, the test accuracy its README states, and TF.js 4.22 reading the same files.
import { describe, it, expect } from "vitest";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { loadModel, tensor4d } from "../../src/index.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import { root } from "./harness.js";

const DIR = join(root, "data", "models", "mnist-cnn");

describe("the shipped CNN (data/models/mnist-cnn/)", () => {
  it("is conv 8 5×5, pool, conv 16 5×5, pool, dense 10 in 23,976 bytes (≤ 200 KB) and gets 9,881 of 10,000", async () => {
    expect((await readFile(join(DIR, "weights.bin"))).byteLength).toBe(23_976);
    const model = await loadModel(join(DIR, "model.json"), { compile: false });
    expect(model.layers.map((l) => l.className)).toEqual(["Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense"]);
    expect(model.countParams()).toBe(5_994);
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const { test } = await loadMnist({ trainLimit: 0 });
    expect(model.evaluate(test.images, test.labels)[1] * 10_000).toBeCloseTo(9_881, 6); // data/models/mnist-cnn/README.md
    model.dispose();
  });

  it("loads in TF.js 4.22 (tf.loadLayersModel of the same files) and predicts as here within 1e-6 on 100 test images", async () => {
    await tf.setBackend("cpu");
    const json = JSON.parse(await readFile(join(DIR, "model.json"), "utf8")), bin = await readFile(join(DIR, "weights.bin"));
    const theirs = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights, weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }));
    const ours = await loadModel(join(DIR, "model.json"), { compile: false });
    const { test } = await loadMnist({ trainLimit: 0, testLimit: 100 });
    const x = Float32Array.from(test.images.data as Uint8Array, (v) => v / 255);
    const expected = tf.tidy(() => (theirs.predict(tf.tensor4d(x, [100, 28, 28, 1])) as tf.Tensor).dataSync());
    const got = ours.predict(tensor4d(x, [100, 28, 28, 1])).data;
    expect(Math.max(...got.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-6);
    ours.dispose();
    theirs.dispose();
  });
});
