// Lesson 4 (seed 001): logistic regression to a multi-class network.
//   npx tsx examples/04-logistic-to-multiclass.ts            (everything; Fashion-MNIST takes minutes)
//   npx tsx examples/04-logistic-to-multiclass.ts --quick    (Fashion-MNIST for 5 epochs)
// Breast cancer: 569 rows split as the course (test 20%, then validation 20% of the rest:
// 364 / 91 / 114, stratified, seed 42), standardised with the training rows' statistics.
// Fashion-MNIST: the npm package's 70,000 images (its 2 empty entries dropped), split stratified (10,000
// test, then 20% validation: 48,000 train / 12,000 validation), pixels / 255, one-hot targets.
// The package's images and split differ from Keras' (see src/data/fashion-mnist.ts), so the
// course's figures are targets to reach, not values to match.
import { Sequential, Dense, SGD } from "../src/index.js";
import { loadBreastCancer } from "../src/data/breast-cancer.js";
import { loadFashionMnist, fashionMnistSplit } from "../src/data/fashion-mnist.js";
import { trainValTestSplit, standardize, oneHot } from "../src/data/split.js";
import { SingleLayer } from "../src/course/single-layer.js";
import { DualLayer, RandomInitNetwork } from "../src/course/dual-layer.js";
import { MinibatchNetwork, MultiClassNetwork } from "../src/course/minibatch-network.js";
import type { CourseNetwork } from "../src/course/course-network.js";

const quick = process.argv.includes("--quick");
const fashionEpochs = quick ? 5 : 40;
const seconds = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
const row = (what: string, course: string, ours: number, time: string) =>
  console.log(`${what.padEnd(44)} course ${course.padEnd(8)} ours ${ours.toFixed(4)}   ${time}`);

console.log("Breast cancer (validation accuracy on 91 rows)");
const bc = await loadBreastCancer();
const split = trainValTestSplit(bc.x, bc.y, { seed: 42 });
const { sets: [xTrain, xVal, xTest] } = standardize(split.train.x, split.val.x, split.test.x);
const yTrain = split.train.y, yVal = split.val.y;
const norm = (w: Float32Array) => [w.reduce((s, v) => s + Math.abs(v), 0), Math.sqrt(w.reduce((s, v) => s + v * v, 0))];

function run(what: string, course: string, net: CourseNetwork, epochs: number): CourseNetwork {
  const t = performance.now();
  net.fit(xTrain, yTrain, { epochs, xVal, yVal });
  row(`${what}, ${epochs} epochs`, course, net.score(xVal, yVal), seconds(t));
  return net;
}

for (const [label, args] of [["SingleLayer", {}], ["SingleLayer l1=0.01", { l1: 0.01 }], ["SingleLayer l2=0.01", { l2: 0.01 }]] as const) {
  const net = run(label, label.endsWith("l2=0.01") ? "0.978" : "-", new SingleLayer(args), 10_000) as SingleLayer;
  const [l1, l2] = norm(net.weights());
  console.log(`${"".padEnd(44)} |w|₁ ${l1.toFixed(3)}  |w|₂ ${l2.toFixed(3)}  (${net.wHistory.length} weight vectors recorded)`);
  net.dispose();
}
run("DualLayer l2=0.01 (ones)", "0.978", new DualLayer({ l2: 0.01 }), 20_000).dispose();
run("RandomInitNetwork l2=0.01 (N(0,1))", "0.978", new RandomInitNetwork({ l2: 0.01 }), 500).dispose();
const ones = new DualLayer({ l2: 0.01 }).fit(xTrain, yTrain, { epochs: 500, xVal, yVal });
console.log(`${"".padEnd(44)} after 500 epochs, val loss: ones ${ones.valLosses[499].toFixed(4)}`);
ones.dispose();
const normal = new RandomInitNetwork({ l2: 0.01 }).fit(xTrain, yTrain, { epochs: 500, xVal, yVal });
console.log(`${"".padEnd(44)} after 500 epochs, val loss: N(0,1) ${normal.valLosses[499].toFixed(4)}`);
normal.dispose();
for (const batchSize of [32, 128]) {
  const net = run(`MinibatchNetwork l2=0.01 batch ${batchSize}`, "0.978", new MinibatchNetwork({ l2: 0.01, batchSize }), 500);
  console.log(`${"".padEnd(44)} test accuracy ${net.score(xTest, split.test.y).toFixed(4)} (114 rows)`);
  net.dispose();
}

console.log(`\nFashion-MNIST (validation accuracy on 12,000 images)${quick ? ", --quick: 5 epochs" : ""}`);
let t = performance.now();
const fashion = await loadFashionMnist();
console.log(`loaded ${fashion.count} images, dropped ${fashion.dropped.reduce((a, b) => a + b, 0)} empty entries (per class: ${fashion.dropped.join(" ")}) in ${seconds(t)}`);
const fs = fashionMnistSplit(fashion, { seed: 42 });
console.log(`split: ${fs.train.y.length} train, ${fs.val.y.length} validation, ${fs.test.y.length} test`);
const yTrainHot = oneHot(fs.train.y, 10), yValHot = oneHot(fs.val.y, 10);

t = performance.now();
const fc = new MultiClassNetwork({ units: 100, batchSize: 256, learningRate: 0.1 });
fc.fit(fs.train.x, yTrainHot, { epochs: fashionEpochs, xVal: fs.val.x, yVal: yValHot });
row(`MultiClassNetwork 100 units, batch 256, ${fashionEpochs} ep`, "0.8151", fc.score(fs.val.x, yValHot), seconds(t));
fc.dispose();

t = performance.now();
const model = new Sequential({ layers: [new Dense({ units: 100, activation: "sigmoid", inputShape: [784] }), new Dense({ units: 10, activation: "softmax" })], seed: 42 });
model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
const history = await model.fit(fs.train.x, yTrainHot, { epochs: fashionEpochs, batchSize: 32, validationData: [fs.val.x, yValHot], verbose: 0 });
const [, accuracy] = model.evaluate(fs.val.x, yValHot);
row(`Sequential 784-100-10, SGD 0.01, batch 32, ${fashionEpochs} ep`, "0.8629", accuracy, seconds(t));
console.log(`${"".padEnd(44)} val_accuracy by epoch: ${history.history.val_accuracy.map((a) => a.toFixed(3)).join(" ")}`);
model.dispose();
