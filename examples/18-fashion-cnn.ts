// Lesson 18 (Do it! 딥러닝 입문 ch. 8, Ch08.ipynb): convolutional networks on Fashion-MNIST.
//  (1) the book's ConvolutionNetwork (8-4): conv 10 × 3×3 'same', relu, 2×2 max pool, 100 relu, 10
//      softmax; glorot uniform, SGD lr 0.01, batch 128, 20 epochs; the book scores 0.8746 on validation.
//  (2) its Keras model conv1 (8-5): Conv2D(10, (3, 3), relu, 'same'), MaxPooling2D((2, 2)), Flatten,
//      Dense(100, relu), Dense(10, softmax); Adam (Keras' defaults: lr 0.001, batch 32), 20 epochs.
//  (3) conv2: the same with Dropout(0.5) after Flatten.
// Data: lesson 4's split of the npm package's 70,000 images (10,000 test, then 48,000 train /
// 12,000 validation, stratified, seed 42: the book's train_test_split(stratify, test_size=0.2,
// random_state=42) of Keras' 60,000), pixels / 255, one-hot targets. The images and split are not
// Keras', so the book's figures are to reach, not to match.
// By default each model trains 2 epochs (minutes); --epochs 20 runs the book's; --train N trains on
// the first N training images only (a quick look; the validation set stays whole).
// Run: npx tsx examples/18-fashion-cnn.ts [--epochs 2] [--model all|cn|conv1|conv2] [--train 48000] [--seed 42]
import { Sequential, Conv2D, MaxPooling2D, Flatten, Dropout, Dense, ConvolutionNetwork } from "../src/index.js";
import { loadFashionMnist, fashionMnistSplit } from "../src/data/fashion-mnist.js";
import { oneHot, takeRows } from "../src/data/split.js";
import type { LineChartArgs } from "../src/plot/line-chart.js";
import { chartGrid } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const usage = "examples/18-fashion-cnn.ts [--epochs 2] [--model all|cn|conv1|conv2] [--train 48000] [--seed 42]";
const args = exampleArgs(usage, { epochs: "2", model: "all", train: "48000", seed: "42" });
const epochs = args.int("epochs", 1), seed = args.int("seed", 0), limit = args.int("train", 128);
const only = args.choice("model", ["all", "cn", "conv1", "conv2"] as const);
const models = only === "all" ? ["cn", "conv1", "conv2"] : [only];

// The book's printed validation figures (Ch08.ipynb): conv1 and conv2 per epoch, ConvolutionNetwork after 20.
const BOOK = {
  cn: { score: 0.8745833 },
  conv1: {
    valAccuracy: [0.8832, 0.8992, 0.9043, 0.9064, 0.9051, 0.9176, 0.9147, 0.9152, 0.9174, 0.9204,
      0.9140, 0.9198, 0.9183, 0.9185, 0.9188, 0.9190, 0.9154, 0.9172, 0.9203, 0.9163],
    valLoss: [0.3272, 0.2807, 0.2605, 0.2555, 0.2682, 0.2357, 0.2510, 0.2571, 0.2554, 0.2503,
      0.2748, 0.2701, 0.2857, 0.2975, 0.3074, 0.3323, 0.3530, 0.3603, 0.3734, 0.3936],
  },
  conv2: {
    valAccuracy: [0.8695, 0.8850, 0.8957, 0.9050, 0.9039, 0.9132, 0.9120, 0.9085, 0.9156, 0.9170,
      0.9178, 0.9172, 0.9183, 0.9193, 0.9160, 0.9199, 0.9221, 0.9207, 0.9184, 0.9207],
    valLoss: [0.3691, 0.3214, 0.2837, 0.2682, 0.2631, 0.2458, 0.2495, 0.2488, 0.2335, 0.2332,
      0.2357, 0.2319, 0.2303, 0.2280, 0.2407, 0.2283, 0.2273, 0.2313, 0.2326, 0.2297],
  },
};
const ep = (n: number) => `${n} epoch${n === 1 ? "" : "s"}`;
const f4 = (v: number | undefined) => (v === undefined ? "  -   " : v.toFixed(4));
const seconds = (t: number) => (performance.now() - t) / 1000;

let t = performance.now();
const fashion = await loadFashionMnist();
const split = fashionMnistSplit(fashion, { seed: 42 }), val = split.val, n = Math.min(limit, split.train.y.length);
const first = Array.from({ length: n }, (_, i) => i);
const train = n === split.train.y.length ? split.train : { x: takeRows(split.train.x, first), y: split.train.y.subarray(0, n) };
const yTrain = oneHot(train.y, 10), yVal = oneHot(val.y, 10);
console.log(`Fashion-MNIST: ${train.y.length} train, ${val.y.length} validation images (loaded and split in ${seconds(t).toFixed(1)} s); ` +
  `${ep(epochs)} a model, seed ${seed}`);
const charts: LineChartArgs[] = [], results: string[] = [];
const epochAxis = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

