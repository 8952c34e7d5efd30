// Trains the network lesson 2 loads (seed 004's sample_weight.pkl, rebuilt with scratchnet):
// 784-50 (sigmoid) -100 (sigmoid) -10 (softmax), Adam (lr 0.001), sparse categorical
// cross-entropy, batch 100, 10 epochs on the 60,000 MNIST training images, seeds 42.
// Writes data/models/mnist-784-50-100-10/{model.json, weights.bin} (TensorFlow.js layers-model
// artifacts, see src/io/artifacts.ts) and prints the test accuracy.
// Run: npx tsx scripts/train-mnist-784-50-100-10.ts [outDir]
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Sequential, Dense } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { toArtifacts } from "../src/io/artifacts.js";

const out = process.argv[2] ?? fileURLToPath(new URL("../data/models/mnist-784-50-100-10/", import.meta.url));
const { train, test } = await loadMnist();
const model = new Sequential({
  name: "mnist_784_50_100_10",
  layers: [
    new Dense({ units: 50, activation: "sigmoid", inputShape: [784] }),
    new Dense({ units: 100, activation: "sigmoid" }),
    new Dense({ units: 10, activation: "softmax" }),
  ],
  seed: 42,
});
model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
model.summary();
const started = performance.now();
await model.fit(train.images, train.labels, { epochs: 10, batchSize: 100, seed: 42, verbose: 1 });
const seconds = (performance.now() - started) / 1000;
const [loss, accuracy] = model.evaluate(test.images, test.labels);
console.log(`trained in ${seconds.toFixed(1)} s; test loss ${loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(2)}% (course's sample_weight.pkl: 93.52%)`);
const { modelJson, weights } = toArtifacts(model);
await mkdir(out, { recursive: true });
await writeFile(`${out}/model.json`, JSON.stringify(modelJson, null, 1) + "\n");
await writeFile(`${out}/weights.bin`, weights);
console.log(`wrote ${out}model.json and weights.bin (${weights.byteLength} bytes)`);
model.dispose();
