// Lesson 8 (all seeds): the pictures. Writes SVG and PNG files to out/pictures/:
//   loss-accuracy     loss and accuracy per epoch, train vs validation, of a Sequential on spirals
//   decision-regions  that classifier's regions on a grid, with test points it never saw
//   activations       sigmoid, tanh, relu, step and their derivatives (the WASM kernels' values)
//   xor-cost          seed 000's sigmoid vs tanh cost curves, DeepNeuralNet [2, 4, 2, 1] on XOR
//   mnist-digits      the first 32 MNIST test digits with their labels
//   average-digits    the average training image of each digit 0-9
// Run: npx tsx examples/08-pictures.ts
import { Sequential, Dense, Adam, DeepNeuralNet, datasets, activations as A, averageDigit } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { chartGrid, decisionRegions, imageGrid, lineChart } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";

const dir = "out/pictures";
const save = async (name: string, svg: string) => {
  const r = await writePicture(`${dir}/${name}`, svg);
  console.log(`${r.svg.padEnd(36)} ${r.png} (${r.width} × ${r.height})`);
};

// (a), (b) A 2-32-32-3 classifier on three spiral arms. fit's validationSplit takes the last 20% of
// the rows, and the generator emits points by radius, so the rows are first put in a fixed
// scrambled order (stride 7 mod 600, a permutation since gcd(7, 600) = 1).
const train = datasets.spirals({ n: 600, classes: 3, noise: 0.04, seed: 1 });
const test = datasets.spirals({ n: 300, classes: 3, noise: 0.04, seed: 2 });
const order = Array.from({ length: 600 }, (_, i) => (i * 7) % 600);
const x = order.map((i) => [train.x.data[2 * i], train.x.data[2 * i + 1]]);
const y = order.map((i) => train.y[i]);
const model = new Sequential({
  layers: [new Dense({ units: 32, activation: "relu", inputShape: [2] }), new Dense({ units: 32, activation: "relu" }), new Dense({ units: 3, activation: "softmax" })],
  seed: 1,
});
model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
const epochs = 100;
const { history: h } = await model.fit(x, y, { epochs, batchSize: 32, validationSplit: 0.2, verbose: 0, seed: 1 });
const testX = Array.from({ length: 300 }, (_, i) => [test.x.data[2 * i], test.x.data[2 * i + 1]]);
const [testLoss, testAccuracy] = model.evaluate(testX, test.y);
console.log(`spirals, 480 train / 120 validation rows, ${epochs} epochs: loss ${h.loss.at(-1)!.toFixed(3)}, val_loss ${h.val_loss.at(-1)!.toFixed(3)}, ` +
  `accuracy ${h.accuracy.at(-1)!.toFixed(3)}, val_accuracy ${h.val_accuracy.at(-1)!.toFixed(3)}; 300 test points: accuracy ${testAccuracy.toFixed(3)} (loss ${testLoss.toFixed(3)})`);
await save("loss-accuracy", chartGrid([
  { title: "Loss", xLabel: "epoch", yLabel: "cross-entropy", series: [{ name: "train", y: h.loss }, { name: "validation", y: h.val_loss, dash: "7 4" }] },
  { title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", yRange: [0, 1], legend: "bottom-right", series: [{ name: "train", y: h.accuracy }, { name: "validation", y: h.val_accuracy, dash: "7 4" }] },
], { title: "Sequential 2-32-32-3 on spirals (Adam 0.01, batch 32, validationSplit 0.2)" }));
await save("decision-regions", decisionRegions({
  predict: (points) => model.predict(points),
  x: test.x, y: test.y, classes: 3, classNames: ["arm 0", "arm 1", "arm 2"], grid: 80,
  title: `Decision regions: ${(testAccuracy * 100).toFixed(1)}% of 300 test points right`,
}));
model.dispose();

// (c) Each function and its derivative, computed by the same kernels the layers use.
const xs = Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
const pairs = [["sigmoid", A.sigmoid, A.sigmoidDerivative], ["tanh", A.tanh, A.tanhDerivative], ["relu", A.relu, A.reluDerivative], ["step", A.step, A.stepDerivative]] as const;
await save("activations", chartGrid(pairs.map(([name, f, df]) => ({
  title: name, xLabel: "x", legend: "top-left" as const, yRange: name === "relu" ? undefined : [-1.2, 1.2] as [number, number],
  series: [{ name: `${name}(x)`, x: xs, y: f(xs) }, { name: `${name}′(x)`, x: xs, y: df(xs), dash: "7 4" }],
})), { columns: 2, width: 440, height: 300, title: "Activation functions (solid) and their derivatives (dashed)" }));

// (d) Seed 000's comparison: [2, 4, 2, 1], eta 0.5, 5000 epochs, no bias, seed 2 (see examples/03).
const X = [[0, 0, 1, 1], [0, 1, 0, 1]], Y = [0, 1, 1, 0];
const costs = (["sigmoid", "tanh"] as const).map((first) => {
  const dnn = new DeepNeuralNet([2, 4, 2, 1], [first, "sigmoid", "sigmoid"], 0.5, 5000, 2).fit(X, Y);
  const cost = dnn.cost, right = dnn.evaluate(X, Y);
  dnn.dispose();
  console.log(`XOR [2, 4, 2, 1] ${first}/sigmoid/sigmoid: cost ${cost[0].toFixed(3)} → ${cost.at(-1)!.toFixed(4)}, evaluate ${right}`);
  return { name: `${first} → sigmoid → sigmoid`, y: cost };
});
await save("xor-cost", lineChart({ title: "XOR, DeepNeuralNet [2, 4, 2, 1], η = 0.5: sigmoid vs tanh", xLabel: "epoch", yLabel: "cost  √Σ(y − a)²", yRange: [0, 1.4], series: costs }));

// (e) MNIST: the first 32 test digits, and the average training image of each digit.
const mnist = await loadMnist();
await save("mnist-digits", imageGrid({ images: mnist.test.images, count: 32, labels: mnist.test.labels, columns: 8, title: "MNIST: the first 32 test digits" }));
const data = { images: mnist.train.images, labels: mnist.train.labels };
const digits = Array.from({ length: 10 }, (_, d) => d);
await save("average-digits", imageGrid({
  images: digits.map((d) => averageDigit(data, d)), labels: digits, columns: 10, range: "each", // stretched to each image's own min..max, as matplotlib's imshow
  title: "The average digit of each class (60,000 training images)",
}));
