// Hyperbolic tangent (seed 000):  tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))
// Backward from the saved output a = tanh(z):  dz = dy · (1 − a²)
import { at } from "../f32";

/** out[i] = tanh(x[i]); `out` may be `x`. */
export function tanh(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at(out, i), Mathf.tanh(load<f32>(at(x, i))));
}

/** dz[i] = dy[i] · (1 − a[i]²), where a is tanh's output. */
export function tanhBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const ai = load<f32>(at(a, i));
    store<f32>(at(dz, i), load<f32>(at(dy, i)) * (1 - ai * ai));
  }
}
