// tanh and the logistic sigmoid on four f32 lanes, built on exp4 (exp.ts), same rules.
// tanh (Cephes tanhf): |x| < 0.625: x + x³·P(x²) (degree 4), else 1 − 2/(e^(2|x|) + 1);
// the sign is put back last, so tanh(−0) = −0 and tanh is exactly odd. ±Inf → ±1, NaN → NaN.
// sigmoid: e = e^(−|x|) ≤ 1, then 1/(1 + e) for x ≥ 0 and e/(1 + e) for x < 0, so neither side
// cancels and σ(x) for x ≪ 0 keeps its subnormal value instead of 1/(1 + Inf) = 0.
import { exp4Inline, splat } from "./exp";

const SIGN = memory.data<i32>([0x80000000]);
const ONE = memory.data<f32>([1]);
const TWO = memory.data<f32>([2]);
const SMALL = memory.data<f32>([0.625]);
const P = memory.data<f32>([-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1]);

function tanh4Body(x: v128): v128 {
  const sign = v128.and(x, splat(SIGN));
  const ax = v128.xor(x, sign);
  const z = f32x4.mul(ax, ax);
  let p = splat(P);
  p = f32x4.add(f32x4.mul(p, z), splat(P + 4));
  p = f32x4.add(f32x4.mul(p, z), splat(P + 8));
  p = f32x4.add(f32x4.mul(p, z), splat(P + 12));
  p = f32x4.add(f32x4.mul(p, z), splat(P + 16));
  const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), ax), ax);
  const e = exp4Inline(f32x4.add(ax, ax));
  const large = f32x4.sub(splat(ONE), f32x4.div(splat(TWO), f32x4.add(e, splat(ONE))));
  return v128.or(v128.bitselect(small, large, f32x4.lt(ax, splat(SMALL))), sign);
}

/** tanh x on each lane (one function body, as exp4). */
// @ts-ignore: decorator
@inline export function tanh4(x: v128): v128 {
  return tanh4Body(x);
}

/** The scalar twin: lane 0 of tanh4. */
export function tanhf(x: f32): f32 {
  return f32x4.extract_lane(tanh4(f32x4.splat(x)), 0);
}

function sigmoid4Body(x: v128): v128 {
  const e = exp4Inline(v128.or(x, splat(SIGN))); // e^(−|x|)
  const num = v128.bitselect(e, splat(ONE), i32x4.shr_s(x, 31)); // e where the sign bit is set
  return f32x4.div(num, f32x4.add(splat(ONE), e));
}

/** σ(x) = 1/(1 + e^(−x)) on each lane (one function body, as exp4). */
// @ts-ignore: decorator
@inline export function sigmoid4(x: v128): v128 {
  return sigmoid4Body(x);
}

/** The scalar twin: lane 0 of sigmoid4. */
export function sigmoidf(x: f32): f32 {
  return f32x4.extract_lane(sigmoid4(f32x4.splat(x)), 0);
}
