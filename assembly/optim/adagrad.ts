// Adagrad as TensorFlow.js computes it (tfjs-core optimizers/adagrad_optimizer.ts), one f32
// rounding per op in its order, ε = 1e-7 (its backend's epsilon, not a parameter):
//   acc = acc + g²;   w = (g / √(acc + ε))·(−lr) + w
// The accumulator starts at initialAccumulatorValue (src/optimizers/adagrad.ts fills it).
import { at } from "../f32";

/** One Adagrad step. */
export function adagradStep(w: usize, dw: usize, acc: usize, n: i32, lr: f32, epsilon: f32): void {
  for (let i = 0; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const a = load<f32>(at(acc, i)) + g * g;
    store<f32>(at(acc, i), a);
    store<f32>(at(w, i), (g / Mathf.sqrt(a + epsilon)) * -lr + load<f32>(at(w, i)));
  }
}
