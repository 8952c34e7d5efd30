// Stratified splits (scikit-learn's train_test_split(stratify=y)), standardisation with the
// TRAINING set's statistics (StandardScaler fitted on train only), and one-hot targets.
// Every shuffle draws from the seeded Rng: a seed fixes the split on every engine.
import { DataError } from "../core/errors.js";
import { DEFAULT_SEED } from "../core/random.js";
import { withDraw } from "./draw.js";
import { tensor2d, type Matrix2D } from "./inputs.js";
import { inputScale, scaled } from "./scale.js";

/** Row indices of the two parts of a split. */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** A labelled set: rows of `x` and one integer label per row. */
export interface LabelledSet {
  x: Matrix2D;
  y: Int32Array;
}

/**
 * Indices of a stratified split: each class keeps its share in both parts. `testSize` is a
 * fraction in (0, 1) (the test part gets ceil(fraction · n) rows, as scikit-learn) or a count.
 */
export function stratifiedSplit(labels: ArrayLike<number>, testSize: number, seed = DEFAULT_SEED): SplitIndices {
  const n = labels.length;
  const total = testSize > 0 && testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(total) || total < 1 || total >= n) {
    throw new DataError(`stratifiedSplit: testSize ${testSize} of ${n} rows leaves an empty part; give a fraction in (0, 1) or a count in 1..${n - 1}`);
  }
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const t = labels[i];
    if (!Number.isInteger(t)) throw new DataError(`stratifiedSplit: label ${i} is ${t}, not an integer class`);
    (byClass.get(t) ?? byClass.set(t, []).get(t)!).push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  // Largest remainder: each class gets floor(share), the classes with the largest remainders one more.
  const exact = classes.map((c) => (byClass.get(c)!.length * total) / n);
  const counts = exact.map(Math.floor);
  const order = classes.map((_, i) => i).sort((a, b) => exact[b] - counts[b] - (exact[a] - counts[a]) || a - b);
  for (let i = 0, left = total - counts.reduce((s, v) => s + v, 0); i < left; i++) counts[order[i]]++;
  return withDraw(seed, (draw) => {
    const train: number[] = [], test: number[] = [];
    classes.forEach((c, i) => {
      const members = draw.shuffled(byClass.get(c)!);
      test.push(...members.slice(0, counts[i]));
      train.push(...members.slice(counts[i]));
    });
    return { train: Int32Array.from(draw.shuffled(train)), test: Int32Array.from(draw.shuffled(test)) };
  });
}

/** The rows `idx` of `x`, in that order (same element type and scale). */
export function takeRows(x: Matrix2D, idx: ArrayLike<number>): Matrix2D {
  const [, cols] = x.shape;
  const src = x.data as ArrayLike<number>;
  const Ctor = x.data instanceof Uint8Array || x.data instanceof Uint8ClampedArray ? Uint8Array : x.data instanceof Float64Array ? Float64Array : Float32Array;
  const out = new Ctor(idx.length * cols);
  for (let r = 0; r < idx.length; r++) {
    if (!(Number.isInteger(idx[r]) && idx[r] >= 0 && idx[r] < x.shape[0])) throw rowOutOfRange("takeRows", r, idx[r], x.shape[0]);
    const from = idx[r] * cols;
    for (let c = 0; c < cols; c++) out[r * cols + c] = src[from + c];
  }
  return tensor2d(out, [idx.length, cols], x.scale);
}

/** Labels `idx` of `y`, in that order. */
export const takeLabels = (y: ArrayLike<number>, idx: ArrayLike<number>): Int32Array =>
  Int32Array.from(idx, (i, r) => {
    if (!(Number.isInteger(i) && i >= 0 && i < y.length)) throw rowOutOfRange("takeLabels", r, i, y.length);
    return y[i];
  });

/** An index that would read past the data (a NaN row, or label 0, without this check). */
const rowOutOfRange = (what: string, r: number, i: number, rows: number) =>
  new DataError(`${what}: index ${r} is ${i}, not a row in 0..${rows - 1}`);

