// f64 oracles for assembly/losses/*. Keras clips probabilities to [ε, 1 − ε] with ε = 1e-7 in the
// tensor's dtype, so for f32 the bounds are fround(1e-7) and fround(1 − 1e-7) = 0.99999988
// (not 0.9999999): the oracle clips to those f32 bounds and computes everything else in f64.
export const EPS = Math.fround(1e-7);
export const ONE_MINUS_EPS = Math.fround(1 - EPS);
export const clip = (a: number) => Math.min(Math.max(a, EPS), ONE_MINUS_EPS);

const n = (x: ArrayLike<number>) => x.length;

/** Σ (a − y)² / n over every element (Keras' mean over the last axis, then over the batch). */
export function mse(a: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n(a); i++) s += (a[i] - y[i]) ** 2;
  return n(a) > 0 ? s / n(a) : 0;
}

/** da = scale · (a − y); Keras' gradient uses scale = 2 / n. */
export const mseBackward = (a: ArrayLike<number>, y: ArrayLike<number>, scale: number) =>
  Array.from(a, (ai, i) => scale * (ai - y[i]));

/** −Σ [y log a + (1 − y) log(1 − a)] / n with a clipped. */
export function binaryCrossEntropy(a: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < n(a); i++) {
    const ai = clip(a[i]);
    s -= y[i] * Math.log(ai) + (1 - y[i]) * Math.log(1 - ai);
  }
  return n(a) > 0 ? s / n(a) : 0;
}

/** dL/da = (a − y) / (a (1 − a)) / n; 0 where the clip moved a (tf.clipByValue's gradient). */
export const binaryCrossEntropyBackward = (a: ArrayLike<number>, y: ArrayLike<number>) =>
  Array.from(a, (ai, i) => (ai < EPS || ai > ONE_MINUS_EPS ? 0 : (ai - y[i]) / (ai * (1 - ai)) / n(a)));

/** Fused sigmoid + BCE: dL/dz = (a − y) / n. */
export const sigmoidCrossEntropyBackward = (a: ArrayLike<number>, y: ArrayLike<number>) =>
  Array.from(a, (ai, i) => (ai - y[i]) / n(a));

/** −Σ y log a / rows with a clipped (one-hot or soft targets). */
export function categoricalCrossEntropy(a: ArrayLike<number>, y: ArrayLike<number>, rows: number): number {
  let s = 0;
  for (let i = 0; i < n(a); i++) if (y[i] !== 0) s -= y[i] * Math.log(clip(a[i]));
  return rows > 0 ? s / rows : 0;
}

/** −Σ_r log a[r, labels[r]] / rows with a clipped. */
export function sparseCategoricalCrossEntropy(a: ArrayLike<number>, labels: ArrayLike<number>, rows: number, cols: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) s -= Math.log(clip(a[r * cols + labels[r]]));
  return rows > 0 ? s / rows : 0;
}

/** The one-hot rows of integer labels. */
export function oneHot(labels: ArrayLike<number>, rows: number, cols: number): number[] {
  const y = new Array<number>(rows * cols).fill(0);
  for (let r = 0; r < rows; r++) y[r * cols + labels[r]] = 1;
  return y;
}

/** Inside the clip bounds, where tf.clipByValue passes the gradient (min ≤ x ≤ max). */
const inside = (p: number) => p >= EPS && p <= ONE_MINUS_EPS;

/**
 * Keras' and TF.js' categorical cross-entropy of rows that are not a softmax (tfjs-layers
 * losses.ts): p = a / Σ_row a, clipped, −Σ y log p, mean over rows; and its gradient, written as
 * the chain rule through p = a/S (clipped elements pass none): dL/da_j = (g_j − Σ_c g_c p_c)/S/m.
 */
export function categoricalCrossEntropyScaled(a: ArrayLike<number>, y: ArrayLike<number>, rows: number): { loss: number; grad: number[] } {
  const cols = rows > 0 ? n(a) / rows : 0, grad = new Array<number>(n(a)).fill(0);
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, c) => a[r * cols + c]);
    const sum = row.reduce((s, v) => s + v, 0), p = row.map((v) => v / sum);
    const g = p.map((pc, c) => (inside(pc) && y[r * cols + c] !== 0 ? -y[r * cols + c] / pc : 0));
    for (let c = 0; c < cols; c++) if (y[r * cols + c] !== 0) loss -= y[r * cols + c] * Math.log(clip(p[c]));
    const gp = g.reduce((s, gc, c) => s + gc * p[c], 0);
    for (let c = 0; c < cols; c++) grad[r * cols + c] = (g[c] - gp) / sum / rows;
  }
  return { loss: rows > 0 ? loss / rows : 0, grad };
}

