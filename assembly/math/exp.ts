// e^x on four f32 lanes (Cephes expf): x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, ln2 split so
// n·LN2_HI is exact for |n| ≤ 255), e^r by a degree-7 polynomial, then 2^n applied as two powers
// of two so that results near overflow and in the subnormal range take a single rounding.
// Only IEEE add/sub/mul/div and pmin/pmax, lane by lane, no FMA and no relaxed SIMD: every engine
// gives the same bits, and the scalar twin is one lane of the same code.
// Accuracy: see test/kernels/math.test.ts (max ulp over a dense sweep of the domain).
// Special values: +Inf and x > 88.7228 → +Inf, −Inf and x < −103.97 → +0, −0 → 1, NaN → NaN;
// subnormal results are produced (gradual underflow), never flushed.
// Speed (V8): constants are splat-loaded from static data, because a v128.const is rebuilt at
// each use inside a loop; n is rounded by adding 1.5·2^23 instead of f32x4.nearest +
// trunc_sat; the clamp uses pmin/pmax (one instruction each) — together about twice as fast.

// @ts-ignore: decorator
@inline export function splat(p: usize): v128 {
  return v128.load32_splat(p);
}
const MAX = memory.data<f32>([89]);
const MIN = memory.data<f32>([-104]);
const LOG2E = memory.data<f32>([1.44269504]);
const LN2_HI = memory.data<f32>([0.693359375]);
const LN2_LO = memory.data<f32>([-2.12194440e-4]);
const ROUND = memory.data<f32>([12582912]); // 1.5·2^23: x + ROUND − ROUND rounds x to an integer
const ROUND_BITS = memory.data<i32>([0x4b400000]); // its bits: (x + ROUND) bits − these = that integer
const BIAS = memory.data<i32>([127]);
const P = memory.data<f32>([1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1, 1]);

/** 2^k as f32 lanes, for integer lanes k in [−126, 127]. */
// @ts-ignore: decorator
@inline function pow2(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, splat(BIAS)), 23);
}

/** (e^r − 1 − r)/r² by Horner over the first six coefficients (expm1.ts shares it). */
// @ts-ignore: decorator
@inline export function expHorner(r: v128): v128 {
  let p = splat(P);
  p = f32x4.add(f32x4.mul(p, r), splat(P + 4));
  p = f32x4.add(f32x4.mul(p, r), splat(P + 8));
  p = f32x4.add(f32x4.mul(p, r), splat(P + 12));
  p = f32x4.add(f32x4.mul(p, r), splat(P + 16));
  p = f32x4.add(f32x4.mul(p, r), splat(P + 20));
  return p;
}

/** e^x on each lane, inlined: for sigmoid4 and tanh4 (tanh.ts), which call it once per vector. */
// @ts-ignore: decorator
@inline export function exp4Inline(x: v128): v128 {
  // Clamping keeps n in [−150, 128]; beyond these bounds the result is already 0 or +Inf.
  const xc = f32x4.pmax(f32x4.pmin(x, splat(MAX)), splat(MIN));
  const t = f32x4.add(f32x4.mul(xc, splat(LOG2E)), splat(ROUND));
  const nf = f32x4.sub(t, splat(ROUND));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(nf, splat(LN2_HI))), f32x4.mul(nf, splat(LN2_LO)));
  const p = f32x4.add(f32x4.add(f32x4.mul(expHorner(r), f32x4.mul(r, r)), r), splat(P + 24));
  // n = n1 + n2 with both halves in [−75, 64]: p·2^n1 is exact, ·2^n2 rounds once.
  const n = i32x4.sub(t, splat(ROUND_BITS));
  const n1 = i32x4.shr_s(n, 1);
  return f32x4.mul(f32x4.mul(p, pow2(n1)), pow2(i32x4.sub(n, n1)));
}

function exp4Body(x: v128): v128 {
  return exp4Inline(x);
}

/** e^x on each lane. (The body stays one function: AssemblyScript warns, AS112, on an exported
 * v128 signature, and inlining it at every use cost the module ~3 KB.) */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
  return exp4Body(x);
}

/** The scalar twin: lane 0 of exp4, so tails and scalar callers give exactly a lane's bits. */
export function expf(x: f32): f32 {
  return f32x4.extract_lane(exp4(f32x4.splat(x)), 0);
}
