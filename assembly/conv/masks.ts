// The nonzero pixels of an image batch as bits, for assembly/conv/direct.ts: one u64 per image row
// (so w ≤ 64), bit ix set when a channel of pixel ix is not ±0. A window row's nonzero taps are then
// a shift and a mask away, and visiting them costs a count-trailing-zeros each, in ascending order.

/** Bits of row iy's pixels in the window from x0, kw wide (bit kj: pixel x0 + kj has a nonzero channel). */
// @ts-ignore: decorator
@inline export function windowBits(masks: usize, iy: i32, x0: i32, kw: i32): u64 {
  return bitsAt(load<u64>(masks + (<usize>iy << 3)), x0, kw);
}

/** Bits x0 .. x0 + kw − 1 of a row's mask m, as bits 0 .. kw − 1 (none for pixels left of the image). */
// @ts-ignore: decorator
@inline export function bitsAt(m: u64, x0: i32, kw: i32): u64 {
  const keep: u64 = kw >= 64 ? <u64>-1 : (<u64>1 << <u64>kw) - 1;
  return (x0 >= 0 ? m >> <u64>x0 : m << <u64>(-x0)) & keep;
}

/** masks [n, h] (u64): bit ix of masks[b, iy] is set when a channel of x[b, iy, ix] is not ±0 (NaN counts). w ≤ 64. */
export function convRowMasks(x: usize, n: i32, h: i32, w: i32, c: i32, masks: usize): void {
  const row = w * c, w4 = w & ~3;
  for (let r = 0; r < n * h; r++, x += <usize>row << 2) {
    let m: u64 = 0;
    if (c == 1) {
      for (let ix = 0; ix < w4; ix += 4) m |= <u64>i32x4.bitmask(f32x4.ne(v128.load(x + (<usize>ix << 2)), f32x4.splat(0))) << <u64>ix;
      for (let ix = w4; ix < w; ix++) if (load<f32>(x + (<usize>ix << 2)) != 0) m |= <u64>1 << <u64>ix;
    } else {
      for (let i = 0; i < row; i++) if (load<f32>(x + (<usize>i << 2)) != 0) m |= <u64>1 << <u64>(i / c);
    }
    store<u64>(masks + (<usize>r << 3), m);
  }
}
