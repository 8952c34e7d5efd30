// brain.js 1.6 (pure JS, CPU) on the nearest network it offers: 784-100-10 with sigmoid in both
// layers (brain.js's NeuralNetwork has no softmax), learning rate 0.1, its default momentum 0.1 (it refuses 0), and its own
// per-sample (batch 1) updates in data order — it has neither minibatches nor shuffling. The
// epoch is the second train({iterations: 1}) call (the first warms up on 2,048 images); then
// inference with run() row by row, batch-1 latency, and the playground task with tanh layers.
// Prints one BENCH_RESULT line.
import { createRequire } from "node:module";
import { PLAYGROUND, TASK, accuracy, binaryAccuracy, circles, median, mnist, report, timed, toFloat, trainCountArg } from "./common.js";

const brain = createRequire(import.meta.url)("brain.js") as {
  NeuralNetwork: new (options: object) => {
    train(data: { input: number[]; output: number[] }[], options: object): { error: number; iterations: number };
    run(input: number[]): Float32Array;
  };
};
const version = (createRequire(import.meta.url)("brain.js/package.json") as { version: string }).version;
const warmRows = 2048;

const { train, test } = await mnist(trainCountArg());
const x = toFloat(train.images), xTest = toFloat(test.images);
const rows = (data: Float32Array, count: number, width: number) => Array.from({ length: count }, (_, i) => Array.from(data.subarray(i * width, (i + 1) * width)));
const inputs = rows(x, train.count, TASK.inputs);
const data = inputs.map((input, i) => {
  const output = new Array<number>(TASK.classes).fill(0);
  output[train.labels[i]] = 1;
  return { input, output };
});
const net = new brain.NeuralNetwork({ hiddenLayers: [TASK.hidden], activation: "sigmoid", learningRate: TASK.learningRate });
const once = { iterations: 1, errorThresh: 1e-9, log: false };
const warmup = await timed(() => net.train(data.slice(0, warmRows), once));
const timedEpoch = await timed(() => net.train(data, once));

const testRows = rows(xTest, test.count, TASK.inputs);
const probs = new Float32Array(test.count * TASK.classes);
const infer = () => testRows.forEach((row, i) => probs.set(net.run(row), i * TASK.classes));
infer();
const inferRuns: number[] = [];
for (let r = 0; r < 3; r++) inferRuns.push((await timed(infer)).wall);
const latencies: number[] = [];
for (let i = 0; i < 2200; i++) {
  const t = performance.now();
  net.run(testRows[0]);
  if (i >= 200) latencies.push(performance.now() - t);
}

// Playground: 2-8-8-1, tanh everywhere (brain.js uses one activation for all layers), 32,000 per-sample updates.
const pg = circles();
const pgData = Array.from({ length: pg.n }, (_, i) => ({ input: [pg.x[2 * i], pg.x[2 * i + 1]], output: [pg.y[i]] }));
let pgAccuracy = 0;
const playgroundRun = () => {
  const m = new brain.NeuralNetwork({ hiddenLayers: [PLAYGROUND.hidden, PLAYGROUND.hidden], activation: "tanh", learningRate: PLAYGROUND.learningRate });
  m.train(pgData, { iterations: PLAYGROUND.epochs, errorThresh: 1e-9, log: false });
  pgAccuracy = binaryAccuracy(pgData.map((d) => m.run(d.input)[0]), pg.y);
};
playgroundRun();
const pgRuns: number[] = [];
for (let r = 0; r < 3; r++) pgRuns.push((await timed(playgroundRun)).wall);

report({
  name: "brain.js", version,
  epochSeconds: timedEpoch.wall, epochCpuSeconds: timedEpoch.cpu, warmupSeconds: warmup.wall, warmupRows: warmRows,
  inferenceSeconds: Math.min(...inferRuns),
  latencyMs: median(latencies),
  testAccuracy: accuracy(probs, test.labels),
  playgroundSeconds: Math.min(...pgRuns), playgroundAccuracy: pgAccuracy,
});
