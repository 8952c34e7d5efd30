// TensorFlow.js 4.22 with its WASM backend (XNNPACK, SIMD, one thread) on the same network:
// the second model.fit call (one full epoch; the first call warms up on a small subset),
// predict over the test set, batch-1 predict latency, and tf.matMul GFLOP/s.
// `--backend cpu` runs the pure-JS CPU backend instead. Prints one BENCH_RESULT line.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { TASK, PLAYGROUND, circles, binaryAccuracy, mnist, toFloat, oneHot, accuracy, median, timed, gemmRate, report, trainCountArg } from "./common.js";

const backend = process.argv.includes("--backend") ? process.argv[process.argv.indexOf("--backend") + 1] : "wasm";
const warmRows = 2048;

async function setBackend(): Promise<string> {
  if (backend === "wasm") {
    // The .wasm files ship inside the npm package: point the loader at its dist/ folder on disk
    // (no network). Threads are off so the comparison is single-threaded like scratchnet.
    const dist = join(dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(dist + "/");
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
  await tf.ready();
  const simd = backend === "wasm" ? `, SIMD ${tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? "on" : "off"}, 1 thread` : "";
  return `${tf.getBackend()}${simd}`;
}

const backendName = await setBackend();
const { train, test } = await mnist(trainCountArg());
const x = tf.tensor2d(toFloat(train.images), [train.count, TASK.inputs]);
const y = tf.tensor2d(oneHot(train.labels), [train.count, TASK.classes]);
const xTest = tf.tensor2d(toFloat(test.images), [test.count, TASK.inputs]);

const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: TASK.hidden, activation: "sigmoid", inputShape: [TASK.inputs], kernelInitializer: tf.initializers.glorotUniform({ seed: 42 }) }),
    tf.layers.dense({ units: TASK.classes, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 43 }) }),
  ],
});
model.compile({ optimizer: tf.train.sgd(TASK.learningRate), loss: "categoricalCrossentropy", metrics: ["accuracy"] });

const fitArgs = { batchSize: TASK.batchSize, epochs: 1, shuffle: true, verbose: 0 as const };
const xWarm = x.slice([0, 0], [Math.min(warmRows, train.count), TASK.inputs]);
const yWarm = y.slice([0, 0], [Math.min(warmRows, train.count), TASK.classes]);
const warmup = await timed(() => model.fit(xWarm, yWarm, fitArgs));
const timedEpoch = await timed(() => model.fit(x, y, fitArgs));

const predictAll = () => {
  const out = model.predict(xTest, { batchSize: TASK.inferenceBatch }) as tf.Tensor;
  const data = out.dataSync();
  out.dispose();
  return data;
};
let probs = predictAll();
const inferRuns: number[] = [];
for (let r = 0; r < 3; r++) inferRuns.push((await timed(() => { probs = predictAll(); })).wall);

const row = xTest.slice([0, 0], [1, TASK.inputs]);
const latencies: number[] = [];
for (let i = 0; i < 600; i++) {
  const t = performance.now();
  const out = model.predict(row) as tf.Tensor;
  out.dataSync();
  out.dispose();
  if (i >= 100) latencies.push(performance.now() - t);
}

// tf.matMul on resident tensors, result read back (dataSync) each call.
const rate = (m: number, k: number, n: number, minSeconds: number, samples: number) => {
  const a = tf.randomUniform([m, k], -0.5, 0.5, "float32", 1), b = tf.randomUniform([k, n], -0.5, 0.5, "float32", 2);
  const r = gemmRate(() => { const c = tf.matMul(a, b); c.dataSync(); c.dispose(); }, m, k, n, minSeconds, samples);
  a.dispose(); b.dispose();
  return r;
};
const gemmSmall = rate(64, 784, 100, 0.02, 15);
const gemmBig = rate(1024, 1024, 1024, 0.2, 5);

// The playground task: a fresh 2-8-8-1 model per run, one model.fit of 1,000 steps; fastest of 3 after a warm-up.
const pg = circles();
const pgX = tf.tensor2d(pg.x, [pg.n, 2]), pgY = tf.tensor2d(pg.y, [pg.n, 1]);
let pgAccuracy = 0;
const playgroundRun = async () => {
  const m = tf.sequential({
    layers: [
      tf.layers.dense({ units: PLAYGROUND.hidden, activation: "tanh", inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: PLAYGROUND.hidden, activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.dense({ units: 1, activation: "sigmoid", kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  m.compile({ optimizer: tf.train.sgd(PLAYGROUND.learningRate), loss: "binaryCrossentropy" });
  await m.fit(pgX, pgY, { epochs: PLAYGROUND.epochs, batchSize: PLAYGROUND.batchSize, shuffle: true, verbose: 0 });
  const out = m.predict(pgX) as tf.Tensor;
  pgAccuracy = binaryAccuracy(out.dataSync(), pg.y);
  out.dispose();
  m.dispose();
};
await playgroundRun();
const pgRuns: number[] = [];
for (let r = 0; r < 3; r++) pgRuns.push((await timed(playgroundRun)).wall);

report({
  name: "tfjs",
  playgroundSeconds: Math.min(...pgRuns), playgroundAccuracy: pgAccuracy, backend: backendName, version: tf.version.tfjs,
  epochSeconds: timedEpoch.wall, epochCpuSeconds: timedEpoch.cpu, warmupSeconds: warmup.wall, warmupRows: Math.min(warmRows, train.count),
  inferenceSeconds: Math.min(...inferRuns),
  latencyMs: median(latencies),
  testAccuracy: accuracy(probs, test.labels),
  gemmSmall, gemmBig,
});
