// Minibatches built inside WASM from shuffled indices (seed 001's batch generator, seed 003's
// np.random.choice), so a training step copies nothing between JavaScript and WebAssembly.
import { at } from "./f32";

/** dst[r, :] = src[idx[r], :] for r < count; rows of `cols` f32. */
export function gatherRows(src: usize, idx: usize, dst: usize, count: i32, cols: i32): void {
  const bytes = <usize>cols << 2;
  for (let r = 0; r < count; r++) {
    memory.copy(dst + <usize>r * bytes, src + <usize>load<i32>(at(idx, r)) * bytes, bytes);
  }
}

/**
 * dst[r, :] = src[idx[r], :] · scale for rows of `cols` bytes (pixels 0..255, scale 1/255).
 * Sixteen bytes at a time are widened to four f32x4 (exact), then scaled: the same bits as
 * the scalar tail, which handles the last cols % 16.
 */
export function gatherRowsU8(src: usize, idx: usize, dst: usize, count: i32, cols: i32, scale: f32): void {
  const vs = f32x4.splat(scale), c16 = cols & ~15;
  for (let r = 0; r < count; r++) {
    const s = src + <usize>load<i32>(at(idx, r)) * <usize>cols;
    const d = dst + ((<usize>r * <usize>cols) << 2);
    for (let c = 0; c < c16; c += 16) {
      const bytes = v128.load(s + <usize>c);
      const lo = i16x8.extend_low_i8x16_u(bytes), hi = i16x8.extend_high_i8x16_u(bytes);
      const p = d + (<usize>c << 2);
      v128.store(p, f32x4.mul(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)), vs));
      v128.store(p, f32x4.mul(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)), vs), 16);
      v128.store(p, f32x4.mul(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)), vs), 32);
      v128.store(p, f32x4.mul(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)), vs), 48);
    }
    for (let c = c16; c < cols; c++) store<f32>(d + (<usize>c << 2), <f32>load<u8>(s + <usize>c) * scale);
  }
}

/** dst[r] = src[idx[r]] for 4-byte values (integer labels). */
export function gatherI32(src: usize, idx: usize, dst: usize, count: i32): void {
  for (let r = 0; r < count; r++) store<i32>(at(dst, r), load<i32>(at(src, load<i32>(at(idx, r)))));
}

/** Number of elements of x that are NaN or ±Infinity (data checks run in WASM once per fit). */
export function countNonFinite(x: usize, n: i32): i32 {
  let k = 0;
  for (let i = 0; i < n; i++) if (!isFinite<f32>(load<f32>(at(x, i)))) k++;
  return k;
}
