// scratchnet through its public API: the second epoch of model.fit, predict over the test set,
// batch-1 predict latency, and the raw GEMM kernel's GFLOP/s. Prints one BENCH_RESULT line.
// --dense: the same with engine().sparseInputs = false, so the first layer always runs the dense
// products (no skipping of zero pixels); only epoch, inference and latency (no GEMM, no playground).
import { createHash } from "node:crypto";
import { Sequential, Dense, SGD, engine, tensor2d } from "../src/index.js";
import { TASK, PLAYGROUND, mnist, oneHot, accuracy, median, timed, stopwatch, gemmRate, report, trainCountArg, circles, binaryAccuracy, type Timing } from "./common.js";

const dense = process.argv.includes("--dense");
// Read by Dense when the model reserves its buffers (at fit/predict), so it must be set before.
if (dense) engine().sparseInputs = false;

const { train, test } = await mnist(trainCountArg());
const x = tensor2d(train.images, [train.count, TASK.inputs], 1 / 255);
const y = tensor2d(oneHot(train.labels), [train.count, TASK.classes]);
const xTest = tensor2d(test.images, [test.count, TASK.inputs], 1 / 255);

const model = new Sequential({
  layers: [
    new Dense({ units: TASK.hidden, activation: "sigmoid", inputShape: [TASK.inputs] }),
    new Dense({ units: TASK.classes, activation: "softmax" }),
  ],
  seed: 42,
});
model.compile({ optimizer: new SGD({ learningRate: TASK.learningRate }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });

// Epoch 1 warms up (JIT, memory growth); epoch 2 is the timed one. Both are one fit() call.
const epochs: Timing[] = [];
let stop = stopwatch();
await model.fit(x, y, {
  epochs: 2, batchSize: TASK.batchSize, seed: 42, verbose: 0,
  callbacks: {
    onEpochBegin: () => { stop = stopwatch(); },
    onEpochEnd: () => { epochs.push(stop()); },
  },
});
// The weights after training: with and without --dense they must be the same bits.
const weights = createHash("sha256");
for (const w of model.getWeights()) weights.update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
const weightsHash = weights.digest("hex").slice(0, 12);

// Inference: predict() uploads the 10,000 byte images, then forwards them 100 rows at a time.
let probs = model.predict(xTest, { batchSize: TASK.inferenceBatch }).data;
const inferRuns: number[] = [];
for (let r = 0; r < 5; r++) inferRuns.push((await timed(() => { probs = model.predict(xTest, { batchSize: TASK.inferenceBatch }).data; })).wall);

// Batch-1 latency: each predict() call checks and uploads its one f32 row, runs the forward pass,
// and copies the 10 outputs back into a new Float32Array.
const row = new Float32Array(TASK.inputs);
for (let i = 0; i < TASK.inputs; i++) row[i] = test.images[i] / 255;
const one = { data: row, shape: [1, TASK.inputs] as [number, number] };
for (let i = 0; i < 200; i++) model.predict(one);
const latencies: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t = performance.now();
  model.predict(one);
  latencies.push(performance.now() - t);
}

const result = {
  name: dense ? "scratchnet-dense" : "scratchnet", sparseInputs: engine().sparseInputs, weightsHash,
  epochSeconds: epochs[1].wall,
  epochCpuSeconds: epochs[1].cpu,
  warmupEpochSeconds: epochs[0].wall,
  inferenceSeconds: Math.min(...inferRuns),
  latencyMs: median(latencies),
  testAccuracy: accuracy(probs, test.labels),
};
/** The raw kernels' rates and the playground task (not with --dense: they do not depend on it). */
async function extras() {
  // Raw kernels on the default engine's heap, inputs filled with fixed values.
  const { heap, k } = engine();
  function operands(m: number, kk: number, n: number) {
    const a = heap.alloc(m * kk * 4), b = heap.alloc(kk * n * 4), c = heap.alloc(m * n * 4);
    const f32 = heap.f32;
    for (let i = 0; i < m * kk; i++) f32[(a >>> 2) + i] = ((i * 7919) % 1000) / 1000 - 0.5;
    for (let i = 0; i < kk * n; i++) f32[(b >>> 2) + i] = ((i * 104729) % 1000) / 1000 - 0.5;
    return { a, b, c, release: () => { heap.release(c); heap.release(b); heap.release(a); } };
  }
  const small = operands(64, 784, 100);
  const gemmSmall = gemmRate(() => k.gemm(small.a, small.b, small.c, 64, 784, 100, 0), 64, 784, 100);
  // dW1 = xᵀ·dz in training: A stored 64×784 (k×m), B 64×100.
  const gemmTNSmall = gemmRate(() => k.gemmTN(small.a, small.b, small.c, 784, 64, 100, 0), 784, 64, 100);
  small.release();
  const big = operands(1024, 1024, 1024);
  const gemmBig = gemmRate(() => k.gemm(big.a, big.b, big.c, 1024, 1024, 1024, 0), 1024, 1024, 1024, 0.2, 5);
  big.release();

  // The playground task: a fresh 2-8-8-1 model per run, one fit() of 1,000 steps; the fastest of 3 after a warm-up.
  const pg = circles();
  const pgX = tensor2d(pg.x, [pg.n, 2]), pgY = tensor2d(pg.y, [pg.n, 1]);
  let pgAccuracy = 0;
  const playgroundRun = async () => {
    const m = new Sequential({
      layers: [
        new Dense({ units: PLAYGROUND.hidden, activation: "tanh", inputShape: [2] }),
        new Dense({ units: PLAYGROUND.hidden, activation: "tanh" }),
        new Dense({ units: 1, activation: "sigmoid" }),
      ],
      seed: 42,
    });
    m.compile({ optimizer: new SGD({ learningRate: PLAYGROUND.learningRate }), loss: "binaryCrossentropy" });
    await m.fit(pgX, pgY, { epochs: PLAYGROUND.epochs, batchSize: PLAYGROUND.batchSize, seed: 42, verbose: 0 });
    pgAccuracy = binaryAccuracy(m.predict(pgX).data, pg.y);
    m.dispose();
  };
  await playgroundRun();
  const pgRuns: number[] = [];
  for (let r = 0; r < 3; r++) pgRuns.push((await timed(playgroundRun)).wall);
  return { playgroundSeconds: Math.min(...pgRuns), playgroundAccuracy: pgAccuracy, gemmSmall, gemmTNSmall, gemmBig };
}

report(dense ? result : { ...result, ...(await extras()) });
model.dispose();
