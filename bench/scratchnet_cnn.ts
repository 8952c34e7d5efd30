// scratchnet on the book's SimpleConvNet (Saito 7.5) through its public API: Conv2D 30 5×5 relu →
// MaxPooling2D 2 → Flatten → Dense 100 relu → Dense 10 softmax, sparse categorical cross-entropy,
// Adam 0.001, batch 100. The second epoch of fit({epochs: 2}) over the first `--measure` images,
// timed by onEpochBegin/onEpochEnd as bench/scratchnet.ts does; predict over the 10,000 test
// images (batchSize 100), batch-1 latency (median of 200 predict calls on one image) and the
// weights' SHA-256 (the same bits on any thread count). `--threads N` builds the model on
// createEngineWithThreads({threads: N}). Prints one BENCH_RESULT line; if this checkout has no
// Conv2D/MaxPooling2D/tensor4d yet (issue 15 in progress), a `skipped` line saying so.
import { createHash } from "node:crypto";
import * as sn from "../src/index.js";
import { accuracy, median, mnist, report, stopwatch, timed, type Timing } from "./common.js";

const arg = (name: string, fallback: number) =>
  (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const measure = arg("--measure", 60000), threads = arg("--threads", 1);
const missing = ["Conv2D", "MaxPooling2D", "tensor4d"].filter((name) => !(name in sn));
if (missing.length) {
  report({ name: "scratchnet-cnn", skipped: `this checkout has no ${missing.join(", ")} yet (issue 15: the layers are being built)` });
  process.exit(0);
}
const { Sequential, Conv2D, MaxPooling2D, Flatten, Dense, Adam, tensor4d, createEngineWithThreads, engine: defaultEngine } = sn;

const engine = threads > 1 ? await createEngineWithThreads({ threads }) : defaultEngine();
const { train, test } = await mnist(measure);
const x = tensor4d(train.images, [train.count, 28, 28, 1], 1 / 255);
const xTest = tensor4d(test.images, [test.count, 28, 28, 1], 1 / 255);

const model = new Sequential({
  layers: [
    new Conv2D({ filters: 30, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }),
    new MaxPooling2D({ poolSize: 2 }),
    new Flatten(),
    new Dense({ units: 100, activation: "relu" }),
    new Dense({ units: 10, activation: "softmax" }),
  ],
  seed: 1,
  engine,
});
model.compile({ optimizer: new Adam({ learningRate: 0.001 }), loss: "sparseCategoricalCrossentropy" });

// Epoch 1 warms up (JIT, memory growth); epoch 2 is the timed one. Both are one fit() call.
const epochs: Timing[] = [];
let stop = stopwatch();
await model.fit(x, train.labels, {
  epochs: 2, batchSize: 100, seed: 42, verbose: 0,
  callbacks: { onEpochBegin: () => { stop = stopwatch(); }, onEpochEnd: () => { epochs.push(stop()); } },
});
const hash = createHash("sha256");
for (const w of model.getWeights()) hash.update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));

let probs = model.predict(xTest, { batchSize: 100 }).data;
const inference = await timed(() => { probs = model.predict(xTest, { batchSize: 100 }).data; });
const one = tensor4d(test.images.subarray(0, 784), [1, 28, 28, 1], 1 / 255);
const latencies: number[] = [];
for (let i = 0; i < 220; i++) {
  const t = performance.now();
  model.predict(one);
  if (i >= 20) latencies.push(performance.now() - t);
}

report({
  name: "scratchnet-cnn", threads: engine.threads, measuredImages: train.count, weightsHash: hash.digest("hex").slice(0, 12),
  epochSeconds: epochs[1].wall, epochCpuSeconds: epochs[1].cpu, warmupEpochSeconds: epochs[0].wall,
  inferenceSeconds: inference.wall, latencyMs: median(latencies), testAccuracy: accuracy(probs, test.labels),
});
model.dispose();
if (threads > 1) await engine.dispose();
