// ReLU (seed 004):  relu(z) = max(0, z)
// Backward from the saved output a:  dz = dy where a > 0, else 0 (the derivative at 0 is taken as 0).
import { at } from "../f32";

/** out[i] = max(0, x[i]); `out` may be `x`. NaN stays NaN (as in tf.relu), so divergence is not hidden. */
// Four lanes at a time, then the scalar tail: f32x4.max is f32.max lane by lane, and the mask
// keeps dy's bits or gives +0 as the scalar test does, so the bits are the same.
export function relu(x: usize, out: usize, n: i32): void {
  const zero = f32x4.splat(0), n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(out, i), f32x4.max(v128.load(at(x, i)), zero));
  for (let i = n4; i < n; i++) store<f32>(at(out, i), Mathf.max(load<f32>(at(x, i)), 0));
}

/** dz[i] = a[i] > 0 ? dy[i] : 0. */
export function reluBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  const zero = f32x4.splat(0), n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(dz, i), v128.and(v128.load(at(dy, i)), f32x4.gt(v128.load(at(a, i)), zero)));
  for (let i = n4; i < n; i++) store<f32>(at(dz, i), load<f32>(at(a, i)) > 0 ? load<f32>(at(dy, i)) : 0);
}
