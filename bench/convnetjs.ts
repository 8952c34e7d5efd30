// ConvNetJS 0.3 (pure JS, Float64 volumes) on the same network: input 784 → fc 100 sigmoid →
// softmax 10, its Trainer with SGD, learning rate 0.1, batch 64, no momentum or decay. Each
// sample goes forward and backward on its own and the Trainer steps every 64 samples. ConvNetJS
// initialises with Math.random (it cannot be seeded). Epoch: the second pass over the shuffled
// training set (the first warms up on 2,048 images). Then inference row by row, batch-1 latency,
// and the playground task (2-8-8 tanh → softmax over 2 classes: ConvNetJS has no sigmoid output).
// Prints one BENCH_RESULT line.
import { createRequire } from "node:module";
import { PLAYGROUND, TASK, accuracy, circles, median, mnist, mulberry32, report, timed, toFloat, trainCountArg } from "./common.js";

interface Vol { w: Float64Array }
interface Net { makeLayers(defs: object[]): void; forward(v: Vol): Vol }
const convnetjs = createRequire(import.meta.url)("convnetjs") as {
  Net: new () => Net;
  Vol: new (sx: number, sy: number, depth: number, fill: number) => Vol;
  Trainer: new (net: Net, options: object) => { train(v: Vol, label: number): unknown };
};
const version = (createRequire(import.meta.url)("convnetjs/package.json") as { version: string }).version;
const warmRows = 2048;

function vols(data: Float32Array, count: number, width: number): Vol[] {
  return Array.from({ length: count }, (_, i) => {
    const v = new convnetjs.Vol(1, 1, width, 0);
    v.w.set(data.subarray(i * width, (i + 1) * width));
    return v;
  });
}
function network(layers: object[], batch: number, lr: number) {
  const net = new convnetjs.Net();
  net.makeLayers(layers);
  return { net, trainer: new convnetjs.Trainer(net, { method: "sgd", learning_rate: lr, batch_size: batch, momentum: 0, l2_decay: 0 }) };
}

const { train, test } = await mnist(trainCountArg());
const xs = vols(toFloat(train.images), train.count, TASK.inputs), xTest = vols(toFloat(test.images), test.count, TASK.inputs);
const { net, trainer } = network([
  { type: "input", out_sx: 1, out_sy: 1, out_depth: TASK.inputs },
  { type: "fc", num_neurons: TASK.hidden, activation: "sigmoid" },
  { type: "softmax", num_classes: TASK.classes },
], TASK.batchSize, TASK.learningRate);
const random = mulberry32(42);
const epoch = (n: number) => {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1)), t = order[i];
    order[i] = order[j]; order[j] = t;
  }
  for (const i of order) trainer.train(xs[i], train.labels[i]);
};
const warmup = await timed(() => epoch(Math.min(warmRows, train.count)));
const timedEpoch = await timed(() => epoch(train.count));

const probs = new Float32Array(test.count * TASK.classes);
const infer = () => xTest.forEach((v, i) => probs.set(net.forward(v).w, i * TASK.classes));
infer();
const inferRuns: number[] = [];
for (let r = 0; r < 3; r++) inferRuns.push((await timed(infer)).wall);
const latencies: number[] = [];
for (let i = 0; i < 2200; i++) {
  const t = performance.now();
  net.forward(xTest[0]);
  if (i >= 200) latencies.push(performance.now() - t);
}

const pg = circles();
const pgVols = vols(pg.x, pg.n, 2);
let pgAccuracy = 0;
const playgroundRun = () => {
  const m = network([
    { type: "input", out_sx: 1, out_sy: 1, out_depth: 2 },
    { type: "fc", num_neurons: PLAYGROUND.hidden, activation: "tanh" },
    { type: "fc", num_neurons: PLAYGROUND.hidden, activation: "tanh" },
    { type: "softmax", num_classes: 2 },
  ], PLAYGROUND.batchSize, PLAYGROUND.learningRate);
  const r = mulberry32(42), order = Int32Array.from({ length: pg.n }, (_, i) => i);
  for (let e = 0; e < PLAYGROUND.epochs; e++) {
    for (let i = pg.n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1)), t = order[i];
      order[i] = order[j]; order[j] = t;
    }
    for (const i of order) m.trainer.train(pgVols[i], pg.y[i]);
  }
  let correct = 0;
  pgVols.forEach((v, i) => { const p = m.net.forward(v).w; if ((p[1] > p[0] ? 1 : 0) === pg.y[i]) correct++; });
  pgAccuracy = correct / pg.n;
};
playgroundRun();
const pgRuns: number[] = [];
for (let r = 0; r < 3; r++) pgRuns.push((await timed(playgroundRun)).wall);

report({
  name: "convnetjs", version,
  epochSeconds: timedEpoch.wall, epochCpuSeconds: timedEpoch.cpu, warmupSeconds: warmup.wall, warmupRows: warmRows,
  inferenceSeconds: Math.min(...inferRuns),
  latencyMs: median(latencies),
  testAccuracy: accuracy(probs, test.labels),
  playgroundSeconds: Math.min(...pgRuns), playgroundAccuracy: pgAccuracy,
});
