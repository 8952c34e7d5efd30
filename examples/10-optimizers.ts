// Lesson 10 (Saito ch. 6.1): the book's optimizers, bookOptimizers.SGD … Adam with update(params, grads).
//   (a) paths of 30 steps on f(x, y) = x²/20 + y² from (−7, 2), the book's settings SGD 0.95, Momentum 0.1,
//       AdaGrad 1.5, Adam 0.3, and ours for Nesterov 0.1, RMSprop 0.1, over f's contours
//       (out/pictures/optimizer-paths.svg, .png)
//   (b) MNIST, 784-100-100-100-100-10 ReLU (He init), softmax + cross-entropy, batch 128, 2,000 iterations per
//       optimizer (the book's optimizer_compare_mnist.py: SGD 0.01, Momentum 0.01, AdaGrad 0.01, Adam 0.001; we
//       add RMSprop 0.01 and Nesterov 0.01): the training loss curves (out/pictures/optimizer-mnist.svg, .png)
// Run: npx tsx examples/10-optimizers.ts [--iters 2000] [--seed 1]
import { Sequential, Dense, Tensor, bookOptimizers as B } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { lineChart, planeGrid, type PlanePanel } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const args = exampleArgs("examples/10-optimizers.ts [--iters 2000] [--seed 1]", { iters: "2000", seed: "1" });
const iters = args.int("iters", 1), seed = args.int("seed", 0);
const save = async (name: string, svg: string) => {
  const r = await writePicture(`out/pictures/${name}`, svg);
  console.log(`${r.svg.padEnd(36)} ${r.png} (${r.width} × ${r.height})`);
};

// (a) The book's optimizer_compare_naive.py: params and grads are dicts {x, y}; df = (x/10, 2y) is the caller's arithmetic.
const f = (x: number, y: number) => x * x / 20 + y * y;
const naive = [new B.SGD(0.95), new B.Momentum(0.1), new B.AdaGrad(1.5), new B.Adam(0.3), new B.Nesterov(0.1), new B.RMSprop(0.1)];
const panels: PlanePanel[] = [];
for (const opt of naive) {
  const params = { x: Tensor.from([-7], 1, 1), y: Tensor.from([2], 1, 1) }, grads = { x: Tensor.zeros(1, 1), y: Tensor.zeros(1, 1) };
  const xs: number[] = [], ys: number[] = [];
  for (let i = 0; i < 30; i++) {
    const x = params.x.data[0], y = params.y.data[0];
    xs.push(x), ys.push(y);
    grads.x.data[0] = x / 10;
    grads.y.data[0] = 2 * y;
    opt.update(params, grads);
  }
  const [x, y] = [params.x.data[0], params.y.data[0]];
  console.log(`${opt.name.padEnd(8)} lr ${String(opt.lr).padEnd(4)} 30 steps from (-7, 2): (${x.toFixed(4)}, ${y.toFixed(4)}), `
    + `f = ${f(x, y).toExponential(3)}`);
  panels.push({
    title: `${opt.name} (lr ${opt.lr})`, xRange: [-10, 10], yRange: [-5, 5], xLabel: "x", yLabel: "y",
    contours: { f, levels: [0.05, 0.2, 0.5, 1, 2, 3, 4.5, 6] }, marks: [[0, 0]], paths: [{ x: xs, y: ys, color: "#d55e00" }],
  });
  opt.dispose();
  for (const t of [params.x, params.y, grads.x, grads.y]) t.dispose();
}
await save("optimizer-paths", planeGrid(panels, {
  columns: 2, width: 440, height: 300, title: "f(x, y) = x²/20 + y² from (−7, 2), 30 steps",
}));

// (b) MNIST: each optimizer trains its own network, all from the same initial weights (seed), on the same batches.
const { train } = await loadMnist();
const settings = [new B.SGD(0.01), new B.Momentum(0.01), new B.AdaGrad(0.01), new B.Adam(0.001), new B.RMSprop(0.01), new B.Nesterov(0.01)];
const curves: { name: string; y: number[] }[] = [];
// The book's own optimizer_compare_mnist.py (MultiLayerNet, common/optimizer.py; RMSprop and Nesterov added) in numpy
// float64, np.random.seed(0), 2,000 iterations: the mean loss of the last 100, measured on this machine (~80 s each).
const book: Record<string, string> = {
  SGD: "0.199", Momentum: "0.068", AdaGrad: "0.031", Adam: "0.039", RMSprop: "0.076", Nesterov: "0.055",
};
for (const opt of settings) {
  const dense = (units: number, activation: "relu" | "softmax", first = false) =>
    new Dense({ units, activation, kernelInitializer: "heNormal", ...(first ? { inputShape: [784] } : {}) });
  const layers = [dense(100, "relu", true), ...[1, 2, 3].map(() => dense(100, "relu")), dense(10, "softmax")]; // 5 × 100 as the book
  const model = new Sequential({ layers, seed });
  model.compile({ optimizer: opt.optimizer, loss: "sparseCategoricalCrossentropy" }); // the book's class's engine optimizer
  // fit reports the epoch's running mean after each batch; each batch's own loss is the difference of the sums.
  const losses: number[] = [];
  let sum = 0, seen = 0;
  const onBatchEnd = (batch: number, logs?: { loss?: number; size?: number }) => {
    if (batch === 0) (sum = 0), (seen = 0);
    const count = logs!.size!, total = logs!.loss! * (seen + count);
    losses.push((total - sum) / count);
    (sum = total), (seen += count);
    if (losses.length >= iters) model.stopTraining = true;
  };
  const t = performance.now();
  const epochs = Math.ceil(iters / Math.floor(train.count / 128)) + 1; // enough; onBatchEnd stops at `iters`
  await model.fit(train.images, train.labels, { epochs, batchSize: 128, verbose: 0, seed, callbacks: { onBatchEnd } });
  const seconds = (performance.now() - t) / 1000, last = losses.slice(-100);
  const lastMean = (last.reduce((a, b) => a + b, 0) / last.length).toFixed(4);
  console.log(`MNIST ${opt.name.padEnd(8)} lr ${String(opt.lr).padEnd(5)} ${losses.length} iterations: `
    + `loss ${losses[0].toFixed(3)} → ${losses.at(-1)!.toFixed(4)}, `
    + `mean of the last 100 ${lastMean} (${seconds.toFixed(1)} s)   book's code at 2,000: ${book[opt.name]}`);
  // A moving mean over 20 iterations for the picture (the book smooths with an 11-point Kaiser window).
  const smooth = losses.map((_, i) => {
    const w = losses.slice(Math.max(0, i - 19), i + 1);
    return w.reduce((a, b) => a + b, 0) / w.length;
  });
  curves.push({ name: opt.name, y: smooth });
  model.dispose();
  opt.dispose();
}
await save("optimizer-mnist", lineChart({
  title: `MNIST 5 × 100 ReLU, batch 128: training loss (moving mean of 20)`,
  xLabel: "iteration", yLabel: "loss", yRange: [0, 1], series: curves,
}));
