// f64 oracles for assembly/optim/{sgd,momentum,adam}.ts. Each returns the new state.

/** w − lr·g. */
export const sgdStep = (w: ArrayLike<number>, g: ArrayLike<number>, lr: number) => Array.from(w, (wi, i) => wi - lr * g[i]);

/** Keras / TensorFlow.js momentum (not Nesterov): v = μv − lr·g; w = w + v. */
export function momentumStep(w: ArrayLike<number>, g: ArrayLike<number>, v: ArrayLike<number>, lr: number, mu: number) {
  const vNew = Array.from(v, (vi, i) => mu * vi - lr * g[i]);
  return { w: Array.from(w, (wi, i) => wi + vNew[i]), v: vNew };
}

/**
 * Adam as TensorFlow.js writes it (tfjs-core adam_optimizer.ts), in float64: m̂ = m / (1 − β1^t),
 * v̂ = v / (1 − β2^t), w = w − lr · m̂ / (√v̂ + ε), ε added after the bias correction. `form: "keras"`
 * gives Keras' efficient form instead (lr_t = lr·√(1 − β2^t)/(1 − β1^t), √v + ε), which is the same
 * with ε scaled by √(1 − β2^t); `biasCorrection: false` drops m̂ and v̂ (the bug a test must catch).
 * `f32Scalars` takes the scalars as TensorFlow.js holds them: β, ε and lr rounded to f32 and 1 − β
 * rounded from f64, so f32(1 − β2) = 0.0010000000475 while 1 − f32(β2)^1 = 0.00099998713 (v̂ is
 * 1.3e-5 relative high at t = 1 in TensorFlow.js, and so in the kernel); the rest stays f64.
 */
export function adamStep(
  w: ArrayLike<number>, g: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>,
  lr: number, beta1: number, beta2: number, epsilon: number, t: number,
  { form = "tfjs", biasCorrection = true, f32Scalars = false }: { form?: "tfjs" | "keras"; biasCorrection?: boolean; f32Scalars?: boolean } = {},
) {
  const r = f32Scalars ? Math.fround : (x: number) => x;
  const [b1, a1, b2, a2] = [r(beta1), r(1 - beta1), r(beta2), r(1 - beta2)];
  ({ lr, epsilon } = { lr: r(lr), epsilon: r(epsilon) });
  const mNew = Array.from(m, (mi, i) => b1 * mi + a1 * g[i]);
  const vNew = Array.from(v, (vi, i) => b2 * vi + a2 * g[i] * g[i]);
  const c1 = biasCorrection ? 1 - b1 ** t : 1, c2 = biasCorrection ? 1 - b2 ** t : 1;
  const eps = form === "keras" ? epsilon / Math.sqrt(c2) : epsilon;
  const wNew = Array.from(w, (wi, i) => wi - (lr * (mNew[i] / c1)) / (Math.sqrt(vNew[i] / c2) + eps));
  return { w: wNew, m: mNew, v: vNew };
}

/**
 * TensorFlow.js's CPU backend op by op: each op in f64 on f32 inputs, stored as f32, with its
 * scalars as f32 tensors (β, ε, −lr; 1 − β computed in f64 first) and accBeta = β^t kept in f32.
 * The kernel must give these bits exactly.
 */
export function adamStepF32(
  w: ArrayLike<number>, g: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>,
  lr: number, beta1: number, beta2: number, epsilon: number, accBeta1: number, accBeta2: number,
) {
  const f = Math.fround;
  const [b1, c1, b2, c2, eps, negLr] = [f(beta1), f(1 - beta1), f(beta2), f(1 - beta2), f(epsilon), f(-lr)];
  const d1 = f(1 - accBeta1), d2 = f(1 - accBeta2);
  const mNew = Array.from(m, (mi, i) => f(f(mi * b1) + f(g[i] * c1)));
  const vNew = Array.from(v, (vi, i) => f(f(vi * b2) + f(f(g[i] * g[i]) * c2)));
  const wNew = Array.from(w, (wi, i) => f(f(f(f(mNew[i] / d1) / f(f(Math.sqrt(f(vNew[i] / d2))) + eps)) * negLr) + wi));
  return { w: wNew, m: mNew, v: vNew };
}

type Arr = ArrayLike<number>;

