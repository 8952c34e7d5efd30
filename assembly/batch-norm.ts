// BatchNormalization (Ioffe & Szegedy 2015; the book's ch. 6.3) per column j of x [rows, cols], as
// TF.js 4.22's layer computes it on its CPU backend, so that its bits are TF.js's:
//   training:  μ = mean(x), σ² = mean((x − μ)²) (biased, as TF.js' moments and Keras),
//              y = β + (x − μ)·γ / √(σ² + ε),  moving ← moving − (moving − batch)·(1 − momentum)
//   inference: the same y from the moving μ and σ²
//   backward:  x̂ = (x − μ)/√(σ² + ε),  dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/√(σ² + ε)·(dy − dβ/n − x̂·dγ/n)
// TF.js' mean divides each value by n in f32, sums in f64 and rounds once; its batchNorm kernel
// evaluates y in f64 and rounds once: so do these. Columns outer: one f64 chain per column, no scratch.
import { at, at2 } from "./f32";

/** μ[j] and σ²[j] of x's columns, each in TF.js' order (x/n in f32, summed in f64, rounded). */
function moments(x: usize, mean: usize, variance: usize, rows: i32, cols: i32): void {
  const n = <f32>rows;
  for (let j = 0; j < cols; j++) {
    let s: f64 = 0;
    for (let i = 0; i < rows; i++) s += <f64>(load<f32>(at2(x, i, j, cols)) / n);
    const m = <f32>s;
    s = 0;
    for (let i = 0; i < rows; i++) {
      const d = load<f32>(at2(x, i, j, cols)) - m;
      s += <f64>((d * d) / n);
    }
    store<f32>(at(mean, j), m);
    store<f32>(at(variance, j), <f32>s);
  }
}

/** out = β + (x − μ)·γ / √(σ² + ε) per column, in f64, rounded once (TF.js' batchNorm kernel). */
function normalize(x: usize, gamma: usize, beta: usize, mean: usize, variance: usize, out: usize,
  rows: i32, cols: i32, epsilon: f64): void {
  for (let j = 0; j < cols; j++) {
    const m = <f64>load<f32>(at(mean, j)), g = <f64>load<f32>(at(gamma, j)), b = <f64>load<f32>(at(beta, j));
    const root = Math.sqrt(<f64>load<f32>(at(variance, j)) + epsilon);
    for (let i = 0; i < rows; i++) {
      const p = at2(x, i, j, cols);
      store<f32>(at2(out, i, j, cols), <f32>(b + ((<f64>load<f32>(p) - m) * g) / root));
    }
  }
}

/** moving[j] −= (moving[j] − batch[j])·decay in f32, as TF.js' doMovingAverage. */
function follow(batch: usize, moving: usize, cols: i32, decay: f32): void {
  for (let j = 0; j < cols; j++) {
    const v = load<f32>(at(moving, j));
    store<f32>(at(moving, j), v - (v - load<f32>(at(batch, j))) * decay);
  }
}

/**
 * Training: the batch's μ and σ² into mean/variance (kept for the backward pass), out from them,
 * then the moving statistics follow with decay f32(1 − momentum). `out` may be `x`.
 */
export function batchNormTrain(x: usize, gamma: usize, beta: usize, mean: usize, variance: usize, movingMean: usize, movingVariance: usize,
  out: usize, rows: i32, cols: i32, epsilon: f64, momentum: f64): void {
  moments(x, mean, variance, rows, cols);
  normalize(x, gamma, beta, mean, variance, out, rows, cols, epsilon);
  const decay = <f32>(1 - momentum);
  follow(mean, movingMean, cols, decay);
  follow(variance, movingVariance, cols, decay);
}

/** Inference: out from the moving statistics. `out` may be `x`. */
export function batchNormInference(x: usize, gamma: usize, beta: usize, movingMean: usize, movingVariance: usize,
  out: usize, rows: i32, cols: i32, epsilon: f64): void {
  normalize(x, gamma, beta, movingMean, movingVariance, out, rows, cols, epsilon);
}

/**
 * dγ, dβ and (when dx ≠ 0) dx from dy, for the x and batch μ, σ² of the last training forward;
 * sums in f64 per column. `dx` may be `dy`.
 */
export function batchNormBackward(x: usize, gamma: usize, mean: usize, variance: usize, dy: usize, dx: usize, dgamma: usize, dbeta: usize,
  rows: i32, cols: i32, epsilon: f64): void {
  const n = <f64>rows;
  for (let j = 0; j < cols; j++) {
    const m = <f64>load<f32>(at(mean, j)), inv = 1 / Math.sqrt(<f64>load<f32>(at(variance, j)) + epsilon);
    let sdy: f64 = 0, sdyx: f64 = 0;
    for (let i = 0; i < rows; i++) {
      const d = <f64>load<f32>(at2(dy, i, j, cols));
      sdy += d;
      sdyx += d * (<f64>load<f32>(at2(x, i, j, cols)) - m) * inv;
    }
    store<f32>(at(dbeta, j), <f32>sdy);
    store<f32>(at(dgamma, j), <f32>sdyx);
    if (!dx) continue;
    const scale = <f64>load<f32>(at(gamma, j)) * inv, meanDy = sdy / n, meanDyx = sdyx / n;
    for (let i = 0; i < rows; i++) {
      const hat = (<f64>load<f32>(at2(x, i, j, cols)) - m) * inv, p = at2(dx, i, j, cols);
      store<f32>(p, <f32>(scale * (<f64>load<f32>(at2(dy, i, j, cols)) - meanDy - hat * meanDyx)));
    }
  }
}
