// Lesson 12 (Saito 6.3, "배치 정규화"; ch06/batch_norm_test.py): the first 1,000 MNIST training
// images, MultiLayerNetExtend 784-100×5-10 ReLU with and without BatchNormalization, SGD 0.01,
// batches of 100 drawn with replacement (the same batches for both), 20 epochs (10 steps each;
// the accuracy on the 1,000 images after steps 0, 10, …), for 16 initial weight scales
// σ = 10^0 … 10^-4 (np.logspace(0, -4, 16)): the book's 16-panel figure 6-19. A network whose loss
// stops being finite is reported as diverged (the book's numpy goes on in NaN) and its curve ends
// there. --scales N runs the first N scales, --epochs shortens.
// Run: npx tsx examples/12-batch-norm.ts [--epochs 20] [--scales 16] [--seed 42]
import "../src/index.js";
import { MultiLayerNetExtend, ModelError, type MultiLayerTrainResult } from "../src/index.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { chartGrid } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const args = exampleArgs("examples/12-batch-norm.ts [--epochs 20] [--scales 16] [--seed 42]", { epochs: "20", scales: "16", seed: "42" });
const epochs = args.int("epochs", 1), scales = Math.min(16, args.int("scales", 1)), seed = args.int("seed", 0);
const { train } = await loadMnist({ trainLimit: 1000, testLimit: 1 });
const x = train.images, t = train.labels;
console.log(`MNIST: ${train.count} training images; 784-100×5-10 ReLU, SGD 0.01, batch 100 with replacement,`);
console.log(`${epochs} epochs, seed ${seed}`);
console.log(`σ            final train accuracy: without BN  with BN`);

/** The training accuracy after each epoch, and where it diverged (if it did). */
function run(weightInitStd: number, useBatchnorm: boolean): { acc: number[]; diverged?: string } {
  const acc: number[] = [];
  const hiddenSizeList = [100, 100, 100, 100, 100];
  const net = new MultiLayerNetExtend({ inputSize: 784, hiddenSizeList, outputSize: 10, weightInitStd, useBatchnorm, seed });
  try {
    // Scored on the training images themselves (the book plots train accuracy only): given as the "test" set.
    const onEpoch = (_e: number, a: number) => acc.push(a);
    const r: MultiLayerTrainResult = net.train(x, t, { iterations: epochs * 10 - 9, batchSize: 100, xTest: x, tTest: t, seed, onEpoch });
    return { acc: r.trainAccList };
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    const at = /the loss became (\S+) at epoch 1, batch (\d+)/.exec((e as Error).message); // one long epoch: batch b is step b − 1
    if (!at) throw e;
    return { acc, diverged: `${at[1]} at step ${Number(at[2]) - 1}` };
  } finally {
    net.dispose();
  }
}

const started = performance.now(), charts = [];
let bnWins = 0;
for (let i = 0; i < scales; i++) {
  const std = 10 ** ((-4 * i) / 15);
  const plain = run(std, false), bn = run(std, true);
  const show = (r: { acc: number[]; diverged?: string }) =>
    (r.diverged ? `diverged: loss ${r.diverged}` : r.acc.at(-1)!.toFixed(3)).padEnd(27);
  console.log(`σ = ${std.toExponential(2)}   ${show(plain)}  ${show(bn)}`);
  if (!bn.diverged && (plain.diverged || bn.acc.at(-1)! > plain.acc.at(-1)!)) bnWins++;
  const e = (r: { acc: number[] }) => r.acc.map((_, j) => j);
  charts.push({
    title: `W: ${std.toPrecision(3)}`, yRange: [0, 1] as [number, number], xRange: [0, epochs - 1] as [number, number],
    legend: i === scales - 1 ? ("bottom-right" as const) : ("none" as const),
    xLabel: i >= scales - 4 ? "epochs" : undefined, yLabel: i % 4 === 0 ? "accuracy" : undefined,
    series: [{ name: "Batch Normalization", x: e(bn), y: bn.acc }, { name: "without BN", x: e(plain), y: plain.acc, dash: "7 4" }],
  });
}
console.log(`BN ahead at ${bnWins} of ${scales} scales; ${((performance.now() - started) / 1000).toFixed(1)} s for ${2 * scales} networks`);
const saved = await writePicture("out/pictures/batch-norm", chartGrid(charts, {
  columns: 4, width: 300, height: 220, title: `1,000 MNIST images, 5 layers × 100 ReLU, SGD 0.01: with and without BatchNormalization`,
}));
console.log(`${saved.svg} ${saved.png} (${saved.width} × ${saved.height})`);
