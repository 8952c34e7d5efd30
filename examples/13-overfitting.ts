// Lesson 13 (Saito 6.4, "바른 학습을 위해"): overfitting, and two remedies. The first 300 MNIST
// training images, MultiLayerNet 784-100×6-10 ReLU (7 affine layers, He init), SGD 0.01, batches of
// 100 drawn with replacement (3 an epoch), the accuracy on the 300 images and on the test set after
// the first step of each epoch (ch06/overfit_weight_decay.py, common/trainer.py):
//  (1) no regularization, 201 epochs (figure 6-20: train ≈ 100%, a wide gap to test);
//  (2) weight decay λ = 0.1, 201 epochs (overfit_weight_decay.py, figure 6-21);
//  (3) MultiLayerNetExtend with Dropout after each hidden layer, 301 epochs (overfit_dropout.py).
// The book's figure 6-23 says dropout_ratio = 0.15; its code overfit_dropout.py sets 0.2: --ratio
// picks (default 0.15). --test N scores the first N test images (default all 10,000); --epochs and
// --dropout-epochs shorten the runs.
// Run: npx tsx examples/13-overfitting.ts [--epochs 201] [--dropout-epochs 301] [--ratio 0.15] [--test 10000] [--seed 42]
import "../src/index.js";
import { MultiLayerNet, MultiLayerNetExtend } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { chartGrid } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const usage = "examples/13-overfitting.ts [--epochs 201] [--dropout-epochs 301] [--ratio 0.15] [--test 10000] [--seed 42]";
const args = exampleArgs(usage, { epochs: "201", "dropout-epochs": "301", ratio: "0.15", test: "10000", seed: "42" });
const epochs = args.int("epochs", 1), dropoutEpochs = args.int("dropout-epochs", 1);
const testRows = args.int("test", 1), seed = args.int("seed", 0);
const ratio = args.choice("ratio", ["0.15", "0.2"] as const);

const { train, test } = await loadMnist({ trainLimit: 300, testLimit: testRows });
const x = train.images, t = train.labels;
console.log(`MNIST: ${train.count} training images, ${test.count} test images;`);
console.log(`784-100×6-10 ReLU, He init, SGD 0.01, batch 100 with replacement, seed ${seed}`);

const runs = [
  { name: "no regularization", make: () => new MultiLayerNet(net()), epochs },
  { name: "weight decay λ = 0.1", make: () => new MultiLayerNet({ ...net(), weightDecayLambda: 0.1 }), epochs },
  {
    name: `dropout ${ratio}`, epochs: dropoutEpochs,
    make: () => new MultiLayerNetExtend({ ...net(), useDropout: true, dropoutRation: Number(ratio) }),
  },
];
const charts = [];
for (const run of runs) {
  const started = performance.now(), model = run.make();
  // 3 steps an epoch (300 / 100); the book scores after steps 0, 3, 6, …: epochs × 3 − 2 steps give `epochs` scores.
  const r = model.train(x, t, { iterations: run.epochs * 3 - 2, batchSize: 100, xTest: test.images, tTest: test.labels, seed });
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  const at = (e: number) => `${e}: ${r.trainAccList[e].toFixed(3)}/${r.testAccList[e].toFixed(3)}`;
  const marks = [0, 50, 100, 150, 200, 250, 300].filter((e) => e < r.trainAccList.length);
  console.log(`${run.name.padEnd(22)} epoch train/test  ${marks.map(at).join("  ")}`);
  const last = r.trainAccList.length - 1, trainAcc = r.trainAccList[last], testAcc = r.testAccList[last];
  console.log(`${run.name.padEnd(22)} final (epoch ${last}): train ${(trainAcc * 100).toFixed(1)}%  test ${(testAcc * 100).toFixed(1)}%  ` +
    `gap ${((trainAcc - testAcc) * 100).toFixed(1)} points  ${seconds.toFixed(1)} s`);
  const e = r.trainAccList.map((_, i) => i);
  charts.push({
    title: run.name, xLabel: "epochs", yLabel: "accuracy", yRange: [0, 1] as [number, number], legend: "bottom-right" as const,
    series: [{ name: "train", x: e, y: r.trainAccList }, { name: "test", x: e, y: r.testAccList, dash: "7 4" }],
  });
}
const saved = await writePicture("out/pictures/overfitting", chartGrid(charts, {
  title: `300 MNIST images, 7 layers × 100 ReLU, SGD 0.01: train vs test accuracy`, width: 420, height: 320,
}));
console.log(`${saved.svg} ${saved.png} (${saved.width} × ${saved.height})`);

function net() {
  return { inputSize: 784, hiddenSizeList: [100, 100, 100, 100, 100, 100], outputSize: 10, learningRate: 0.01, seed };
}
