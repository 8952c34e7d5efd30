// Adam (Kingma & Ba, Algorithm 1, in the "efficient" form Keras and TensorFlow.js use):
//   m = β1 m + (1 − β1) g;   v = β2 v + (1 − β2) g²
//   lr_t = lr · √(1 − β2^t) / (1 − β1^t);   w = w − lr_t · m / (√v + ε)
// Bias correction DIVIDES by (1 − β1^t): ConvNetJS once multiplied, and test/kernels pins this.
// Four lanes at a time, then a scalar tail with the same operations in the same order: f32x4
// add, mul, div and sqrt round exactly like their scalar forms, so the bits do not change.
import { at } from "../f32";

/** One Adam step at iteration t ≥ 1; `m` and `v` are zero at t = 0. */
export function adamStep(w: usize, dw: usize, m: usize, v: usize, n: i32, lr: f32, beta1: f32, beta2: f32, epsilon: f32, t: i32): void {
  const lrT = <f32>(<f64>lr * Math.sqrt(1 - Math.pow(<f64>beta2, t)) / (1 - Math.pow(<f64>beta1, t)));
  const c1: f32 = 1 - beta1, c2: f32 = 1 - beta2;
  const vb1 = f32x4.splat(beta1), vc1 = f32x4.splat(c1), vb2 = f32x4.splat(beta2), vc2 = f32x4.splat(c2);
  const vlr = f32x4.splat(lrT), veps = f32x4.splat(epsilon);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const g = v128.load(at(dw, i));
    const mi = f32x4.add(f32x4.mul(vb1, v128.load(at(m, i))), f32x4.mul(vc1, g));
    const vi = f32x4.add(f32x4.mul(vb2, v128.load(at(v, i))), f32x4.mul(f32x4.mul(vc2, g), g));
    v128.store(at(m, i), mi);
    v128.store(at(v, i), vi);
    const step = f32x4.div(f32x4.mul(vlr, mi), f32x4.add(f32x4.sqrt(vi), veps));
    v128.store(at(w, i), f32x4.sub(v128.load(at(w, i)), step));
  }
  for (let i = n4; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const mi = beta1 * load<f32>(at(m, i)) + c1 * g;
    const vi = beta2 * load<f32>(at(v, i)) + c2 * g * g;
    store<f32>(at(m, i), mi);
    store<f32>(at(v, i), vi);
    store<f32>(at(w, i), load<f32>(at(w, i)) - lrT * mi / (Mathf.sqrt(vi) + epsilon));
  }
}
