// Lesson 11 (Saito 6.2, "가중치의 초깃값"): why the initial weight scale matters.
//  (a) ch06/weight_init_activation_histogram.py: 1,000 random inputs (N(0, 1), 100 values) through
//      5 layers of 100 nodes, no bias, W ~ σ·N(0, 1); the histogram of each layer's activations
//      (30 bins) for sigmoid with σ = 1, 0.01 and Xavier (√(1/100)), tanh with Xavier, and ReLU
//      with σ = 0.01, Xavier and He (√(2/100)): the book's figures 6-10, 6-11, 6-13 and 6-14.
//  (b) ch06/weight_init_compare.py: MultiLayerNet 784-100-100-100-100-10 ReLU on MNIST, SGD 0.01,
//      batch 128 drawn with replacement (the same batches for all three), 2,000 iterations, with
//      std 0.01, Xavier and He: the loss curves of figure 6-15 (the book: std 0.01 does not learn).
// Writes out/pictures/weight-init-*.svg/.png. --iterations N shortens (b).
// Run: npx tsx examples/11-weight-init.ts [--iterations 2000] [--seed 42]
import "../src/index.js";
import { MultiLayerNet, layerActivations, type WeightInitStd } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { histogramCounts, histogramGrid, lineChart } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const args = exampleArgs("examples/11-weight-init.ts [--iterations 2000] [--seed 42]", { iterations: "2000", seed: "42" });
const iterations = args.int("iterations", 1), seed = args.int("seed", 0);
const dir = "out/pictures";
const save = async (name: string, svg: string) => {
  const r = await writePicture(`${dir}/${name}`, svg);
  console.log(`${r.svg.padEnd(44)} ${r.png} (${r.width} × ${r.height})`);
};

// (a) Each case: its activation, σ, the picture's name, the histogram's range and count axis.
const cases = [
  { activation: "sigmoid", label: "σ = 1", std: 1, name: "sigmoid-std1" },
  { activation: "sigmoid", label: "σ = 0.01", std: 0.01, name: "sigmoid-std001" },
  { activation: "sigmoid", label: "Xavier", std: Math.sqrt(1 / 100), name: "sigmoid-xavier" },
  { activation: "tanh", label: "Xavier", std: Math.sqrt(1 / 100), name: "tanh-xavier" },
  { activation: "relu", label: "σ = 0.01", std: 0.01, name: "relu-std001" },
  { activation: "relu", label: "Xavier", std: Math.sqrt(1 / 100), name: "relu-xavier" },
  { activation: "relu", label: "He", std: Math.sqrt(2 / 100), name: "relu-he" },
] as const;
const t0 = performance.now();
console.log("(a) activations of 5 layers × 100 nodes on 1,000 inputs N(0, 1);");
console.log("    per layer: std of the activations, and the share at the ends");
console.log("    (sigmoid: < 0.1 or > 0.9; tanh: |z| > 0.9; relu: exactly 0)");
for (const c of cases) {
  const layers = layerActivations({ activation: c.activation, weightStd: c.std, seed });
  const stats = layers.map((z) => {
    let sum = 0, sq = 0, ends = 0;
    for (const v of z) {
      sum += v; sq += v * v;
      if (c.activation === "sigmoid" ? v < 0.1 || v > 0.9 : c.activation === "tanh" ? Math.abs(v) > 0.9 : v === 0) ends++;
    }
    const mean = sum / z.length;
    return { std: Math.sqrt(Math.max(0, sq / z.length - mean * mean)), ends: ends / z.length };
  });
  const stds = stats.map((s) => s.std.toFixed(4)).join(" "), ends = stats.map((s) => s.ends.toFixed(3)).join(" ");
  console.log(`${`${c.activation} ${c.label}`.padEnd(18)} std ${stds}   ends ${ends}`);
  // The book bins [0, 1] (tanh: [-1, 1] to show both sides); for ReLU it cuts the count axis at 7,000
  // (plt.ylim(0, 7000)) so the bar of zeros does not flatten the rest.
  const range: [number, number] = c.activation === "tanh" ? [-1, 1] : [0, 1];
  const yRange: [number, number] | undefined = c.activation === "relu" ? [0, 7000] : undefined;
  const top = Math.max(...layers.map((z) => Math.max(...histogramCounts(z, 30, range))));
  await save(`weight-init-${c.name}`, histogramGrid(layers.map((z, i) => ({
    values: z, range, bins: 30, title: `${i + 1}-layer`, yRange: yRange ?? [0, top], color: c.activation === "relu" ? "#d55e00" : undefined,
  })), { title: `Activations of 5 layers: ${c.activation}, weights ${c.label}`, width: 200, height: 230 }));
}
console.log(`(a) took ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// (b) The three networks on the same batches (same seed for the draws), the same base weights scaled.
const mnist = await loadMnist();
const inits: [string, WeightInitStd][] = [["std=0.01", 0.01], ["Xavier", "sigmoid"], ["He", "relu"]];
console.log(`\n(b) MNIST 784-100-100-100-100-10 ReLU, SGD 0.01, batch 128 with replacement, ${iterations} iterations, seed ${seed}`);
const curves: { name: string; y: number[] }[] = [];
for (const [name, weightInitStd] of inits) {
  const t = performance.now();
  const hiddenSizeList = [100, 100, 100, 100];
  const net = new MultiLayerNet({ inputSize: 784, hiddenSizeList, outputSize: 10, weightInitStd, learningRate: 0.01, seed });
  const { trainLossList: loss } = net.train(mnist.train.images, mnist.train.labels, { iterations, batchSize: 128, seed });
  const seconds = (performance.now() - t) / 1000, accuracy = net.accuracy(mnist.test.images, mnist.test.labels);
  net.dispose();
  const every = loss.filter((_, i) => i % 500 === 0).map((v) => v.toFixed(3)).join(" ");
  const last = loss.slice(-100).reduce((a, b) => a + b, 0) / Math.min(100, loss.length);
  console.log(`${name.padEnd(9)} loss at iterations 0, 500, …: ${every}   mean of the last 100: ${last.toFixed(4)}   ` +
    `test accuracy ${(accuracy * 100).toFixed(2)}%   ${seconds.toFixed(1)} s`);
  curves.push({ name, y: movingAverage(loss, 11) });
}
await save("weight-init-mnist-loss", lineChart({
  title: `MNIST, 5 layers × 100 ReLU, SGD 0.01: loss by weight init`, xLabel: "iterations", yLabel: "loss (moving average of 11)",
  yRange: [0, 2.5], series: curves.map((c) => ({ name: c.name, y: c.y, x: c.y.map((_, i) => i) })),
}));

/** The mean of each window of `n` values centred on each point (shrunk at the ends); the book smooths with a Kaiser window. */
function movingAverage(y: number[], n: number): number[] {
  const h = Math.floor(n / 2);
  return y.map((_, i) => {
    const a = Math.max(0, i - h), b = Math.min(y.length, i + h + 1);
    let s = 0;
    for (let j = a; j < b; j++) s += y[j];
    return s / (b - a);
  });
}
