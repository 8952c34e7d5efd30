// ReLU (seed 004):  relu(z) = max(0, z)
// Backward from the saved output a:  dz = dy where a > 0, else 0 (the derivative at 0 is taken as 0).
import { at } from "../f32";

/** out[i] = max(0, x[i]); `out` may be `x`. NaN stays NaN (as in tf.relu), so divergence is not hidden. */
export function relu(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at(out, i), Mathf.max(load<f32>(at(x, i)), 0));
}

/** dz[i] = a[i] > 0 ? dy[i] : 0. */
export function reluBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at(dz, i), load<f32>(at(a, i)) > 0 ? load<f32>(at(dy, i)) : 0);
}
