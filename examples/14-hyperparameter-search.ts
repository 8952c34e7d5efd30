// Lesson 14 (Saito 6.5, ch06/hyperparameter_optimization.py): random search for the learning rate
// and weight decay on a validation set. The first 500 MNIST training images, shuffled, 100 held out
// for validation; each trial draws weight decay 10^U(−8, −4) and lr 10^U(−6, −2), trains
// MultiLayerNet 784-100×6-10 ReLU (He init) with SGD for 50 epochs (batches of 100 with replacement)
// and prints "val acc: … | lr: …, weight decay: …"; then the best trials as the book prints them,
// and the best 20 trials' curves (val solid, train dashed).
// Then the best setting the Keras way: Sequential of Dense (heNormal, L2 = λ/2), SGD whose
// learningRate is cosineDecay from the best lr, fit() with validationData and EarlyStopping
// (val_loss, patience 20, restoreBestWeights): the epoch it stopped at and the accuracy on the test set.
// --trials shortens the search (default the book's 100); --test N scores the first N test images; --seed (default 42).
// Run: npx tsx examples/14-hyperparameter-search.ts [--trials 100] [--epochs 50] [--max-epochs 500] [--patience 20] [--test 10000]
import "../src/index.js";
import { Sequential, Dense, SGD, EarlyStopping, cosineDecay, randomSearch, bestTrials } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { chartGrid } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const usage = "examples/14-hyperparameter-search.ts [--trials 100] [--epochs 50] [--max-epochs 500] [--patience 20] [--test 10000]";
const args = exampleArgs(usage, { trials: "100", epochs: "50", "max-epochs": "500", patience: "20", test: "10000", seed: "42" });
const trials = args.int("trials", 1), epochs = args.int("epochs", 1), maxEpochs = args.int("max-epochs", 1);
const patience = args.int("patience", 0), testRows = args.int("test", 1), seed = args.int("seed", 0);

const { train, test } = await loadMnist({ trainLimit: 500, testLimit: testRows });
console.log(`MNIST: the first ${train.count} training images (20% held out for validation), ${test.count} test images`);
console.log(`${trials} trials: weight decay 10^U(-8, -4), lr 10^U(-6, -2); 784-100×6-10 ReLU, SGD, batch 100, ${epochs} epochs; ` +
  `seed ${seed}`);

// As Python prints a float: exponent form below 1e-4 (2.70478e-06), else plain.
const g = (v: number) =>
  v < 1e-4 ? v.toExponential(5).replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "e$10$2") : String(Number(v.toPrecision(6)));
const started = performance.now();
const search = randomSearch(train.images, train.labels, {
  trials, epochs, seed,
  onTrial: (tr) => console.log(`val acc:${tr.valAccList[tr.valAccList.length - 1]} | lr:${g(tr.lr)}, weight decay:${g(tr.weightDecay)}`),
});
const searchSeconds = (performance.now() - started) / 1000;
console.log("=========== Hyper-Parameter Optimization Result ===========");
const best = bestTrials(search.trials, 20);
best.forEach((tr, i) => {
  console.log(`Best-${i + 1}(val acc:${tr.valAccList[tr.valAccList.length - 1]}) | lr:${g(tr.lr)}, weight decay:${g(tr.weightDecay)}`);
});
console.log(`search: ${trials} trials in ${searchSeconds.toFixed(1)} s (${(searchSeconds / trials).toFixed(2)} s a trial)`);

const charts = best.map((tr, i) => {
  const e = tr.valAccList.map((_, j) => j);
  return {
    title: `Best-${i + 1}`, yRange: [0, 1] as [number, number], legend: i === 0 ? ("bottom-right" as const) : ("none" as const),
    series: [{ name: "val", x: e, y: tr.valAccList }, { name: "train", x: e, y: tr.trainAccList, dash: "6 4" }],
  };
});
const saved = await writePicture("out/pictures/hyperparameter-search", chartGrid(charts, {
  columns: 5, width: 230, height: 180,
  title: `Random search, best ${best.length} of ${trials}: validation (solid) and training (dashed) accuracy`,
}));
console.log(`${saved.svg} ${saved.png} (${saved.width} × ${saved.height})`);

// The best setting the Keras way, with a schedule and early stopping.
const top = best[0], stepsPerEpoch = Math.ceil(search.train.y.length / 100);
const model = new Sequential({ seed });
for (let i = 0; i < 6; i++) {
  model.add(new Dense({
    units: 100, activation: "relu", kernelInitializer: "heNormal", kernelRegularizer: { l2: top.weightDecay / 2 },
    ...(i === 0 ? { inputShape: [784] } : {}),
  }));
}
model.add(new Dense({ units: 10, activation: "softmax", kernelInitializer: "heNormal", kernelRegularizer: { l2: top.weightDecay / 2 } }));
const learningRate = cosineDecay({ initialLearningRate: top.lr, decaySteps: maxEpochs * stepsPerEpoch, alpha: 0.01 });
model.compile({ optimizer: new SGD({ learningRate }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
const stop = new EarlyStopping({ monitor: "val_loss", patience, restoreBestWeights: true });
const fitStarted = performance.now();
const history = await model.fit(search.train.x, search.train.y, {
  epochs: maxEpochs, batchSize: 100, validationData: [search.val.x, search.val.y], callbacks: [stop], verbose: 0, seed,
});
const fitSeconds = (performance.now() - fitStarted) / 1000;
const ran = history.epoch.length, valAcc = history.history.val_accuracy as number[];
const stopped = stop.stoppedEpoch >= 0 ? `stopped at epoch ${stop.stoppedEpoch + 1}` : `ran all ${maxEpochs} epochs`;
console.log(`Keras API, best setting (lr ${g(top.lr)} cosine-decayed over ${maxEpochs} epochs, weight decay ${g(top.weightDecay)}):`);
console.log(`EarlyStopping(val_loss, patience ${patience}, restoreBestWeights): ${stopped} of ${maxEpochs} (${ran} run), ` +
  `best epoch ${stop.bestEpoch + 1}, val acc there ${valAcc[Math.max(stop.bestEpoch, 0)].toFixed(3)}  ${fitSeconds.toFixed(1)} s`);
const [testLoss, testAcc] = model.evaluate(test.images, test.labels);
console.log(`test: loss ${testLoss.toFixed(4)}  accuracy ${(testAcc * 100).toFixed(1)}% on ${test.count} images`);
model.dispose();
