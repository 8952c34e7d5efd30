// Swish (TF.js' layer activation 'swish', α = 1; Keras' silu):  f(z) = z·σ(z)   (math/tanh.ts#sigmoid4)
// Its output does not give z back, so the backward takes the forward's INPUT z (the table's
// `fromInput`):  f'(z) = σ(z)·(1 + z·σ(−z)).
import { sigmoid4 } from "../math/tanh";
import { map4, map4Backward } from "./lanes";

function swish4(x: v128): v128 { return f32x4.mul(x, sigmoid4(x)); }
function swishBackward4(z: v128, dy: v128): v128 {
  const s = sigmoid4(z), rest = sigmoid4(f32x4.neg(z)); // 1 − σ(z) = σ(−z), without 1 − s's cancellation for z ≫ 0
  return f32x4.mul(dy, f32x4.mul(s, f32x4.add(f32x4.splat(1), f32x4.mul(z, rest))));
}

/** out[i] = x[i]·σ(x[i]); `out` may be `x`. */
export function swish(x: usize, out: usize, n: i32): void { map4(x, out, n, swish4); }
/** dz[i] = dy[i]·σ(z)(1 + z(1 − σ(z))), z = the forward's INPUT. */
export function swishBackward(z: usize, dy: usize, dz: usize, n: i32): void { map4Backward(z, dy, dz, n, swishBackward4); }
