// f64 oracles for assembly/optim/{sgd,momentum,adam}.ts. Each returns the new state.

/** w − lr·g. */
export const sgdStep = (w: ArrayLike<number>, g: ArrayLike<number>, lr: number) => Array.from(w, (wi, i) => wi - lr * g[i]);

/** Keras / TensorFlow.js momentum (not Nesterov): v = μv − lr·g; w = w + v. */
export function momentumStep(w: ArrayLike<number>, g: ArrayLike<number>, v: ArrayLike<number>, lr: number, mu: number) {
  const vNew = Array.from(v, (vi, i) => mu * vi - lr * g[i]);
  return { w: Array.from(w, (wi, i) => wi + vNew[i]), v: vNew };
}

/**
 * Adam exactly as Kingma & Ba's Algorithm 1 writes it: m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t),
 * w = w − lr · m̂ / (√v̂ + ε̂). The kernel uses the paper's "efficient" form (Section 2, last
 * paragraph), lr_t = lr·√(1 − β2^t)/(1 − β1^t) and ε outside the correction; the two agree when
 * ε̂ = ε / √(1 − β2^t), which `efficientEpsilon` selects so the oracle matches the kernel exactly.
 */
export function adamStep(
  w: ArrayLike<number>, g: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>,
  lr: number, beta1: number, beta2: number, epsilon: number, t: number, efficientEpsilon = true,
) {
  const mNew = Array.from(m, (mi, i) => beta1 * mi + (1 - beta1) * g[i]);
  const vNew = Array.from(v, (vi, i) => beta2 * vi + (1 - beta2) * g[i] * g[i]);
  const c1 = 1 - beta1 ** t, c2 = 1 - beta2 ** t;
  const eps = efficientEpsilon ? epsilon / Math.sqrt(c2) : epsilon;
  const wNew = Array.from(w, (wi, i) => wi - (lr * (mNew[i] / c1)) / (Math.sqrt(vNew[i] / c2) + eps));
  return { w: wNew, m: mNew, v: vNew };
}
