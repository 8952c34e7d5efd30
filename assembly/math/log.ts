// ln x on four f32 lanes (Cephes logf): x = 2^e·m with m in [√½, √2), ln m = f − f²/2 + f³·P(f)
// for f = m − 1 (degree-8 P), then e·ln2 added in two parts (ln2 split as in exp.ts).
// Subnormal x are first scaled by 2^25. Same rules as exp.ts: IEEE lane operations only, the
// scalar twin is lane 0. Special values: NaN → the same NaN, x < 0 and −Inf → NaN, ±0 → −Inf,
// +Inf → +Inf. (log runs only in the losses, on the output layer, never over a hidden layer:
// its constants stay v128.const, which V8 rebuilds at each use — see exp.ts for the faster form.)

const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const SQRT_HALF_BITS: i32 = 0x3f3504f3; // √½ as f32 bits: mantissas at or above it keep e

function log4Body(x: v128): v128 {
  const tiny = f32x4.lt(x, f32x4.splat(1.17549435e-38)); // subnormal (or ≤ 0: fixed up below)
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(33554432)), x, tiny); // · 2^25
  // Subtracting √½'s bits puts m in [√½, √2): the exponent field then counts e directly.
  const d = i32x4.sub(xs, i32x4.splat(SQRT_HALF_BITS));
  const e = i32x4.sub(i32x4.shr_s(d, 23), v128.and(tiny, i32x4.splat(25)));
  const m = i32x4.add(v128.and(d, i32x4.splat(0x7fffff)), i32x4.splat(SQRT_HALF_BITS));
  const f = f32x4.sub(m, f32x4.splat(1));
  const z = f32x4.mul(f, f);
  let p = f32x4.splat(7.0376836292e-2);
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-1.1514610310e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(1.1676998740e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-1.2420140846e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(1.4249322787e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-1.6668057665e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(2.0000714765e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(-2.4999993993e-1));
  p = f32x4.add(f32x4.mul(p, f), f32x4.splat(3.3333331174e-1));
  const ef = f32x4.convert_i32x4_s(e);
  let y = f32x4.mul(f32x4.mul(p, f), z);
  y = f32x4.add(y, f32x4.mul(ef, f32x4.splat(LN2_LO)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  y = f32x4.add(f32x4.add(f, y), f32x4.mul(ef, f32x4.splat(LN2_HI)));
  y = v128.bitselect(f32x4.splat(-Infinity), y, f32x4.eq(x, f32x4.splat(0)));
  y = v128.bitselect(f32x4.splat(NaN), y, f32x4.lt(x, f32x4.splat(0)));
  return v128.bitselect(x, y, v128.not(f32x4.lt(x, f32x4.splat(Infinity)))); // NaN and +Inf pass through
}

/** ln x on each lane (one function body, as exp4). */
// @ts-ignore: decorator
@inline export function log4(x: v128): v128 {
  return log4Body(x);
}

/** The scalar twin: lane 0 of log4. */
export function logf(x: f32): f32 {
  return f32x4.extract_lane(log4(f32x4.splat(x)), 0);
}
