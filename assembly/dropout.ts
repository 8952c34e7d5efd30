// Inverted dropout (TF.js' tf.dropout): the mask holds floor(u + keep) / keep, u ~ U[0, 1) from
// the seeded generator (assembly/random.ts), so a kept value is scaled by 1/keep and a dropped
// one is 0; forward is x·mask and backward dy·mask (the same kernel). All in f32 as TF.js' ops.
import { at } from "./f32";
import { loadState, nextBits, saveState } from "./random";

/** mask[i] = floor(u + keep) / keep for i < n, keep = 1 − rate in f32 (0 ≤ rate < 1). */
export function dropoutMask(state: usize, mask: usize, n: i32, rate: f64): void {
  const keep = <f32>(1 - rate), scale = <f32>1 / keep;
  loadState(state);
  for (let i = 0; i < n; i++) {
    const u = <f32>(nextBits() >>> 8) * <f32>(1.0 / 16777216.0); // random.ts' unit(): 24 bits, exact in f32
    store<f32>(at(mask, i), u + keep >= 1 ? scale : 0);
  }
  saveState(state);
}

/** out[i] = x[i] · mask[i]; `out` may be `x`. */
export function applyMask(x: usize, mask: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at(out, i), load<f32>(at(x, i)) * load<f32>(at(mask, i)));
}

/**
 * Broadcast a mask along one axis, in place: `buf` holds outer × 1 × inner values and ends up
 * holding outer × d × inner, each block repeated d times (a noiseShape with 1 on that axis).
 * Blocks are written from the last one back, so none is overwritten before it is read.
 */
export function repeatAxis(buf: usize, outer: i32, d: i32, inner: i32): void {
  const bytes = <usize>inner << 2;
  for (let o = outer - 1; o >= 0; o--) {
    const src = buf + <usize>o * bytes;
    for (let j = d - 1; j >= 0; j--) memory.copy(buf + (<usize>o * <usize>d + <usize>j) * bytes, src, bytes);
  }
}