/** Keras's Nesterov (keras/src/optimizers/sgd.py): v = μv − lr·g; w = w + μv − lr·g. */
export function nesterovStep(w: Arr, g: Arr, v: Arr, lr: number, mu: number) {
  const vNew = Array.from(v, (vi, i) => mu * vi - lr * g[i]);
  return { w: Array.from(w, (wi, i) => wi + mu * vNew[i] - lr * g[i]), v: vNew };
}

/** TensorFlow.js's RMSprop; centered as Keras (keras/src/optimizers/rmsprop.py): √(ms − mg² + ε). */
export function rmspropStep(w: Arr, g: Arr, ms: Arr, mom: Arr, mg: Arr, lr: number, rho: number, mu: number, eps: number, centered: boolean) {
  const msNew = Array.from(ms, (s, i) => rho * s + (1 - rho) * g[i] * g[i]);
  const mgNew = Array.from(mg, (a, i) => (centered ? rho * a + (1 - rho) * g[i] : a));
  const momNew = Array.from(mom, (m, i) => mu * m + (lr * g[i]) / Math.sqrt(msNew[i] - (centered ? mgNew[i] ** 2 : 0) + eps));
  return { w: Array.from(w, (wi, i) => wi - momNew[i]), ms: msNew, mom: momNew, mg: mgNew };
}

/** TensorFlow.js's Adagrad: acc += g²; w −= lr·g / √(acc + ε). */
export function adagradStep(w: Arr, g: Arr, acc: Arr, lr: number, eps: number) {
  const accNew = Array.from(acc, (a, i) => a + g[i] * g[i]);
  return { w: Array.from(w, (wi, i) => wi - (lr * g[i]) / Math.sqrt(accNew[i] + eps)), acc: accNew };
}

/** Keras's Adadelta (keras/src/optimizers/adadelta.py), the accumulator of this step in the denominator. */
export function adadeltaStep(w: Arr, g: Arr, ag: Arr, ad: Arr, lr: number, rho: number, eps: number) {
  const agNew = Array.from(ag, (a, i) => rho * a + (1 - rho) * g[i] * g[i]);
  const d = Array.from(g, (gi, i) => -(Math.sqrt(ad[i] + eps) * gi) / Math.sqrt(agNew[i] + eps));
  return { w: Array.from(w, (wi, i) => wi + lr * d[i]), ag: agNew, ad: Array.from(ad, (u, i) => rho * u + (1 - rho) * d[i] * d[i]) };
}

/** TensorFlow.js's Adamax at step t ≥ 1: w −= lr/(1 + (t − 1)·decay) / (1 − β1^t) · m / (u + ε). */
export function adamaxStep(w: Arr, g: Arr, m: Arr, u: Arr, lr: number, b1: number, b2: number, eps: number, decay: number, t: number) {
  const mNew = Array.from(m, (mi, i) => b1 * mi + (1 - b1) * g[i]);
  const uNew = Array.from(u, (ui, i) => Math.max(b2 * ui, Math.abs(g[i])));
  const step = lr / (1 + (t - 1) * decay) / (1 - b1 ** t);
  return { w: Array.from(w, (wi, i) => wi - (step * mNew[i]) / (uNew[i] + eps)), m: mNew, u: uNew };
}

/** Keras's decoupled weight decay (AdamW): w − w·wd·lr. */
export const weightDecay = (w: Arr, lr: number, wd: number) => Array.from(w, (wi) => wi - wi * wd * lr);

/** Keras's schedules in f64 (keras/src/optimizers/schedules/learning_rate_schedule.py). */
export const schedules = {
  exponential: (step: number, lr0: number, decaySteps: number, rate: number, staircase: boolean) =>
    lr0 * rate ** (staircase ? Math.floor(step / decaySteps) : step / decaySteps),
  cosine(step: number, lr0: number, decaySteps: number, alpha: number, warmupTarget: number | null, warmupSteps: number) {
    const decay = (s: number, from: number) => from * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * s) / decaySteps)) + alpha);
    if (warmupTarget === null) return decay(Math.min(step, decaySteps), lr0);
    const s = Math.min(step, decaySteps + warmupSteps);
    return s < warmupSteps ? (warmupTarget - lr0) * (s / warmupSteps) + lr0 : decay(s - warmupSteps, warmupTarget);
  },
  piecewise: (step: number, boundaries: number[], values: number[]) => values[boundaries.filter((b) => step > b).length],
};
