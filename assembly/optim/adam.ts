// Adam (Kingma & Ba, Algorithm 1, in the "efficient" form Keras and TensorFlow.js use):
//   m = β1 m + (1 − β1) g;   v = β2 v + (1 − β2) g²
//   lr_t = lr · √(1 − β2^t) / (1 − β1^t);   w = w − lr_t · m / (√v + ε)
// Bias correction DIVIDES by (1 − β1^t): ConvNetJS once multiplied, and test/kernels pins this.
import { at } from "../f32";

/** One Adam step at iteration t ≥ 1; `m` and `v` are zero at t = 0. */
export function adamStep(w: usize, dw: usize, m: usize, v: usize, n: i32, lr: f32, beta1: f32, beta2: f32, epsilon: f32, t: i32): void {
  const lrT = <f32>(<f64>lr * Math.sqrt(1 - Math.pow(<f64>beta2, t)) / (1 - Math.pow(<f64>beta1, t)));
  for (let i = 0; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const mi = beta1 * load<f32>(at(m, i)) + (1 - beta1) * g;
    const vi = beta2 * load<f32>(at(v, i)) + (1 - beta2) * g * g;
    store<f32>(at(m, i), mi);
    store<f32>(at(v, i), vi);
    store<f32>(at(w, i), load<f32>(at(w, i)) - lrT * mi / (Mathf.sqrt(vi) + epsilon));
  }
}
