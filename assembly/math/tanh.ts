// tanh and the logistic sigmoid on four f32 lanes, built on exp4 (exp.ts), same rules.
// tanh (Cephes tanhf): |x| < 0.625: x + x³·P(x²) (degree 4), else 1 − 2/(e^(2|x|) + 1);
// the sign is put back last, so tanh(−0) = −0 and tanh is exactly odd. ±Inf → ±1, NaN → NaN.
// sigmoid: e = e^(−|x|) ≤ 1, then 1/(1 + e) for x ≥ 0 and e/(1 + e) for x < 0, so neither side
// cancels and σ(x) for x ≪ 0 keeps its subnormal value instead of 1/(1 + Inf) = 0.
import { exp4 } from "./exp";

const SIGN: i32 = 0x80000000;

/** tanh x on each lane. */
function tanh4Body(x: v128): v128 {
  const ax = v128.andnot(x, i32x4.splat(SIGN));
  const z = f32x4.mul(ax, ax);
  let p = f32x4.splat(-5.70498872745e-3);
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(2.06390887954e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-5.37397155531e-2));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.33314422036e-1));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-3.33332819422e-1));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), ax), ax);
  const e = exp4(f32x4.add(ax, ax));
  const large = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  const y = v128.bitselect(small, large, f32x4.lt(ax, f32x4.splat(0.625)));
  const signed = v128.or(y, v128.and(x, i32x4.splat(SIGN)));
  return v128.bitselect(x, signed, f32x4.ne(x, x)); // NaN passes through unchanged
}

/** The exported door to tanh4Body: inlined into callers in other files, while the body stays one
 * function (a wasm signature with v128 may not be exported from the module itself). */
// @ts-ignore: decorator
@inline export function tanh4(x: v128): v128 {
  return tanh4Body(x);
}

/** The scalar twin: lane 0 of tanh4. */
export function tanhf(x: f32): f32 {
  return f32x4.extract_lane(tanh4(f32x4.splat(x)), 0);
}

/** σ(x) = 1/(1 + e^(−x)) on each lane. */
function sigmoid4Body(x: v128): v128 {
  const e = exp4(v128.or(x, i32x4.splat(SIGN))); // e^(−|x|)
  const num = v128.bitselect(e, f32x4.splat(1), f32x4.lt(x, f32x4.splat(0)));
  const y = f32x4.div(num, f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(x, y, f32x4.ne(x, x)); // NaN passes through unchanged
}

/** The exported door to sigmoid4Body: inlined into callers in other files, while the body stays one
 * function (a wasm signature with v128 may not be exported from the module itself). */
// @ts-ignore: decorator
@inline export function sigmoid4(x: v128): v128 {
  return sigmoid4Body(x);
}

/** The scalar twin: lane 0 of sigmoid4. */
export function sigmoidf(x: f32): f32 {
  return f32x4.extract_lane(sigmoid4(f32x4.splat(x)), 0);
}
