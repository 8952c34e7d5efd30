// The training the book's ch. 6 experiments run on MultiLayerNet(Extend) (weight_init_compare.py,
// overfit_weight_decay.py, common/trainer.py): each iteration draws batchSize rows WITH
// replacement (np.random.choice(train_size, batch_size): the one loop's "sample" order), one SGD
// step, and after step i, when i % iter_per_epoch == 0 (iter_per_epoch = max(n / batchSize, 1)),
// the accuracy on the whole training and test sets. Where we differ: the loss recorded per
// iteration is the batch's before its step (as Keras and TF.js log it); weight_init_compare.py
// records it after the step, on the same batch.
// Also the book's gradient(): one forward (training mode) and backward pass on all of (x, t).
import { ModelError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope } from "../core/scope.js";
import type { Inputs, Labels } from "../data/inputs.js";
import { inputsFor, targetsFor } from "../data/resident.js";
import { CallbackList } from "../models/callbacks.js";
import { evaluateSums, forChunks } from "../models/inference.js";
import { trainSync } from "../models/loop.js";
import { backward, forward, reserve, trainStep } from "../models/stack.js";
import type { Sequential } from "../models/sequential.js";

export interface MultiLayerTrainArgs {
  /** SGD steps (the book's max_iterations, or epochs × iter_per_epoch). */
  iterations: number;
  /** Rows per step (default 100). */
  batchSize?: number;
  /** A test set: with it, the training and test accuracy are scored once an epoch. */
  xTest?: Inputs;
  tTest?: Labels;
  /** Seed of the batches' draws (default 42). */
  seed?: number;
  /** Called after each epoch's scoring. */
  onEpoch?: (epoch: number, trainAcc: number, testAcc: number) => void;
}

export interface MultiLayerTrainResult {
  /** The loss of each step's batch (before its step; the penalty ½λΣW² included). */
  trainLossList: number[];
  trainAccList: number[];
  testAccList: number[];
}

/** Rows per forward pass when scoring. */
const EVAL_ROWS = 1000;

/** `iterations` SGD steps of `model` on batches drawn from (x, t), scored once an epoch on (x, t) and the test set when given. */
export function trainNetwork(model: Sequential, x: Inputs, t: Labels, args: MultiLayerTrainArgs): MultiLayerTrainResult {
  const engine = model.built(), { iterations, batchSize = 100, seed = DEFAULT_SEED } = args;
  if (!(Number.isInteger(iterations) && iterations > 0)) {
    throw new ModelError(`train: iterations must be a positive integer, got ${String(iterations)}`);
  }
  if (!(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new ModelError(`train: batchSize must be a positive integer, got ${String(batchSize)}`);
  }
  if ((args.xTest === undefined) !== (args.tTest === undefined)) {
    throw new ModelError("train: give both xTest and tTest (the test set scored each epoch), or neither");
  }
  const losses = new Float64Array(iterations), result: MultiLayerTrainResult = { trainLossList: [], trainAccList: [], testAccList: [] };
  withScope(engine, (s) => {
    const units = model.outputUnits, lossName = model.loss!.name;
    const xs = inputsFor(s, "train: x", x, model.inputUnits), ys = targetsFor(s, "train: t", t, xs.rows, units, lossName);
    const test = args.xTest && (() => {
      const xt = inputsFor(s, "train: xTest", args.xTest!, model.inputUnits);
      return { x: xt, y: targetsFor(s, "train: tTest", args.tTest!, xt.rows, units, lossName) };
    })();
    reserve(model, Math.max(batchSize, test ? Math.min(EVAL_ROWS, Math.max(xs.rows, test.x.rows)) : 0)); // sized once, scoring too
    const rng = s.track(new Rng(engine, seed));
    const iterPerEpoch = Math.max(xs.rows / batchSize, 1);
    const score = (i: number) => {
      if (!test || i % iterPerEpoch !== 0) return;
      const a = evaluateSums(model, xs, ys, EVAL_ROWS), b = evaluateSums(model, test.x, test.y, EVAL_ROWS);
      result.trainAccList.push(a.correct / a.judged);
      result.testAccList.push(b.correct / b.judged);
      args.onEpoch?.(result.trainAccList.length - 1, a.correct / a.judged, b.correct / b.judged);
    };
    let i = 0;
    trainSync({
      engine, x: xs, y: ys, units, order: "sample", batchSize, steps: iterations, epochs: 1, rng,
      step: (xb, y, count) => (losses[i++] = trainStep(model, xb, y, count)),
      callbacks: new CallbackList(test ? { onBatchEnd: (b) => score(b) } : undefined),
      control: { stopTraining: false },
      diverged: (what) => new ModelError(`train: ${what}; lower learningRate or weightInitStd`),
    });
  });
  result.trainLossList = Array.from(losses);
  return result;
}

/**
 * One forward and backward pass of the training loss on all of (x, t) as one batch; `read` then takes
 * what it needs from the layers' gradient buffers (before the inputs are freed).
 */
export function backpropOn<R>(model: Sequential, x: Inputs, t: Labels, read: (f32: Float32Array) => R): R {
  const engine = model.built(), loss = model.loss!, layers = model.layers, last = layers[layers.length - 1];
  const units = model.outputUnits, activation = last.activation.name;
  return withScope(engine, (s) => {
    const xs = inputsFor(s, "gradient: x", x, model.inputUnits), rows = xs.rows;
    const ys = targetsFor(s, "gradient: t", t, rows, units, loss.name);
    reserve(model, rows);
    forChunks(engine, xs, rows, (xb) => {
      loss.gradient(engine, forward(model, xb, rows, true), ys, last.outputGrad, rows, units, activation);
      backward(model, xb, rows, loss.fusesWith(activation));
    });
    return read(engine.heap.f32);
  });
}

/** The gradients of the training loss (penalty included) on all of (x, t), named as the book's params. */
export function networkGradient(model: Sequential, x: Inputs, t: Labels): Record<string, Float32Array> {
  return backpropOn(model, x, t, (f32) => {
    const grads: Record<string, Float32Array> = {};
    let idx = 0;
    for (const layer of model.layers) {
      const names = layer.className === "Dense" ? (idx++, ["W", "b"]) : layer.className === "BatchNormalization" ? ["gamma", "beta"] : [];
      layer.params().forEach((p, j) => (grads[`${names[j]}${idx}`] = f32.slice(p.grad >>> 2, (p.grad >>> 2) + p.size)));
    }
    return grads;
  });
}
