// Bias (seed 003):  y = np.dot(X, W) + b   and its gradient  db = np.sum(dy, axis=0).
// Both run four columns at a time; each element still sees the same scalar operations in the
// same order (one add; a sum over rows 0..rows-1), so the bits match the scalar definition.
import { at, at2 } from "./f32";

/** out[r, c] = x[r, c] + b[c]; `out` may be `x`. */
export function addRowVector(x: usize, b: usize, out: usize, rows: i32, cols: i32): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < c4; c += 4) v128.store(at2(out, r, c, cols), f32x4.add(v128.load(at2(x, r, c, cols)), v128.load(at(b, c))));
    for (let c = c4; c < cols; c++) store<f32>(at2(out, r, c, cols), load<f32>(at2(x, r, c, cols)) + load<f32>(at(b, c)));
  }
}

/** out[c] (=|+=) Σ_r x[r, c], summed over rows in order. */
export function sumColumns(x: usize, out: usize, rows: i32, cols: i32, accumulate: bool): void {
  const c4 = cols & ~3;
  for (let c = 0; c < c4; c += 4) {
    let s = accumulate ? v128.load(at(out, c)) : f32x4.splat(0);
    for (let r = 0; r < rows; r++) s = f32x4.add(s, v128.load(at2(x, r, c, cols)));
    v128.store(at(out, c), s);
  }
  for (let c = c4; c < cols; c++) {
    let s: f32 = accumulate ? load<f32>(at(out, c)) : 0;
    for (let r = 0; r < rows; r++) s += load<f32>(at2(x, r, c, cols));
    store<f32>(at(out, c), s);
  }
}
