// Softsign (TF.js K.softsign):  f(z) = z / (1 + |z|),  ±Inf → ±1 (TF.js divides Inf by Inf: NaN).
// Backward from the saved output a: f'(z) = 1/(1 + |z|)² = (1 − |a|)².
import { map4, map4Backward } from "./lanes";

function softsign4(x: v128): v128 {
  const ax = f32x4.abs(x), one = f32x4.splat(1);
  const sign1 = v128.or(one, v128.and(x, f32x4.splat(-0.0)));
  return v128.bitselect(sign1, f32x4.div(x, f32x4.add(one, ax)), f32x4.eq(ax, f32x4.splat(Infinity)));
}

function softsignBackward4(a: v128, dy: v128): v128 {
  const d = f32x4.sub(f32x4.splat(1), f32x4.abs(a));
  return f32x4.mul(dy, f32x4.mul(d, d));
}

/** out[i] = x[i] / (1 + |x[i]|); `out` may be `x`. */
export function softsign(x: usize, out: usize, n: i32): void { map4(x, out, n, softsign4); }
/** dz[i] = dy[i]·(1 − |a[i]|)², a = softsign's output. */
export function softsignBackward(a: usize, dy: usize, dz: usize, n: i32): void { map4Backward(a, dy, dz, n, softsignBackward4); }
