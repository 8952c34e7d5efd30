// GELU, exact form (TF.js 4.22's layer activation 'gelu': z·Φ(z), Φ from erf; Keras' default
// approximate=False; TF.js' tanh form is the separate 'gelu_new'):  f(z) = z·Φ(z).
// Φ(z) = ½ erfc(−z/√2) through erfc(u) = t·e^(−u² − 1.26551223 + t·P(t)), t = 1/(1 + u/2), u ≥ 0
// (Numerical Recipes' erfcc: relative error < 1.2e-7 for every u), so Φ keeps its relative
// accuracy in the left tail where f(z) is tiny (TF.js' erf, Abramowitz–Stegun 7.1.26, is within
// 1.5e-7 absolute, so TF.js' own gelu(−5) is off by ~40%).
// The output does not give z back, so the backward takes the forward's INPUT z (`fromInput`):
//   f'(z) = Φ(z) + z·φ(z),  φ(z) = e^(−z²/2)/√(2π).
import { exp4 } from "../math/exp";
import { map4, map4Backward } from "./lanes";

const C = memory.data<f32>([
  0.17087277, -0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196, 1.00002368, -1.26551223,
]);

// @ts-ignore: decorator
@inline function c(i: i32): v128 { return v128.load32_splat(C + (<usize>i << 2)); }

// e^(−z²/2) needs −z²/2 to ~1e-8 absolute, which one f32 cannot hold once |z| > 2: with zh = z
// cut to its top 12 significant bits and zl = z − zh (both exact), z² = zh² + zl·(z + zh) where
// zh² is exact, so e^(−z²/2) = e^(−zh²/2)·e^(−zl(z + zh)/2) loses only the small second part's rounding.
// @ts-ignore: decorator
@inline function high(z: v128): v128 { return v128.and(z, i32x4.splat(0xfffff000)); }
/** e^(−zh²/2): exact argument. */
// @ts-ignore: decorator
@inline function gaussHigh(zh: v128): v128 { return exp4(f32x4.mul(f32x4.mul(zh, zh), f32x4.splat(-0.5))); }
/** −zl·(z + zh)/2, the rest of −z²/2. */
// @ts-ignore: decorator
@inline function gaussLow(z: v128, zh: v128): v128 { return f32x4.mul(f32x4.mul(f32x4.sub(z, zh), f32x4.add(z, zh)), f32x4.splat(-0.5)); }

/** Φ(z) on each lane, given e^(−zh²/2) and −zl(z + zh)/2 (−u² = −z²/2 is their sum). */
function phi4(z: v128, gh: v128, gl: v128): v128 {
  const u = f32x4.mul(f32x4.abs(z), f32x4.splat(0.70710678)), half = f32x4.splat(0.5);
  const t = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), f32x4.mul(u, half)));
  let p = c(0);
  for (let i = 1; i < 10; i++) p = f32x4.add(f32x4.mul(p, t), c(i));
  const tail = f32x4.mul(f32x4.mul(f32x4.mul(t, gh), exp4(f32x4.add(gl, p))), half); // ½ erfc(|z|/√2) = Φ(−|z|)
  return v128.bitselect(tail, f32x4.sub(f32x4.splat(1), tail), f32x4.lt(z, f32x4.splat(0)));
}

/** z clamped to ±20 for Φ and φ (Φ(−20) and φ(±20) are 0 in f32; zh² would overflow near f32's end). NaN stays NaN. */
// @ts-ignore: decorator
@inline function clamp(z: v128): v128 { return f32x4.min(f32x4.max(z, f32x4.splat(-20)), f32x4.splat(20)); }

function gelu4(x: v128): v128 {
  const xc = clamp(x), xh = high(xc);
  return f32x4.mul(x, phi4(xc, gaussHigh(xh), gaussLow(xc, xh)));
}
function geluBackward4(zz: v128, dy: v128): v128 {
  const z = clamp(zz), zh = high(z), gh = gaussHigh(zh), gl = gaussLow(z, zh);
  const density = f32x4.mul(f32x4.mul(gh, exp4(gl)), f32x4.splat(0.39894228)); // φ(z) = e^(−z²/2)/√(2π)
  return f32x4.mul(dy, f32x4.add(phi4(z, gh, gl), f32x4.mul(z, density)));
}

/** out[i] = x[i]·Φ(x[i]); `out` may be `x`. */
export function gelu(x: usize, out: usize, n: i32): void { map4(x, out, n, gelu4); }
/** dz[i] = dy[i]·(Φ(z) + z·φ(z)), z = the forward's INPUT. */
export function geluBackward(z: usize, dy: usize, dz: usize, n: i32): void { map4Backward(z, dy, dz, n, geluBackward4); }
