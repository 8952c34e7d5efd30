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
