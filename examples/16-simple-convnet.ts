// Lesson 16 (Saito 7.5–7.6, ch07/train_convnet.py, visualize_filter.py): SimpleConvNet on MNIST.
// conv 30 × 5×5 − ReLU − max pool 2 − affine 100 − ReLU − affine 10 − softmax, weights N(0, 0.01²),
// Adam (lr 0.001), batches of 100 drawn with replacement (the book's Trainer), 600 steps an epoch on
// the 60,000 training images. After each epoch: the accuracy on the first 1,000 training images
// (the book's evaluate_sample_num_per_epoch) and on all test images. The book trains 20 epochs
// (--epochs 20) and reaches 98.90%; the default is one epoch.
// Pictures (out/pictures/): the first layer's 30 filters before and after training (the book's
// figure 7-24, gray_r: dark is large), and those of the book's own trained params.pkl.
// --book: also load the book's trained weights (data/deep-learning-from-scratch/) into SimpleConvNet
// and DeepConvNet and score the 10,000 test images (the book: 98.90% and 99.35%).
// Run: npx tsx examples/16-simple-convnet.ts [--epochs 1] [--train 60000] [--test 10000] [--seed 42] [--book]
import "../src/index.js";
import { DeepConvNet, SimpleConvNet } from "../src/index.js";
import { DEEP_CONVNET_PARAMS_FILE, SIMPLE_CONVNET_PARAMS_FILE } from "../src/course/book-cnn-files.js";
import { loadMnist } from "../src/data/mnist-node.js";
import { imageGrid } from "../src/plot/svg.js";
import { writePicture } from "../src/plot/png-node.js";
import { exampleArgs } from "./args.js";

const usage = "examples/16-simple-convnet.ts [--epochs 1] [--train 60000] [--test 10000] [--seed 42] [--book]";
const args = exampleArgs(usage, { epochs: "1", train: "60000", test: "10000", seed: "42" }, ["book"]);
const epochs = args.int("epochs", 0), trainRows = args.int("train", 100), testRows = args.int("test", 1), seed = args.int("seed", 0);

const { train, test } = await loadMnist({ trainLimit: trainRows, testLimit: testRows });
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const first = (rows: number) => ({ data: train.images.data.subarray(0, rows * 784), shape: [rows, 784] as [number, number], scale: 1 / 255 });
const score = (net: SimpleConvNet | DeepConvNet, x: typeof test.images | ReturnType<typeof first>, t: Uint8Array, rows: number) =>
  Math.round(net.accuracy(x, t.subarray(0, rows)) * rows);

const filters = async (net: SimpleConvNet, name: string, title: string) => {
  const saved = await writePicture(`out/pictures/${name}`, imageGrid({
    images: net.params.W1, imageWidth: 5, imageHeight: 5, count: 30, columns: 10, scale: 10, range: "each", invert: true, title,
  }));
  console.log(`${saved.svg} ${saved.png} (${saved.width} × ${saved.height})`);
};

console.log(`MNIST: ${train.count} training images, ${test.count} test images; SimpleConvNet, Adam 0.001, batch 100, seed ${seed}`);
const net = new SimpleConvNet({ seed });
await filters(net, "simple-convnet-filters-before", "SimpleConvNet's 30 first-layer filters, random (N(0, 0.01²))");
const steps = Math.max(Math.floor(train.count / 100), 1), started = performance.now();
for (let epoch = 1; epoch <= epochs; epoch++) {
  const t0 = performance.now();
  net.train(train.images, train.labels, { iterations: steps, batchSize: 100, seed: seed + epoch });
  const trained = seconds(t0), sample = Math.min(1000, train.count);
  const a = score(net, first(sample), train.labels, sample), b = score(net, test.images, test.labels, test.count);
  console.log(`epoch ${String(epoch).padStart(2)}: train ${(a / sample * 100).toFixed(2)}% (${a}/${sample})  `
    + `test ${(b / test.count * 100).toFixed(2)}% (${b}/${test.count})  ${steps} steps in ${trained} s`);
}
if (epochs > 0) console.log(`${epochs} epoch(s) in ${seconds(started)} s (training and scoring)`);
await filters(net, "simple-convnet-filters-after", `The same filters after ${epochs} epoch(s) of Adam`);
net.dispose();

if (args.has("book")) {
  const book = await new SimpleConvNet().loadParams(SIMPLE_CONVNET_PARAMS_FILE);
  await filters(book, "simple-convnet-filters-book", "The filters of the book's trained params.pkl (figure 7-24, right)");
  for (const [name, make] of [["SimpleConvNet", () => book], ["DeepConvNet", () => new DeepConvNet().loadParams(DEEP_CONVNET_PARAMS_FILE)]] as const) {
    const loaded = await make(), t0 = performance.now(), right = score(loaded, test.images, test.labels, test.count);
    console.log(`the book's ${name} weights: test ${(right / test.count * 100).toFixed(2)}% (${right}/${test.count}) in ${seconds(t0)} s`);
    loaded.dispose();
  }
}
