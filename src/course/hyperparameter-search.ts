// Lesson 14 (Saito 6.5, ch06/hyperparameter_optimization.py): random search over the learning rate
// and weight decay with a validation set. As the book: the training rows are shuffled once and the
// first validationRate of them (int(n · rate), 100 of 500) held out; each trial draws
// weight decay = 10^U(−8, −4), then lr = 10^U(−6, −2), and trains a fresh MultiLayerNet
// (784-100×6-10 ReLU, He init) with SGD, batches of 100 with replacement, scored on the training
// and validation rows once an epoch (common/trainer.py). The draws come from the seeded Rng (no
// Math.random) and 10^u from the WASM pow (Draw.powerOfTen), so a seed repeats the search.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { DEFAULT_SEED } from "../core/random.js";
import { withDraw } from "../data/draw.js";
import type { Matrix2D } from "../data/inputs.js";
import { takeLabels, takeRows, type LabelledSet } from "../data/split.js";
import { MultiLayerNet } from "./multi-layer-net.js";

export interface RandomSearchArgs {
  /** Trials (default 100, the book's optimization_trial). */
  trials?: number;
  /** Epochs per trial (default 50). */
  epochs?: number;
  /** Fraction of the rows held out for validation (default 0.2). */
  validationRate?: number;
  /** log10 range of the learning rate (default [−6, −2]). */
  lrExponent?: [number, number];
  /** log10 range of the weight decay λ (default [−8, −4]). */
  weightDecayExponent?: [number, number];
  /** Default [100, 100, 100, 100, 100, 100]. */
  hiddenSizeList?: number[];
  /** Classes (default 10, MNIST's digits). */
  outputSize?: number;
  /** Default 100. */
  batchSize?: number;
  /** Seed of the split and the draws; trial i's net and batches use seed + 1 + i (default 42). */
  seed?: number;
  /** Called after each trial (e.g. to print the book's "val acc: … | lr: …, weight decay: …" line). */
  onTrial?: (trial: Trial, index: number) => void;
}

/** One trial: its setting and the accuracy on the training and validation rows after each epoch's first step. */
export interface Trial {
  lr: number;
  weightDecay: number;
  valAccList: number[];
  trainAccList: number[];
  /** Wall-clock time of the trial. */
  seconds: number;
}

export interface RandomSearchResult {
  /** In the order run. */
  trials: Trial[];
  /** The rows trained on and the rows held out (after the shuffle). */
  train: LabelledSet;
  val: LabelledSet;
}

function exponentRange(name: string, r: [number, number]): [number, number] {
  if (!(Array.isArray(r) && r.length === 2 && Number.isFinite(r[0]) && Number.isFinite(r[1]) && r[0] < r[1])) {
    throw new ModelError(`randomSearch: ${name} must be [low, high] exponents of ten with low < high, such as [-6, -2]; got ${String(r)}`);
  }
  return r;
}

/** The book's random search on (x, t): see the file's comment. */
export function randomSearch(
  x: Matrix2D, t: ArrayLike<number>, args: RandomSearchArgs = {}, engine: Engine = defaultEngine(),
): RandomSearchResult {
  const { trials = 100, epochs = 50, validationRate = 0.2, batchSize = 100, outputSize = 10, seed = DEFAULT_SEED } = args;
  const hiddenSizeList = args.hiddenSizeList ?? [100, 100, 100, 100, 100, 100];
  const lrExp = exponentRange("lrExponent", args.lrExponent ?? [-6, -2]);
  const wdExp = exponentRange("weightDecayExponent", args.weightDecayExponent ?? [-8, -4]);
  for (const [name, v] of [["trials", trials], ["epochs", epochs], ["batchSize", batchSize]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new ModelError(`randomSearch: ${name} must be a positive integer, got ${String(v)}`);
  }
  const n = x.shape[0], nVal = Math.floor(n * validationRate);
  if (t.length !== n) throw new ModelError(`randomSearch: x has ${n} rows but t has ${t.length} labels; give one label per row`);
  if (!(validationRate > 0 && validationRate < 1) || nVal < 1 || nVal >= n) {
    throw new ModelError(`randomSearch: validationRate ${validationRate} of ${n} rows leaves ${nVal} for validation and ` +
      `${n - nVal} to train; give a fraction in (0, 1) that leaves rows on both sides`);
  }
  // One Draw: the shuffle, then (weight decay, lr) per trial in the book's order.
  const { order, settings } = withDraw(seed, (d) => {
    const order = d.permutation(n), settings = new Float32Array(trials * 2);
    for (let i = 0; i < trials; i++) settings.set([d.powerOfTen(1, wdExp[0], wdExp[1])[0], d.powerOfTen(1, lrExp[0], lrExp[1])[0]], i * 2);
    return { order, settings };
  }, engine);
  const val = { x: takeRows(x, order.subarray(0, nVal)), y: takeLabels(t, order.subarray(0, nVal)) };
  const train = { x: takeRows(x, order.subarray(nVal)), y: takeLabels(t, order.subarray(nVal)) };
  // The book's iter_per_epoch = max(rows / batchSize, 1) (4 for 400 rows): scored after the steps it divides.
  const iterPerEpoch = Math.max((n - nVal) / batchSize, 1);
  const done: Trial[] = [];
  for (let i = 0; i < trials; i++) {
    const started = performance.now();
    const weightDecay = settings[i * 2], lr = settings[i * 2 + 1];
    const net = new MultiLayerNet({
      inputSize: x.shape[1], hiddenSizeList, outputSize, weightDecayLambda: weightDecay, learningRate: lr, seed: seed + 1 + i,
    }, engine);
    try {
      // Scores after steps 0, k, 2k, …: (epochs − 1)·k + 1 steps give `epochs` scores, the book's lists (its
      // last k − 1 steps of 200 are never scored).
      const iterations = Math.floor((epochs - 1) * iterPerEpoch) + 1;
      const r = net.train(train.x, train.y, { iterations, batchSize, xTest: val.x, tTest: val.y, seed: seed + 1 + i });
      const seconds = (performance.now() - started) / 1000;
      done.push({ lr, weightDecay, valAccList: r.testAccList, trainAccList: r.trainAccList, seconds });
    } finally {
      net.dispose();
    }
    args.onTrial?.(done[i], i);
  }
  return { trials: done, train, val };
}

/** The `k` trials with the highest final validation accuracy, best first (ties keep the order run, as Python's sorted). */
export function bestTrials(trials: Trial[], k: number): Trial[] {
  const last = (tr: Trial) => tr.valAccList[tr.valAccList.length - 1];
  return trials.map((tr, i) => ({ tr, i })).sort((a, b) => last(b.tr) - last(a.tr) || a.i - b.i).slice(0, k).map((e) => e.tr);
}
