// SGD with momentum, as Keras/TensorFlow.js define it (not Nesterov):
//   v = μ · v − lr · g;   w = w + v
// Four lanes at a time, then a scalar tail with the same operations in the same order.
import { at } from "../f32";

/** One momentum step; `v` is the velocity buffer, zero at the start. */
export function momentumStep(w: usize, dw: usize, v: usize, n: i32, lr: f32, momentum: f32): void {
  const vmu = f32x4.splat(momentum), vlr = f32x4.splat(lr), n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const vi = f32x4.sub(f32x4.mul(vmu, v128.load(at(v, i))), f32x4.mul(vlr, v128.load(at(dw, i))));
    v128.store(at(v, i), vi);
    v128.store(at(w, i), f32x4.add(v128.load(at(w, i)), vi));
  }
  for (let i = n4; i < n; i++) {
    const vi = momentum * load<f32>(at(v, i)) - lr * load<f32>(at(dw, i));
    store<f32>(at(v, i), vi);
    store<f32>(at(w, i), load<f32>(at(w, i)) + vi);
  }
}

/**
 * One Nesterov step in Keras's form (keras/src/optimizers/sgd.py): v = μ·v − lr·g; w = w + (μ·v − lr·g).
 * TensorFlow.js's w −= lr·(g + μ·accum) with accum = −v/lr is the same step (both checked against it).
 */
export function nesterovStep(w: usize, dw: usize, v: usize, n: i32, lr: f32, momentum: f32): void {
  for (let i = 0; i < n; i++) {
    const g = lr * load<f32>(at(dw, i)), vi = momentum * load<f32>(at(v, i)) - g;
    store<f32>(at(v, i), vi);
    store<f32>(at(w, i), load<f32>(at(w, i)) + (momentum * vi - g));
  }
}