/** TF.js' sparseCategoricalCrossentropy: a clipped first (its gradient masked there), then the above on one-hot rows. */
export function sparseCategoricalCrossEntropyScaled(a: ArrayLike<number>, labels: ArrayLike<number>, rows: number, cols: number): { loss: number; grad: number[] } {
  const r = categoricalCrossEntropyScaled(Array.from(a, clip), oneHot(labels, rows, cols), rows);
  return { loss: r.loss, grad: r.grad.map((g, i) => (inside(a[i]) ? g : 0)) };
}

/** Fused softmax + CE: dL/dz = (a − y) / rows. */
export const softmaxCrossEntropyBackward = (a: ArrayLike<number>, y: ArrayLike<number>, rows: number) =>
  Array.from(a, (ai, i) => (ai - y[i]) / rows);

export const softmaxSparseCrossEntropyBackward = (a: ArrayLike<number>, labels: ArrayLike<number>, rows: number, cols: number) =>
  softmaxCrossEntropyBackward(a, oneHot(labels, rows, cols), rows);

// Issue 14's per-element losses (assembly/losses/pointwise.ts, kinds in POINT_LOSSES' order):
// ℓ(a, y) and ℓ'(a, y) in f64, TF.js' definitions (tfjs-layers losses.ts; tf.losses.huberLoss δ = 1).
const sgn = (d: number) => (d > 0 ? 1 : -1); // tf.abs' gradient: −1 at 0
const E = EPS; // TF.js' epsilon() in f32
export const POINT: Record<string, [(a: number, y: number) => number, (a: number, y: number) => number]> = {
  meanAbsoluteError: [(a, y) => Math.abs(a - y), (a, y) => sgn(a - y)],
  meanAbsolutePercentageError: [(a, y) => (100 * Math.abs(y - a)) / Math.max(Math.abs(y), E), (a, y) => (-100 * sgn(y - a)) / Math.max(Math.abs(y), E)],
  meanSquaredLogarithmicError: [
    (a, y) => (Math.log1p(Math.max(a, E)) - Math.log1p(Math.max(y, E))) ** 2,
    (a, y) => (a >= E ? (2 * (Math.log1p(a) - Math.log1p(Math.max(y, E)))) / (1 + a) : 0),
  ],
  huber: [(a, y) => (Math.abs(a - y) <= 1 ? 0.5 * (a - y) ** 2 : Math.abs(a - y) - 0.5), (a, y) => Math.max(-1, Math.min(1, a - y))],
  hinge: [(a, y) => Math.max(0, 1 - y * a), (a, y) => (1 - y * a > 0 ? -y : 0)],
  squaredHinge: [(a, y) => Math.max(0, 1 - y * a) ** 2, (a, y) => -2 * y * Math.max(0, 1 - y * a)],
  logcosh: [(a, y) => Math.log(Math.cosh(a - y)), (a, y) => Math.tanh(a - y)],
  poisson: [(a, y) => a - y * Math.log(a + E), (a, y) => 1 - y / (a + E)],
  kullbackLeiblerDivergence: [
    (a, y) => y * Math.log(Math.min(Math.max(y, E), 1) / Math.min(Math.max(a, E), 1)),
    (a, y) => (a >= E && a <= 1 ? -y / a : 0),
  ],
};

/** Categorical hinge per row, and its gradient (every tied maximum gets it). */
export function categoricalHinge(a: ArrayLike<number>, y: ArrayLike<number>, rows: number, cols: number): { sum: number; grad: number[] } {
  let sum = 0;
  const grad = new Array(rows * cols).fill(0);
  for (let r = 0; r < rows; r++) {
    let pos = 0, neg = -Infinity;
    for (let c = 0; c < cols; c++) (pos += y[r * cols + c] * a[r * cols + c]), (neg = Math.max(neg, (1 - y[r * cols + c]) * a[r * cols + c]));
    const m = 1 + neg - pos;
    sum += Math.max(m, 0);
    if (m > 0) for (let c = 0; c < cols; c++) grad[r * cols + c] = -y[r * cols + c] + ((1 - y[r * cols + c]) * a[r * cols + c] === neg ? 1 - y[r * cols + c] : 0);
  }
  return { sum, grad };
}
