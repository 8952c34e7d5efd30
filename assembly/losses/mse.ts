// Mean squared error, averaged over every element as Keras does:
//   L = Σ (a − y)² / (m·n)          dL/da = 2 (a − y) / (m·n)
// (Seed 002's SequentialNetwork uses the per-sample ½‖a − y‖²; its host scales the gradient.)
import { at } from "../f32";

/** Mean of (a − y)² over n = rows·cols elements. */
export function mse(a: usize, y: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = <f64>(load<f32>(at(a, i)) - load<f32>(at(y, i)));
    s += d * d;
  }
  return n > 0 ? s / n : 0;
}

/** da[i] = scale · (a[i] − y[i]); Keras' MSE gradient is scale = 2 / n. */
export function mseBackward(a: usize, y: usize, da: usize, n: i32, scale: f32): void {
  for (let i = 0; i < n; i++) store<f32>(at(da, i), scale * (load<f32>(at(a, i)) - load<f32>(at(y, i))));
}
