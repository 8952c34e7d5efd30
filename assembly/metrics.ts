// Accuracy without copying predictions out (seed 003: np.argmax(y_hat, axis=1) == t).
import { at, at2 } from "./f32";

// @ts-ignore: decorator
@inline function argmaxRow(x: usize, r: i32, cols: i32): i32 {
  let best = 0;
  let max = load<f32>(at2(x, r, 0, cols));
  for (let c = 1; c < cols; c++) {
    const v = load<f32>(at2(x, r, c, cols));
    if (v > max) { max = v; best = c; }
  }
  return best;
}

/** out[r] = index of the largest x[r, c] (the first one on ties). */
export function argmaxRows(x: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) store<i32>(at(out, r), argmaxRow(x, r, cols));
}

/** Rows whose argmax equals the integer label. */
export function countCorrectSparse(a: usize, labels: usize, rows: i32, cols: i32): i32 {
  let n = 0;
  for (let r = 0; r < rows; r++) if (argmaxRow(a, r, cols) == load<i32>(at(labels, r))) n++;
  return n;
}

/** Rows whose argmax equals the argmax of the one-hot target. */
export function countCorrectOneHot(a: usize, y: usize, rows: i32, cols: i32): i32 {
  let n = 0;
  for (let r = 0; r < rows; r++) if (argmaxRow(a, r, cols) == argmaxRow(y, r, cols)) n++;
  return n;
}

/** Elements where (a > 0.5) equals (y > 0.5): binary accuracy, counted per output. */
export function countCorrectBinary(a: usize, y: usize, n: i32): i32 {
  let k = 0;
  for (let i = 0; i < n; i++) if ((load<f32>(at(a, i)) > 0.5) == (load<f32>(at(y, i)) > 0.5)) k++;
  return k;
}

/**
 * Precision's and recall's counts over n outputs, each thresholded at 0.5 (Keras' Precision and
 * Recall): which 0, true positives (a > 0.5 and y > 0.5); 1, predicted positives (a > 0.5);
 * 2, actual positives (y > 0.5).
 */
export function countPositives(a: usize, y: usize, n: i32, which: i32): i32 {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const p = load<f32>(at(a, i)) > 0.5, t = load<f32>(at(y, i)) > 0.5;
    if (which == 0 ? p && t : which == 1 ? p : t) k++;
  }
  return k;
}

/**
 * Adds each row's (label, prediction) pair to counts[label·classes + prediction] (i32): the label
 * is labels[r] (sparse) or the argmax of y's row, the prediction the argmax of a's row; with one
 * output column, both are thresholded at 0.5 into classes 0 and 1 (counts is then 2×2).
 */
export function confusionCounts(a: usize, y: usize, sparse: bool, rows: i32, cols: i32, counts: usize): void {
  const classes = cols == 1 ? 2 : cols;
  for (let r = 0; r < rows; r++) {
    const t = cols == 1 ? <i32>(load<f32>(at(y, r)) > 0.5) : sparse ? load<i32>(at(y, r)) : argmaxRow(y, r, cols);
    const p = cols == 1 ? <i32>(load<f32>(at(a, r)) > 0.5) : argmaxRow(a, r, cols);
    const cell = at(counts, t * classes + p);
    store<i32>(cell, load<i32>(cell) + 1);
  }
}
