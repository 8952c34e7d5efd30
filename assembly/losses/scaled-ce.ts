// Categorical cross-entropy of an output that is not a softmax (linear, relu, sigmoid...), as
// Keras and TF.js compute it (tfjs-layers losses.ts categoricalCrossentropy): each row divided
// by its sum S, clipped to [ε, 1 − ε], then −Σ y log, averaged over the m rows. Clipping the raw
// outputs instead gives a linear [4, 4] row a loss of 1.2e-7 where Keras and TF.js give ln 2.
// TF.js' sparseCategoricalCrossentropy clips a first, then does the same (`clipFirst`); targets
// come as rows or as integer labels (the loss of their one-hot rows) either way.
// With da ≠ 0 they also write dL/da of exactly that loss. An element the clip moved passes no
// gradient (tf.clipByValue's gradient is dy where min ≤ x ≤ max, else 0); through p = a/S:
//   dL/da_j = (g_j − Σ_c g_c p_c) / S / m = (g_j + Σ_{c not clipped} y_c) / S / m,
//   g_c = −y_c / p_c where p_c is not clipped, else 0.
// (A softmax output keeps the fused kernels: its rows sum to 1, where this is the same loss.)
import { at, at2 } from "../f32";
import { logf } from "../math/log";

const EPS: f32 = 1e-7;
const TOP: f32 = 1 - EPS;

// @ts-ignore: decorator
@inline function inside(p: f32): bool {
  return p >= EPS && p <= TOP;
}

// @ts-ignore: decorator
@inline function clip(p: f32): f32 {
  return Mathf.min(Mathf.max(p, EPS), TOP);
}

/** Element (r, c) of a as the loss sees it: clipped first in TF.js' sparse form. */
// @ts-ignore: decorator
@inline function input(a: usize, r: i32, c: i32, cols: i32, clipFirst: bool): f32 {
  const v = load<f32>(at2(a, r, c, cols));
  return clipFirst ? clip(v) : v;
}

/** Target (r, c): y's row (one-hot or soft), or 1 at the row's label `t`. */
// @ts-ignore: decorator
@inline function target(y: usize, r: i32, c: i32, cols: i32, t: i32, labels: bool): f64 {
  return labels ? <f64>(c == t) : <f64>load<f32>(at2(y, r, c, cols));
}

function scaled(a: usize, y: usize, da: usize, rows: i32, cols: i32, labels: bool, clipFirst: bool): f64 {
  let loss: f64 = 0;
  const inv: f64 = 1 / <f64>rows;
  for (let r = 0; r < rows; r++) {
    const t = labels ? load<i32>(at(y, r)) : -1;
    let sum: f64 = 0;
    for (let c = 0; c < cols; c++) sum += <f64>input(a, r, c, cols, clipFirst);
    let kept: f64 = 0; // Σ y over the elements the clip left alone
    for (let c = 0; c < cols; c++) {
      const p = <f32>(<f64>input(a, r, c, cols, clipFirst) / sum), yc = target(y, r, c, cols, t, labels);
      if (yc != 0) loss -= yc * <f64>logf(clip(p));
      if (inside(p)) kept += yc;
    }
    if (da == 0) continue;
    for (let c = 0; c < cols; c++) {
      const v = load<f32>(at2(a, r, c, cols)), p = <f32>(<f64>input(a, r, c, cols, clipFirst) / sum), yc = target(y, r, c, cols, t, labels);
      const g = (inside(p) && yc != 0 ? -yc / <f64>p : 0) + kept;
      store<f32>(at2(da, r, c, cols), clipFirst && !inside(v) ? 0 : <f32>(g / sum * inv));
    }
  }
  return rows > 0 ? loss / <f64>rows : 0;
}

/** Mean over rows of −Σ y log clip(a / Σa) (one-hot or soft y; a clipped first if clipFirst); writes dL/da when da ≠ 0. */
export function categoricalCrossEntropyScaled(a: usize, y: usize, da: usize, rows: i32, cols: i32, clipFirst: bool): f64 {
  return scaled(a, y, da, rows, cols, false, clipFirst);
}

/** The same for integer labels: −log clip(a[label] / Σa), or TF.js' sparse form q = clip(a) first if clipFirst. */
export function sparseCategoricalCrossEntropyScaled(a: usize, labels: usize, da: usize, rows: i32, cols: i32, clipFirst: bool): f64 {
  return scaled(a, labels, da, rows, cols, true, clipFirst);
}
