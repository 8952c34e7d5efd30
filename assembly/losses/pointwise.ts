// The losses that are a sum of one term per element ℓ(a, y), as tfjs-layers 4.22 (losses.ts, and
// tf.losses.huberLoss for huber) defines them, ε = 1e-7 (TF.js' epsilon()):
//   kind 0 meanAbsoluteError            |a − y|                          ℓ' = a − y > 0 ? 1 : −1 (tf.abs' gradient at 0 is −1)
//   kind 1 meanAbsolutePercentageError  100·|y − a| / max(|y|, ε)        ℓ' = −100·s / max(|y|, ε),
//                                                                         s the sign as above of (y − a)
//   kind 2 meanSquaredLogarithmicError  (ln(1 + â) − ln(1 + ŷ))², â = max(a, ε)   ℓ' = 2(…)/(1 + â) where a ≥ ε, else 0
//   kind 3 huber (δ = 1)                ½e² if |e| ≤ 1 else |e| − ½, e = a − y    ℓ' = clamp(e, −1, 1)
//   kind 4 hinge                        max(0, 1 − y·a)                  ℓ' = −y where 1 − y·a > 0
//   kind 5 squaredHinge                 max(0, 1 − y·a)²                 ℓ' = −2y·max(0, 1 − y·a)
//   kind 6 logcosh                      e + softplus(−2e) − ln 2         ℓ' = tanh(e)
//   kind 7 poisson                      a − y·ln(a + ε)                  ℓ' = 1 − y/(a + ε)
//   kind 8 kullbackLeiblerDivergence    y·ln(clip(y)/clip(a)), clip to [ε, 1]     ℓ' = −y/a where ε ≤ a ≤ 1, else 0
// The host divides: by the element count for the means (TF.js: mean over the last axis, then
// over the batch), by the rows for KL divergence (a sum over the last axis). Each element's ℓ is
// summed in f64, in order; ℓ' is written in f32 times `scale` when `da` ≠ 0.
import { at } from "../f32";
import { logf } from "../math/log";
import { tanhf } from "../math/tanh";
import { softplusf } from "../activations/softplus";

const EPS: f32 = 1e-7;

// @ts-ignore: decorator
@inline function sign(d: f32): f32 { return d > 0 ? 1 : -1; }

/** Σ ℓ(a[i], y[i]) over n elements for loss `kind` (above); da[i] = scale·ℓ'(a[i], y[i]) unless da is 0. */
export function pointLoss(a: usize, y: usize, da: usize, n: i32, kind: i32, scale: f32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const ai = load<f32>(at(a, i)), yi = load<f32>(at(y, i)), e = ai - yi;
    let l: f32 = 0, g: f32 = 0;
    if (kind == 0) { l = Mathf.abs(e); g = sign(e); }
    else if (kind == 1) {
      const c = Mathf.max(Mathf.abs(yi), EPS), d = yi - ai;
      l = 100 * Mathf.abs(d / c); g = -100 * sign(d / c) / c;
    } else if (kind == 2) {
      const p = Mathf.max(ai, EPS), q = logf(1 + p) - logf(1 + Mathf.max(yi, EPS));
      l = q * q; g = ai >= EPS ? 2 * q / (1 + p) : 0;
    } else if (kind == 3) {
      const q = Mathf.min(Mathf.abs(e), 1);
      l = 0.5 * q * q + (Mathf.abs(e) - q); g = Mathf.max(Mathf.min(e, 1), -1);
    } else if (kind == 4 || kind == 5) {
      const m: f32 = <f32>1 - yi * ai, h = Mathf.max(m, 0);
      l = kind == 4 ? h : h * h; g = m > 0 ? (kind == 4 ? -yi : -2 * yi * h) : 0;
    } else if (kind == 6) { l = e + softplusf(-2 * e) - 0.6931471805599453; g = tanhf(e); }
    else if (kind == 7) { l = ai - yi * logf(ai + EPS); g = 1 - yi / (ai + EPS); }
    else {
      const p = Mathf.min(Mathf.max(ai, EPS), 1);
      l = yi * logf(Mathf.min(Mathf.max(yi, EPS), 1) / p); g = ai >= EPS && ai <= 1 ? -yi / p : 0;
    }
    s += <f64>l;
    if (da != 0) store<f32>(at(da, i), scale * g);
  }
  return s;
}

/**
 * Categorical hinge (tfjs-layers): per row max(0, 1 + max_c (1 − y_c)·a_c − Σ_c y_c·a_c), summed
 * over the rows (the host divides by them). Where the row's term is positive, dL/da_c =
 * scale·(−y_c + (1 − y_c)·[c attains the max]) — every tied maximum gets it, as tf.max's gradient does.
 */
export function categoricalHinge(a: usize, y: usize, da: usize, rows: i32, cols: i32, scale: f32): f64 {
  let s: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    let pos: f32 = 0, neg: f32 = -Infinity;
    for (let c = 0; c < cols; c++) {
      const ac = load<f32>(at(a, row + c)), yc = load<f32>(at(y, row + c));
      pos += yc * ac;
      neg = Mathf.max(neg, (1 - yc) * ac);
    }
    const m: f32 = <f32>1 + (neg - pos);
    s += <f64>Mathf.max(m, 0);
    if (da == 0) continue;
    for (let c = 0; c < cols; c++) {
      const ac = load<f32>(at(a, row + c)), yc = load<f32>(at(y, row + c));
      store<f32>(at(da, row + c), m > 0 ? scale * (-yc + ((1 - yc) * ac == neg ? 1 - yc : 0)) : 0);
    }
  }
  return s;
}
