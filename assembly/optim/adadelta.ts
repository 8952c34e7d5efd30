// Adadelta as Keras computes it (keras/src/optimizers/adadelta.py), one f32 rounding per op in
// its order:
//   ag = ρ·ag + (1 − ρ)·g²;   d = −(√(ad + ε)·g) / √(ag + ε);   ad = ρ·ad + (1 − ρ)·d²;   w = w + lr·d
// TensorFlow.js 4.22 divides by √ of the accumulator from before the step (zero at the start, and
// its ad stays zero with it), so every step it takes is exactly w − lr·g: ρ and ε do nothing.
import { at } from "../f32";

/** One Adadelta step; `ag` and `ad` are the accumulated squared gradients and updates. */
export function adadeltaStep(w: usize, dw: usize, ag: usize, ad: usize, n: i32, lr: f32, rho: f64, epsilon: f32): void {
  const r = <f32>rho, c = <f32>(1 - rho);
  for (let i = 0; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const a = r * load<f32>(at(ag, i)) + c * (g * g);
    store<f32>(at(ag, i), a);
    const u = load<f32>(at(ad, i));
    const d = -((Mathf.sqrt(u + epsilon) * g) / Mathf.sqrt(a + epsilon));
    store<f32>(at(ad, i), r * u + c * (d * d));
    store<f32>(at(w, i), load<f32>(at(w, i)) + lr * d);
  }
}
