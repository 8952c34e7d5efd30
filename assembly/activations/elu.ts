// ELU and SELU (TF.js tf.elu, tf.selu; Keras the same), one shape with two constants:
//   f(z) = scale·z for z > 0, else scale·α·(e^z − 1)      elu: α = 1, scale = 1 (TF.js' layer allows only α = 1)
// Backward from the saved output a (a > 0 exactly when z > 0, and scale·α·e^z = a + scale·α):
//   dz = dy·scale where a > 0, else dy·(a + scale·α)     (TF.js' EluGrad takes y the same way)
// e^z − 1 is math/expm1.ts, so small negative z keep their relative accuracy.
import { expm14 } from "../math/expm1";
import { map4, map4Backward } from "./lanes";

const SELU_SCALE: f32 = 1.0507009873554805;
const SELU_SCALE_ALPHA: f32 = 1.7580993408473768; // TF.js' SELU_SCALEALPHA, the product rounded once

// @ts-ignore: decorator
@inline function shape4(x: v128, scale: f32, scaleAlpha: f32): v128 {
  const neg = f32x4.mul(expm14(x), f32x4.splat(scaleAlpha));
  const pos = scale == 1 ? x : f32x4.mul(x, f32x4.splat(scale));
  return v128.bitselect(pos, neg, f32x4.gt(x, f32x4.splat(0))); // NaN takes the e^z side: NaN
}

// @ts-ignore: decorator
@inline function slope4(a: v128, dy: v128, scale: f32, scaleAlpha: f32): v128 {
  const neg = f32x4.mul(dy, f32x4.add(a, f32x4.splat(scaleAlpha)));
  const pos = scale == 1 ? dy : f32x4.mul(dy, f32x4.splat(scale));
  return v128.bitselect(pos, neg, f32x4.gt(a, f32x4.splat(0)));
}

function elu4(x: v128): v128 { return shape4(x, 1, 1); }
function eluBackward4(a: v128, dy: v128): v128 { return slope4(a, dy, 1, 1); }
function selu4(x: v128): v128 { return shape4(x, SELU_SCALE, SELU_SCALE_ALPHA); }
function seluBackward4(a: v128, dy: v128): v128 { return slope4(a, dy, SELU_SCALE, SELU_SCALE_ALPHA); }

/** out[i] = elu(x[i]) (α = 1); `out` may be `x`. */
export function elu(x: usize, out: usize, n: i32): void { map4(x, out, n, elu4); }
/** dz[i] = dy[i] where a[i] > 0, else dy[i]·(a[i] + 1), a = elu's output. */
export function eluBackward(a: usize, dy: usize, dz: usize, n: i32): void { map4Backward(a, dy, dz, n, eluBackward4); }
/** out[i] = selu(x[i]); `out` may be `x`. */
export function selu(x: usize, out: usize, n: i32): void { map4(x, out, n, selu4); }
/** dz[i] = dy[i]·scale where a[i] > 0, else dy[i]·(a[i] + scale·α), a = selu's output. */
export function seluBackward(a: usize, dy: usize, dz: usize, n: i32): void { map4Backward(a, dy, dz, n, seluBackward4); }
