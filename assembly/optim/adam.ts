// Adam as TensorFlow.js computes it (tfjs-core optimizers/adam_optimizer.ts, CPU backend), so a
// model and optimizer state moved between the two continue the same way:
//   m = m·β1 + g·(1 − β1);   v = v·β2 + g²·(1 − β2)
//   m̂ = m / (1 − β1^t);      v̂ = v / (1 − β2^t);      w = w − lr · m̂ / (√v̂ + ε)
// ε is added to √v̂, after the bias correction. Keras' "efficient" form (lr_t = lr·√(1 − β2^t) /
// (1 − β1^t), then √v + ε) is the same update with ε scaled by √(1 − β2^t), which scratchnet used
// until issue 12: 1.2e-4 from TF.js in 21 steps of test/io/tfjs-adam.test.ts's model. Every operation is one f32 rounding in TF.js's order (its CPU
// kernels compute each op in f64 and store f32, which equals the f32 op): (g·g)·(1 − β2), not
// (1 − β2)·g·g; two divisions, not one multiplication by lr_t. The scalars are TF.js's f32
// tensors: β and ε rounded to f32, 1 − β computed in f64 from the β the user gave, then rounded.
// β^t comes in as `accBeta1`, `accBeta2` (TF.js's variables, kept by src/optimizers.ts).
// Four lanes at a time, then a scalar tail with the same operations in the same order: f32x4
// add, mul, div and sqrt round exactly like their scalar forms, so the bits do not change.
import { at } from "../f32";

/** One Adam step with accBeta = β^t for the step t ≥ 1 being taken; `m` and `v` are zero at t = 1. */
export function adamStep(w: usize, dw: usize, m: usize, v: usize, n: i32, lr: f32, beta1: f64, beta2: f64, epsilon: f32, accBeta1: f32, accBeta2: f32): void {
  const b1 = <f32>beta1, c1 = <f32>(1 - beta1), b2 = <f32>beta2, c2 = <f32>(1 - beta2);
  const d1: f32 = 1 - accBeta1, d2: f32 = 1 - accBeta2;
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(c1), vb2 = f32x4.splat(b2), vc2 = f32x4.splat(c2);
  const vd1 = f32x4.splat(d1), vd2 = f32x4.splat(d2), vlr = f32x4.splat(lr), veps = f32x4.splat(epsilon);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const g = v128.load(at(dw, i));
    const mi = f32x4.add(f32x4.mul(v128.load(at(m, i)), vb1), f32x4.mul(g, vc1));
    const vi = f32x4.add(f32x4.mul(v128.load(at(v, i)), vb2), f32x4.mul(f32x4.mul(g, g), vc2));
    v128.store(at(m, i), mi);
    v128.store(at(v, i), vi);
    const vHat = f32x4.div(vi, vd2);
    const ratio = f32x4.div(f32x4.div(mi, vd1), f32x4.add(f32x4.sqrt(vHat), veps));
    v128.store(at(w, i), f32x4.sub(v128.load(at(w, i)), f32x4.mul(ratio, vlr)));
  }
  for (let i = n4; i < n; i++) {
    const g = load<f32>(at(dw, i));
    const mi = load<f32>(at(m, i)) * b1 + g * c1;
    const vi = load<f32>(at(v, i)) * b2 + g * g * c2;
    store<f32>(at(m, i), mi);
    store<f32>(at(v, i), vi);
    const ratio = (mi / d1) / (Mathf.sqrt(vi / d2) + epsilon);
    store<f32>(at(w, i), load<f32>(at(w, i)) - ratio * lr);
  }
}

/**
 * β^t in f32 as TF.js's setWeights() sets accBeta when it loads a saved state: pow(β, iter + 1)
 * on f32 tensors, f64 Math.pow rounded to f32. Here AssemblyScript's pow (musl's, < 1 ulp like
 * V8's) so every engine gives the same bits; a training run then multiplies, as TF.js does.
 */
export function adamBetaPower(beta: f64, t: i32): f32 {
  return <f32>Math.pow(<f64><f32>beta, <f64>t);
}
