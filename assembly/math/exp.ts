// e^x on four f32 lanes (Cephes expf): x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, ln2 split so
// n·LN2_HI is exact for |n| ≤ 255), e^r by a degree-7 polynomial, then 2^n applied as two powers
// of two so that results near overflow and in the subnormal range take a single rounding.
// Only IEEE add/sub/mul/div/min/max/nearest, lane by lane, no FMA and no relaxed SIMD: every
// engine gives the same bits, and the scalar twin is one lane of the same code.
// Accuracy: see test/kernels/math.test.ts (max ulp over a dense sweep of the domain).
// Special values: NaN → the same NaN, +Inf and x > 88.7228 → +Inf, −Inf and x < −103.97 → +0,
// −0 → 1, subnormal results are produced (gradual underflow), never flushed.

const LOG2E: f32 = 1.44269504;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** 2^k as an f32 vector, for integer lanes k in [−126, 127]. */
// @ts-ignore: decorator
@inline export function pow2(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23);
}

/** e^x on each lane. */
function exp4Body(x: v128): v128 {
  // Clamping keeps n in [−150, 129]; beyond these bounds the result is already 0 or +Inf.
  const xc = f32x4.max(f32x4.min(x, f32x4.splat(89)), f32x4.splat(-104));
  const nf = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(nf, f32x4.splat(LN2_HI))), f32x4.mul(nf, f32x4.splat(LN2_LO)));
  const r2 = f32x4.mul(r, r);
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, r2), r), f32x4.splat(1));
  // n = n1 + n2 with both halves in [−75, 65]: p·2^n1 is exact, ·2^n2 rounds once.
  const n = i32x4.trunc_sat_f32x4_s(nf);
  const n1 = i32x4.shr_s(n, 1);
  const y = f32x4.mul(f32x4.mul(p, pow2(n1)), pow2(i32x4.sub(n, n1)));
  return v128.bitselect(x, y, f32x4.ne(x, x)); // NaN passes through unchanged
}

/** The exported door to exp4Body: inlined into callers in other files, while the body stays one
 * function (a wasm signature with v128 may not be exported from the module itself). */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  return exp4Body(x);
}

/** The scalar twin: lane 0 of exp4, so tails and scalar callers give exactly a lane's bits. */
export function expf(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}
