// Lesson 6 (seed 002): the course's layer objects on MNIST, and the "average digit" before them.
//  1. The average 8 of the training set used as a weight vector, b = −45, threshold 0.5, evaluated
//     8 against the rest on the training set, the test set and the test set's 8s (its three cells).
//  2. net = SequentialNetwork(); DenseLayer(784, 392), ActivationLayer(392), DenseLayer(392, 196),
//     ActivationLayer(196), DenseLayer(196, 10), ActivationLayer(10); MSE (½Σ, as the code);
//     net.train(training_data, epochs, mini_batch_size=10, learning_rate=3.0, test_data).
// The course trains 10 epochs on mnist.pkl.gz's 50,000 training images with pixels /256; we use
// all 60,000 with pixels /255 (the library's scaling) and 3 epochs unless told otherwise.
// Run: npx tsx examples/06-sequential-network.ts [--epochs 3] [--seed 42] [--train-limit n]
// (--train-limit: the first n training images only, for the average 8 and the network alike; 0: all)
import { tensor2d } from "../src/index.js";
import { exampleArgs } from "./args.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { SequentialNetwork, DenseLayer, ActivationLayer } from "../src/course/sequential-network.js";
import { averageDigit, evaluateAverageDigit, onlyDigit, AVERAGE_DIGIT_BIAS as b } from "../src/course/average-digit.js";

const args = exampleArgs("examples/06-sequential-network.ts [--epochs 3] [--seed 42] [--train-limit n]", { epochs: "3", seed: "42", "train-limit": "0" });
const epochs = args.int("epochs", 1), seed = args.int("seed", 0), trainLimit = args.int("train-limit", 0);

const { train, test } = await loadMnist({ trainLimit: trainLimit || undefined });
const eights = Array.from(test.labels).filter((l) => l === 8).length;

console.log("— The average 8 as a classifier: predict(x) = σ(W·x + b), W = mean training 8, b = −45, threshold 0.5");
for (const [label, scale] of [["pixels /255 (ours)", 1 / 255], ["pixels /256 (the course's)", 1 / 256]] as const) {
  const scaled = (d: typeof train) => ({ images: tensor2d(d.images.data, d.images.shape, scale), labels: d.labels });
  const started = performance.now();
  const W = averageDigit(scaled(train), 8);
  const onTrain = evaluateAverageDigit(scaled(train), 8, 0.5, W, b);
  const onTest = evaluateAverageDigit(scaled(test), 8, 0.5, W, b);
  const onEights = evaluateAverageDigit(onlyDigit(scaled(test), 8), 8, 0.5, W, b);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: train ${onTrain.toFixed(4)}, test ${onTest.toFixed(4)}, test 8s only ${onEights.toFixed(4)}  (${seconds.toFixed(2)} s)`);
}
console.log(`Always answering "not 8" scores ${(1 - eights / test.count).toFixed(4)} on the test set (${eights} of ${test.count} are 8s):`);
console.log("the average 8 finds most 8s but calls many other digits 8, which is the course's point: the model needs training.\n");

console.log(`— SequentialNetwork 784-392-196-10, sigmoid, MSE, lr 3.0, batch 10, ${epochs} epochs (seed ${seed})`);
const net = new SequentialNetwork({ seed });
net.add(new DenseLayer(784, 392));
net.add(new ActivationLayer(392));
net.add(new DenseLayer(392, 196));
net.add(new ActivationLayer(196));
net.add(new DenseLayer(196, 10));
net.add(new ActivationLayer(10));
const result = net.train(train, epochs, 10, 3.0, test);
result.seconds.forEach((s, k) => console.log(`epoch ${k}: ${result.correct[k]} / ${result.total} in ${s.toFixed(2)} s`));
const total = result.seconds.reduce((a, s) => a + s, 0);
console.log(`${epochs} epochs in ${total.toFixed(1)} s (${(total / epochs).toFixed(2)} s an epoch, training and test evaluation)`);
net.dispose();
