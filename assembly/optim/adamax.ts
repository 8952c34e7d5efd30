// Adamax as TensorFlow.js computes it (tfjs-core optimizers/adamax_optimizer.ts), one f32
// rounding per op in its order:
//   m = m·β1 + g·(1 − β1);   u = max(u·β2, |g|);   w = step·(m / (u + ε)) + w
// where step = (−lr / (1 + t·decay)) / (1 − β1^t), a scalar src/optimizers/adamax.ts rounds to
// f32 op by op as TensorFlow.js does (β1^t is its f32 product accBeta1).
import { at } from "../f32";

/** One Adamax step. */
export function adamaxStep(w: usize, dw: usize, m: usize, u: usize, n: i32, step: f32, beta1: f64, beta2: f32, epsilon: f32): void {
  const b1 = <f32>beta1, c1 = <f32>(1 - beta1);
  for (let i = 0; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const mi = load<f32>(at(m, i)) * b1 + g * c1;
    const ui = Mathf.max(load<f32>(at(u, i)) * beta2, Mathf.abs(g));
    store<f32>(at(m, i), mi);
    store<f32>(at(u, i), ui);
    store<f32>(at(w, i), step * (mi / (ui + epsilon)) + load<f32>(at(w, i)));
  }
}
