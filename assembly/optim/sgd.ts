// Gradient descent (seed 003, update_params):  W = W − learning_rate · dW
// Four lanes at a time, then a scalar tail: the same two roundings per element either way.
import { at } from "../f32";

/** w[i] −= lr · dw[i]. */
export function sgdStep(w: usize, dw: usize, n: i32, lr: f32): void {
  const vlr = f32x4.splat(lr), n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    v128.store(at(w, i), f32x4.sub(v128.load(at(w, i)), f32x4.mul(vlr, v128.load(at(dw, i)))));
  }
  for (let i = n4; i < n; i++) store<f32>(at(w, i), load<f32>(at(w, i)) - lr * load<f32>(at(dw, i)));
}
