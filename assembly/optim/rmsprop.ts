// RMSprop as TensorFlow.js computes it (tfjs-core optimizers/rmsprop_optimizer.ts), one f32
// rounding per op in its order; the momentum buffer is always kept, as TensorFlow.js saves it:
//   ms = ms·ρ + g²·(1 − ρ);   mom = mom·μ + (g·lr) / √(ms + ε);   w = w − mom
// Centered keeps mg = mg·ρ + g·(1 − ρ) and divides by √((ms − mg²) + ε), Keras's form
// (keras/src/optimizers/rmsprop.py): TensorFlow.js 4.22 takes √(ms − (mg² + ε)), NaN where ms = mg².
import { at } from "../f32";

/** One RMSprop step; `mg` is read only when `centered` is 1. */
export function rmspropStep(
  w: usize, dw: usize, ms: usize, mom: usize, mg: usize, n: i32, lr: f32, rho: f64, momentum: f32, epsilon: f32, centered: i32,
): void {
  const r = <f32>rho, c = <f32>(1 - rho);
  for (let i = 0; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const s = load<f32>(at(ms, i)) * r + g * g * c;
    store<f32>(at(ms, i), s);
    let d = s + epsilon;
    if (centered) {
      const a = load<f32>(at(mg, i)) * r + g * c;
      store<f32>(at(mg, i), a);
      d = (s - a * a) + epsilon;
    }
    const m = load<f32>(at(mom, i)) * momentum + (g * lr) / Mathf.sqrt(d);
    store<f32>(at(mom, i), m);
    store<f32>(at(w, i), load<f32>(at(w, i)) - m);
  }
}