/**
 * The course's two splits (seed 001): test = testSize of all rows, then validation = valSize of
 * the rest, both stratified. Breast cancer: 569 → 364 train, 91 validation, 114 test.
 */
export function trainValTestSplit(x: Matrix2D, y: ArrayLike<number>, { testSize = 0.2, valSize = 0.2, seed = DEFAULT_SEED } = {}): { train: LabelledSet; val: LabelledSet; test: LabelledSet } {
  if (x.shape[0] !== y.length) throw new DataError(`trainValTestSplit: x has ${x.shape[0]} rows but y has ${y.length} labels`);
  const first = stratifiedSplit(y, testSize, seed);
  const rest = takeLabels(y, first.train);
  const second = stratifiedSplit(rest, valSize, seed + 1);
  const trainIdx = Int32Array.from(second.train, (i) => first.train[i]);
  const valIdx = Int32Array.from(second.test, (i) => first.train[i]);
  const set = (idx: Int32Array): LabelledSet => ({ x: takeRows(x, idx), y: takeLabels(y, idx) });
  return { train: set(trainIdx), val: set(valIdx), test: set(first.test) };
}

/** value(i) of `x`, scaled as fit() scales it (scale.ts; bytes without a scale by 1/255), unscaled values as given. */
function valuesOf(x: Matrix2D): (i: number) => number {
  const s = inputScale(x), d = x.data;
  return s === undefined ? (i) => d[i] : (i) => scaled(d[i], s);
}

/** Per-column mean and (population, as StandardScaler) standard deviation of `x`. */
export function columnStats(x: Matrix2D): { mean: Float64Array; std: Float64Array } {
  const [rows, cols] = x.shape;
  if (rows === 0) throw new DataError("columnStats: the set is empty; there are no rows to take statistics of");
  const mean = new Float64Array(cols), std = new Float64Array(cols), value = valuesOf(x);
  for (let i = 0; i < rows * cols; i++) {
    const v = value(i);
    if (!Number.isFinite(v)) throw new DataError(`columnStats: row ${Math.floor(i / cols)}, column ${i % cols} is ${x.data[i]}; every value must be finite (one NaN would turn its whole column into NaN)`);
    mean[i % cols] += v;
  }
  for (let c = 0; c < cols; c++) mean[c] /= rows;
  for (let i = 0; i < rows * cols; i++) {
    const v = value(i) - mean[i % cols];
    std[i % cols] += v * v;
  }
  for (let c = 0; c < cols; c++) std[c] = Math.sqrt(std[c] / rows) || 1; // a constant column stays 0, not NaN
  return { mean, std };
}

/**
 * (x − mean) / std with the statistics of `train` only, applied to `train` and every other set:
 * statistics from validation or test rows would leak them into training.
 */
export function standardize(train: Matrix2D, ...others: Matrix2D[]): { sets: (Matrix2D & { data: Float32Array })[]; mean: Float64Array; std: Float64Array } {
  const { mean, std } = columnStats(train);
  const apply = (x: Matrix2D) => {
    const [rows, cols] = x.shape;
    if (cols !== mean.length) throw new DataError(`standardize: a set has ${cols} columns, the training set ${mean.length}`);
    const out = new Float32Array(rows * cols), value = valuesOf(x);
    for (let i = 0; i < rows * cols; i++) out[i] = (value(i) - mean[i % cols]) / std[i % cols];
    return tensor2d(out, [rows, cols]) as Matrix2D & { data: Float32Array };
  };
  return { sets: [train, ...others].map(apply), mean, std };
}

/** Rows of `classes` columns with a 1 at each label (Keras' to_categorical). */
export function oneHot(labels: ArrayLike<number>, classes: number): Matrix2D & { data: Float32Array } {
  const out = new Float32Array(labels.length * classes);
  for (let r = 0; r < labels.length; r++) {
    const t = labels[r];
    if (!Number.isInteger(t) || t < 0 || t >= classes) throw new DataError(`oneHot: label ${r} is ${t}, not a class in 0..${classes - 1}`);
    out[r * classes + t] = 1;
  }
  return tensor2d(out, [labels.length, classes]) as Matrix2D & { data: Float32Array };
}
