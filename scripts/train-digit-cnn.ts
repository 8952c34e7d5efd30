// Trains the CNN the draw-a-digit and filters pages load beside the dense model (issue 15):
// Conv2D 8 5×5 relu → MaxPooling2D 2 → Conv2D 16 5×5 relu → MaxPooling2D 2 → Flatten →
// Dense 10 softmax (5,994 parameters, 23,976 bytes of float32), Adam (lr 0.001), sparse categorical
// cross-entropy, batch 64, 10 epochs on the 60,000 MNIST training images (pixels / 255), seed 42.
// Writes data/models/mnist-cnn/{model.json, weights.bin} (TensorFlow.js layers-model artifacts,
// see src/io/artifacts.ts) and prints the test accuracy and the time taken.
// Run: npx tsx scripts/train-digit-cnn.ts [outDir] [trainLimit] (a limit, e.g. 6000, for a quick try)
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Sequential, Conv2D, MaxPooling2D, Flatten, Dense } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { toArtifacts } from "../src/io/artifacts.js";

const EPOCHS = 10;
const out = process.argv[2] ?? fileURLToPath(new URL("../data/models/mnist-cnn/", import.meta.url));
const trainLimit = process.argv[3] ? Number(process.argv[3]) : undefined;
const { train, test } = await loadMnist({ trainLimit });
const model = new Sequential({
  name: "mnist_cnn",
  layers: [
    new Conv2D({ filters: 8, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ filters: 16, kernelSize: 5, activation: "relu" }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 10, activation: "softmax" }),
  ],
  seed: 42,
});
model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
model.summary();
const started = performance.now();
await model.fit(train.images, train.labels, { epochs: EPOCHS, batchSize: 64, seed: 42, verbose: 1 });
const seconds = (performance.now() - started) / 1000;
const [loss, accuracy] = model.evaluate(test.images, test.labels);
console.log(`trained in ${seconds.toFixed(1)} s; test loss ${loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(2)}%`);
const { modelJson, weights } = toArtifacts(model);
await mkdir(out, { recursive: true });
await writeFile(`${out}/model.json`, JSON.stringify(modelJson, null, 1) + "\n");
await writeFile(`${out}/weights.bin`, weights);
console.log(`wrote ${out}model.json and weights.bin (${weights.byteLength} bytes)`);
model.dispose();