if (models.includes("cn")) {
  console.log("\n(1) ConvolutionNetwork(n_kernels=10, units=100, batch_size=128, learning_rate=0.01): SGD, glorot uniform");
  t = performance.now();
  const cn = new ConvolutionNetwork({ nKernels: 10, units: 100, batchSize: 128, learningRate: 0.01, seed });
  cn.fit(train.x, yTrain, {
    epochs, xVal: val.x, yVal,
    onEpochEnd: (e, net) => console.log(`epoch ${String(e + 1).padStart(2)}  loss ${f4(net.losses[e])}  ` +
      `val_loss ${f4(net.valLosses[e])}  val_accuracy ${f4(net.valScores[e])}  ${seconds(t).toFixed(1)} s`),
  });
  const time = seconds(t), score = cn.score(val.x, yVal); // fit's time (validation each epoch included), then the book's cn.score
  results.push(`ConvolutionNetwork, SGD 0.01, batch 128: validation ${score.toFixed(4)} after ${ep(epochs)} ` +
    `(book 0.8746 after 20), ${time.toFixed(0)} s (${(time / epochs).toFixed(1)} s an epoch)`);
  charts.push({
    title: "ConvolutionNetwork (SGD 0.01)", xLabel: "epoch", yLabel: "loss",
    series: [{ name: "train_loss", x: epochAxis(epochs), y: cn.losses },
      { name: "val_loss", x: epochAxis(epochs), y: cn.valLosses, dash: "7 4" }],
  });
  cn.dispose();
}

for (const name of ["conv1", "conv2"] as const) {
  if (!models.includes(name)) continue;
  const book = BOOK[name];
  console.log(`\n(${name === "conv1" ? 2 : 3}) ${name}: Conv2D(10, 3×3, relu, same), MaxPooling2D, Flatten, ` +
    `${name === "conv2" ? "Dropout(0.5), " : ""}Dense(100, relu), Dense(10, softmax); Adam, batch 32`);
  const model = new Sequential({
    layers: [
      new Conv2D({ filters: 10, kernelSize: [3, 3], activation: "relu", padding: "same", inputShape: [28, 28, 1] }),
      new MaxPooling2D({ poolSize: [2, 2] }),
      new Flatten(),
      ...(name === "conv2" ? [new Dropout({ rate: 0.5 })] : []),
      new Dense({ units: 100, activation: "relu" }),
      new Dense({ units: 10, activation: "softmax" }),
    ],
    seed,
  });
  if (name === "conv1") model.summary();
  model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  t = performance.now();
  const history = await model.fit(train.x, yTrain, {
    epochs, batchSize: 32, seed, validationData: [val.x, yVal], verbose: 0,
    callbacks: {
      onEpochEnd: (e, logs) => console.log(`epoch ${String(e + 1).padStart(2)}  loss ${f4(logs!.loss)}  accuracy ${f4(logs!.accuracy)}  ` +
        `val_loss ${f4(logs!.val_loss)} (book ${f4(book.valLoss[e])})  val_accuracy ${f4(logs!.val_accuracy)} ` +
        `(book ${f4(book.valAccuracy[e])})  ${seconds(t).toFixed(1)} s`),
    },
  });
  const time = seconds(t), [, accuracy] = model.evaluate(val.x, yVal); // the book's conv1.evaluate(x_val, y_val_encoded)
  const h = history.history, at = epochs - 1;
  results.push(`${name}, Adam, batch 32: validation ${accuracy.toFixed(4)} after ${ep(epochs)} (book ${f4(book.valAccuracy[at])} ` +
    `at epoch ${Math.min(epochs, 20)}, ${f4(book.valAccuracy[19])} after 20; best ${Math.max(...h.val_accuracy).toFixed(4)}), ` +
    `${time.toFixed(0)} s (${(time / epochs).toFixed(1)} s an epoch)`);
  const x = epochAxis(epochs), bookX = epochAxis(20);
  charts.push({
    title: `${name} (Adam${name === "conv2" ? ", Dropout 0.5" : ""})`, xLabel: "epoch", yLabel: "loss",
    series: [{ name: "train_loss", x, y: h.loss }, { name: "val_loss", x, y: h.val_loss, dash: "7 4" },
      { name: "book val_loss", x: bookX, y: book.valLoss, dash: "2 3" }],
  });
  model.dispose();
}

console.log(`\nValidation accuracy on ${val.y.length} images, ours beside the book's:`);
for (const line of results) console.log(`  ${line}`);
if (charts.length > 0) {
  const saved = await writePicture(`out/pictures/fashion-cnn${only === "all" ? "" : `-${only}`}`, chartGrid(charts, {
    title: "Fashion-MNIST CNNs: training and validation loss (the book: Do it! ch. 8, Ch08.ipynb)", width: 420, height: 320,
  }));
  console.log(`${saved.svg} ${saved.png} (${saved.width} × ${saved.height})`);
}
