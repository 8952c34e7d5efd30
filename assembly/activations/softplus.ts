// Softplus (TF.js tf.softplus):  f(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)), no overflow.
// ln(1 + e) for e = e^(−|z|) ≤ 1 uses u = 1 + e and ln(u)·e/(u − 1) (Goldberg's log1p: the
// rounding of u cancels), so f(z) ≈ e^z keeps its relative accuracy for z ≪ 0. (TF.js returns
// z itself above 13.94 and e^z below −13.94; both are within an ulp or two of this.)
// Backward from the saved output a: f'(z) = σ(z) = 1 − e^(−a) = −expm1(−a).
import { exp4 } from "../math/exp";
import { log4 } from "../math/log";
import { expm14 } from "../math/expm1";
import { map4, map4Backward } from "./lanes";

const SIGN = f32x4.splat(-0.0);

function softplus4(x: v128): v128 {
  const e = exp4(v128.or(x, SIGN)), u = f32x4.add(f32x4.splat(1), e); // e^(−|x|), 1 + e^(−|x|)
  const l = v128.bitselect(e, f32x4.mul(log4(u), f32x4.div(e, f32x4.sub(u, f32x4.splat(1)))), f32x4.eq(u, f32x4.splat(1)));
  return f32x4.add(f32x4.max(x, f32x4.splat(0)), l); // f32x4.max keeps NaN
}

function softplusBackward4(a: v128, dy: v128): v128 {
  return f32x4.mul(dy, f32x4.neg(expm14(f32x4.neg(a))));
}

/** out[i] = ln(1 + e^x[i]); `out` may be `x`. */
export function softplus(x: usize, out: usize, n: i32): void { map4(x, out, n, softplus4); }
/** dz[i] = dy[i]·(1 − e^(−a[i])), a = softplus' output (= σ(z)). */
export function softplusBackward(a: usize, dy: usize, dz: usize, n: i32): void { map4Backward(a, dy, dz, n, softplusBackward4); }

/** The scalar: lane 0 of the same code (logcosh in losses/pointwise.ts). */
export function softplusf(x: f32): f32 {
  return f32x4.extract_lane(softplus4(f32x4.splat(x)), 0);
}
