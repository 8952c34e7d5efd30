// The one rule for `scale` (Matrix2D.scale), wherever it is applied: a value v becomes
//   f32(f32(v) · f32(scale)),
// the product the gather kernel computes for bytes (assembly/gather.ts gatherRowsU8 takes the
// scale as an f32 and multiplies in f32). JavaScript gets the same bits: two f32 values have
// 24-bit significands, so their product (48 bits, exponent well inside f64's range) is exact in
// f64, and the one rounding to f32 is the f32 multiply's. Scaling in f64 instead
// (f32(f32(v) · scale)) gave 126 of the 256 byte values another bit at scale 1/255, so an image
// given as bytes and the same image given as floats trained to different weights.
/** The scale as every path uses it: rounded to f32, as the kernel's f32 parameter rounds it. */
export const f32Scale = (scale: number): number => Math.fround(scale);

/** One value under the rule: f32(f32(v) · f32(scale)). */
export const scaled = (v: number, scale: number): number => Math.fround(Math.fround(v) * Math.fround(scale));

/** f32[at .. at + n) ·= scale under the rule (the stored values are f32 already; the store rounds once). */
export function scaleInPlace(f32: Float32Array, at: number, n: number, scale: number): void {
  const s = Math.fround(scale);
  for (let i = at; i < at + n; i++) f32[i] *= s;
}

/** Whether `data` holds bytes (pixels), which the gather kernel scales on the way in. */
export const isBytes = (data: unknown): data is Uint8Array | Uint8ClampedArray => data instanceof Uint8Array || data instanceof Uint8ClampedArray;

/** The scale a matrix of inputs means: its own, else 1/255 for bytes (pixels), else none. */
export const inputScale = (x: { data: unknown; scale?: number }): number | undefined => x.scale ?? (isBytes(x.data) ? 1 / 255 : undefined);

/**
 * Why a given scale cannot be used, or undefined: the rule needs it finite and nonzero as an f32,
 * since 0 (or a scale that rounds to it) would make every input 0. A negative scale is allowed: it
 * is a linear map like any other, losing nothing (the first layer's weights absorb the sign).
 */
export function badScale(scale: number): string | undefined {
  const s = Math.fround(scale);
  if (!Number.isFinite(s)) return "beyond float32's range ±3.4e38, where every value would become Infinity or NaN";
  if (s === 0) return scale === 0 ? "zero, so every value would become 0" : "below float32's smallest value 1.4e-45, where every value would become 0";
  return undefined;
}
