// Categorical cross-entropy (seed 003, cross_entropy_error) of probability rows (a softmax),
// averaged over the m rows; outputs that are not a softmax use scaled-ce.ts (Keras' form):
//   L = −Σ_r log a[r, t_r] / m      (one-hot y: −Σ y log a / m), a clipped to [ε, 1 − ε]
// With a softmax output:  dL/dz = (a − y) / m     ("dy = (y_hat - t) / batch_num", fused)
// Sparse variants take integer labels t (i32) instead of one-hot rows.
import { at, at2 } from "../f32";
import { logf } from "../math/log";

const EPS: f32 = 1e-7;

// @ts-ignore: decorator
@inline function logClipped(a: f32): f64 {
  return <f64>logf(Mathf.min(Mathf.max(a, EPS), 1 - EPS));
}

/** Mean over rows of −Σ_c y[r, c] log a[r, c]. */
export function categoricalCrossEntropy(a: usize, y: usize, rows: i32, cols: i32): f64 {
  let s: f64 = 0;
  for (let i = 0, n = rows * cols; i < n; i++) {
    const yi = load<f32>(at(y, i));
    if (yi != 0) s -= <f64>yi * logClipped(load<f32>(at(a, i)));
  }
  return rows > 0 ? s / rows : 0;
}

/** Mean over rows of −log a[r, labels[r]]. */
export function sparseCategoricalCrossEntropy(a: usize, labels: usize, rows: i32, cols: i32): f64 {
  let s: f64 = 0;
  for (let r = 0; r < rows; r++) s -= logClipped(load<f32>(at2(a, r, load<i32>(at(labels, r)), cols)));
  return rows > 0 ? s / rows : 0;
}

/** Fused softmax + cross-entropy, one-hot y: dz = (a − y) / m. Returns the loss. */
export function softmaxCrossEntropyBackward(a: usize, y: usize, dz: usize, rows: i32, cols: i32): f64 {
  const loss = categoricalCrossEntropy(a, y, rows, cols);
  const inv: f32 = 1 / <f32>rows;
  for (let i = 0, n = rows * cols; i < n; i++) store<f32>(at(dz, i), (load<f32>(at(a, i)) - load<f32>(at(y, i))) * inv);
  return loss;
}

/** Fused softmax + sparse cross-entropy: dz = (a − onehot(labels)) / m. Returns the loss. */
export function softmaxSparseCrossEntropyBackward(a: usize, labels: usize, dz: usize, rows: i32, cols: i32): f64 {
  const inv: f32 = 1 / <f32>rows;
  let s: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const t = load<i32>(at(labels, r));
    for (let c = 0; c < cols; c++) {
      const ai = load<f32>(at2(a, r, c, cols));
      store<f32>(at2(dz, r, c, cols), (c == t ? ai - 1 : ai) * inv);
    }
    s -= logClipped(load<f32>(at2(a, r, t, cols)));
  }
  return rows > 0 ? s / rows : 0;
}

/** Sparse labels to one-hot rows: y[r, labels[r]] = 1, all else 0. */
export function oneHot(labels: usize, y: usize, rows: i32, cols: i32): void {
  memory.fill(y, 0, (<usize>rows * <usize>cols) << 2);
  for (let r = 0; r < rows; r++) store<f32>(at2(y, r, load<i32>(at(labels, r)), cols), 1);
}
