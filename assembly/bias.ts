// Bias (seed 003):  y = np.dot(X, W) + b   and its gradient  db = np.sum(dy, axis=0).
import { at, at2 } from "./f32";

/** out[r, c] = x[r, c] + b[c]; `out` may be `x`. */
export function addRowVector(x: usize, b: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) store<f32>(at2(out, r, c, cols), load<f32>(at2(x, r, c, cols)) + load<f32>(at(b, c)));
  }
}

/** out[c] (=|+=) Σ_r x[r, c], summed over rows in order. */
export function sumColumns(x: usize, out: usize, rows: i32, cols: i32, accumulate: bool): void {
  for (let c = 0; c < cols; c++) {
    let s: f32 = accumulate ? load<f32>(at(out, c)) : 0;
    for (let r = 0; r < rows; r++) s += load<f32>(at2(x, r, c, cols));
    store<f32>(at(out, c), s);
  }
}
