// What a BatchNormalization or a Dropout after the hidden layer costs on the bench's task (bench/README.md:
// MNIST 784 → Dense 100 sigmoid → Dense 10 softmax, SGD 0.1, batch 64): the second epoch of
// fit({epochs: 2}) with and without it, alternating the two models `--rounds` times (default 5)
// so that load on the shared machine falls on both alike; medians of wall and CPU seconds, and
// the test accuracy after the two epochs; and the CPU time of the layer's kernels alone for one
// 64×100 batch (forward in training, backward), which shared-machine noise disturbs less.
// `npx tsx bench/layer-cost.ts [--layer batchNormalization|dropout] [--train N] [--rounds R]`
import { Sequential, Dense, BatchNormalization, Dropout, SGD, tensor2d, engine, type Layer } from "../src/index.js";
import { TASK, mnist, oneHot, accuracy, median, stopwatch, trainCountArg, type Timing } from "./common.js";

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const rounds = Number(arg("--rounds") ?? 5), which = arg("--layer") ?? "batchNormalization";
const LAYERS: Record<string, () => Layer> = { batchNormalization: () => new BatchNormalization(), dropout: () => new Dropout({ rate: 0.2 }) };
if (!LAYERS[which]) throw new Error(`--layer ${which}: use ${Object.keys(LAYERS).join(" or ")}`);
const title = which === "dropout" ? "Dropout(0.2)" : "BatchNormalization";
const { train, test } = await mnist(trainCountArg());
const x = tensor2d(train.images, [train.count, TASK.inputs], 1 / 255);
const y = tensor2d(oneHot(train.labels), [train.count, TASK.classes]);
const xTest = tensor2d(test.images, [test.count, TASK.inputs], 1 / 255);

async function epoch(withLayer: boolean): Promise<{ time: Timing; accuracy: number }> {
  const model = new Sequential({ seed: 42, layers: [
    new Dense({ units: TASK.hidden, activation: "sigmoid", inputShape: [TASK.inputs] }),
    ...(withLayer ? [LAYERS[which]()] : []),
    new Dense({ units: TASK.classes, activation: "softmax" }),
  ] });
  model.compile({ optimizer: new SGD({ learningRate: TASK.learningRate }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  let stop = stopwatch(), time: Timing = { wall: 0, cpu: 0 };
  await model.fit(x, y, { epochs: 2, batchSize: TASK.batchSize, seed: 42, verbose: 0, callbacks: {
    onEpochBegin: () => { stop = stopwatch(); },
    onEpochEnd: () => { time = stop(); },
  } });
  const result = { time, accuracy: accuracy(model.predict(xTest, { batchSize: TASK.inferenceBatch }).data, test.labels) };
  model.dispose();
  return result;
}

const runs: Record<"without" | "with", { time: Timing; accuracy: number }[]> = { without: [], with: [] };
for (let r = 0; r < rounds; r++) {
  runs.without.push(await epoch(false));
  runs.with.push(await epoch(true));
}
const summary = (key: "without" | "with") => ({
  wall: median(runs[key].map((e) => e.time.wall)), cpu: median(runs[key].map((e) => e.time.cpu)), accuracy: runs[key][0].accuracy,
});
const a = summary("without"), b = summary("with");
console.log(`MNIST ${train.count} images, batch ${TASK.batchSize}, second epoch, median of ${rounds} alternating rounds`);
const line = (e: typeof a) => `${e.wall.toFixed(3)} s wall, ${e.cpu.toFixed(3)} s CPU, test accuracy ${(100 * e.accuracy).toFixed(2)}%`;
console.log(`without ${title}: ${line(a)}`);
console.log(`with ${title}:    ${line(b)}`);
console.log(`cost: ${(100 * (b.wall / a.wall - 1)).toFixed(1)}% wall, ${(100 * (b.cpu / a.cpu - 1)).toFixed(1)}% CPU`);

// The kernels alone, on one batch of the hidden layer's output (64 × 100), best of 15 samples of CPU time.
const k = engine().k, heap = engine().heap, rows = TASK.batchSize, cols = TASK.hidden;
const [xb, out, dx] = [0, 1, 2].map(() => heap.alloc(rows * cols * 4));
const [g, bta, m, v, mm, mv, dg, db] = Array.from({ length: 8 }, () => heap.alloc(cols * 4));
for (let j = 0; j < rows * cols; j++) heap.f32[(xb >>> 2) + j] = ((j * 7919) % 1000) / 1000;
heap.f32.fill(1, g >>> 2, (g >>> 2) + cols);
const perCall = (f: () => void, reps = 2000) => {
  let best = Infinity;
  for (let sample = 0; sample < 15; sample++) {
    const c = process.cpuUsage();
    for (let r = 0; r < reps; r++) f();
    const u = process.cpuUsage(c);
    best = Math.min(best, (u.user + u.system) / reps);
  }
  return best; // µs
};
const rng = heap.alloc(16);
k.rngSeed(rng, 42);
const n = rows * cols;
const forward = which === "dropout"
  ? perCall(() => { k.dropoutMask(rng, dx, n, 0.2); k.applyMask(xb, dx, out, n); }) // mask drawn, then applied
  : perCall(() => k.batchNormTrain(xb, g, bta, m, v, mm, mv, out, rows, cols, 1e-3, 0.99));
const backward = which === "dropout"
  ? perCall(() => k.applyMask(out, dx, xb, n))
  : perCall(() => k.batchNormBackward(xb, g, m, v, out, dx, dg, db, rows, cols, 1e-3));
const inference = which === "dropout" ? 0 : perCall(() => k.batchNormInference(xb, g, bta, mm, mv, out, rows, cols, 1e-3));
const steps = Math.ceil(train.count / TASK.batchSize);
const epochCpu = (steps * (forward + backward)) / 1e6;
console.log(`kernels on ${rows}×${cols}: training forward ${forward.toFixed(1)} µs, backward ${backward.toFixed(1)} µs, `
  + `inference ${inference.toFixed(1)} µs; ${steps} steps × (forward + backward) = ${epochCpu.toFixed(3)} s CPU an epoch `
  + `(${((100 * epochCpu) / a.cpu).toFixed(1)}% of the epoch without)`);
