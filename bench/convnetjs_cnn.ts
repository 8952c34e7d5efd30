// ConvNetJS 0.3 (pure JS, Float64 volumes) on the book's SimpleConvNet (Saito 7.5): conv sx 5,
// 30 filters, stride 1, no padding, relu → pool sx 2 stride 2 → fc 100 relu → softmax 10. Its own
// initialisation (Math.random: it cannot be seeded; relu layers get bias 0.1). Each image goes
// forward and backward on its own, the gradients add up, and every 100 images one Adam step
// (lr 0.001, β 0.9/0.999, ε 1e-7 as Keras) on the batch's mean gradient. npm's convnetjs 0.3.0
// Trainer has no Adam (an unknown method silently runs SGD with momentum 0.9), so the step is
// written here over net.getParamsAndGrads(); it is a small part of the time (the convolutions
// dominate). The timed pass covers the first `--measure` images (run_cnn.ts extrapolates) after a
// warm-up on 100. Then `--test` test images forward one by one, batch-1 latency. One BENCH_RESULT line.
import { createRequire } from "node:module";
import { accuracy, median, mnist, mulberry32, report, timed } from "./common.js";

interface Vol { w: Float64Array }
interface ParamsAndGrads { params: Float64Array | number[]; grads: Float64Array | number[] }
interface Net {
  makeLayers(defs: object[]): void;
  forward(v: Vol, training?: boolean): Vol;
  backward(label: number): number;
  getParamsAndGrads(): ParamsAndGrads[];
}
const require = createRequire(import.meta.url);
const convnetjs = require("convnetjs") as { Net: new () => Net; Vol: new (sx: number, sy: number, depth: number, fill: number) => Vol };
const version = (require("convnetjs/package.json") as { version: string }).version;
const arg = (name: string, fallback: number) =>
  (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const measure = arg("--measure", 60000), testCount = arg("--test", 10000);
const batchSize = 100, warmRows = 100, lr = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;

const image = (bytes: Uint8Array, i: number): Vol => {
  const v = new convnetjs.Vol(28, 28, 1, 0);
  for (let p = 0; p < 784; p++) v.w[p] = bytes[i * 784 + p] / 255; // same (y, x) order as the IDX bytes
  return v;
};
const { train, test } = await mnist(measure);
const xs = Array.from({ length: train.count }, (_, i) => image(train.images, i));
const xTest = Array.from({ length: Math.min(testCount, test.count) }, (_, i) => image(test.images, i));

const net = new convnetjs.Net();
net.makeLayers([
  { type: "input", out_sx: 28, out_sy: 28, out_depth: 1 },
  { type: "conv", sx: 5, filters: 30, stride: 1, pad: 0, activation: "relu" },
  { type: "pool", sx: 2, stride: 2 },
  { type: "fc", num_neurons: 100, activation: "relu" },
  { type: "softmax", num_classes: 10 },
]);

// Adam's moments, one pair per parameter list, and the step count (bias corrections as Keras).
const slots = net.getParamsAndGrads().map((pg) => ({ m: new Float64Array(pg.params.length), v: new Float64Array(pg.params.length) }));
let step = 0, beta1Power = 1, beta2Power = 1;
function adamStep(count: number): void {
  step++;
  beta1Power *= beta1;
  beta2Power *= beta2;
  const alpha = (lr * Math.sqrt(1 - beta2Power)) / (1 - beta1Power);
  net.getParamsAndGrads().forEach(({ params, grads }, i) => {
    const { m, v } = slots[i];
    for (let j = 0; j < params.length; j++) {
      const g = grads[j] / count;
      m[j] = beta1 * m[j] + (1 - beta1) * g;
      v[j] = beta2 * v[j] + (1 - beta2) * g * g;
      params[j] -= (alpha * m[j]) / (Math.sqrt(v[j]) + epsilon);
      grads[j] = 0;
    }
  });
}
function pass(order: Int32Array): void {
  for (let start = 0; start < order.length; start += batchSize) {
    const end = Math.min(start + batchSize, order.length);
    for (let i = start; i < end; i++) {
      net.forward(xs[order[i]], true);
      net.backward(train.labels[order[i]]);
    }
    adamStep(end - start);
  }
}

const random = mulberry32(42);
const order = Int32Array.from({ length: train.count }, (_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1)), t = order[i];
  order[i] = order[j]; order[j] = t;
}
pass(Int32Array.from({ length: Math.min(warmRows, train.count) }, (_, i) => i));
const epoch = await timed(() => pass(order));

const probs = new Float32Array(xTest.length * 10);
const inference = await timed(() => xTest.forEach((v, i) => probs.set(net.forward(v).w, i * 10)));
const latencies: number[] = [];
for (let i = 0; i < 220; i++) {
  const t = performance.now();
  net.forward(xTest[i % xTest.length]);
  if (i >= 20) latencies.push(performance.now() - t);
}

report({
  name: "convnetjs-cnn", version, measuredImages: train.count, warmupRows: warmRows, adamSteps: step,
  epochSeconds: epoch.wall, epochCpuSeconds: epoch.cpu, inferenceSeconds: inference.wall, testImages: xTest.length,
  latencyMs: median(latencies), testAccuracy: accuracy(probs, test.labels.subarray(0, xTest.length)),
});
