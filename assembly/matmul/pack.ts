// Packing for assembly/matmul.ts: copies a block of an operand into the strip layout the
// micro-kernel streams through. The operand is seen as X[s, p], s along the strips and p along
// the sum: X = op(A) (s = row i) in strips of 4, or X = op(B)ᵀ (s = column j) in strips of 8.
// Strip t of the copy holds dst[t][p][w] = X[s0 + t·width + w, p0 + p], zero past the last s,
// so the kernel never meets a short block. gemm, gemmTN and gemmNT (and blocks of them) have
// rs = 1 or cs = 1; other strides (gemmStrided allows any) are gathered one float at a time.

/** Packs X[s0.., p0..] (count × kb, X[s, p] at x + 4·(s·rs + p·cs)) into strips of `width` (4 or 8). */
export function pack(x: usize, rs: i32, cs: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  if (cs == 1) packRuns(x, rs, s0, p0, count, kb, width, dst);
  else packStrips(x, rs, cs, s0, p0, count, kb, width, dst);
}

/** X[s, p] at x + 4·(s·ld + p): each s is a run along p, so blocks of 4×4 are transposed. */
function packRuns(x: usize, ld: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  const stride = <usize>ld << 2, step = <usize>width << 2, kb4 = kb & ~3;
  for (let s = 0; s < count; s += width) {
    for (let g = 0; g < width; g += 4) {
      const src = x + ((<usize>(s0 + s + g) * <usize>ld + <usize>p0) << 2);
      const here = count - s - g; // rows of this group of 4 that exist
      let out = dst + (<usize>g << 2);
      for (let p = 0; p < kb4; p += 4) {
        const at = src + (<usize>p << 2);
        const r0 = here > 0 ? v128.load(at) : f32x4.splat(0);
        const r1 = here > 1 ? v128.load(at + stride) : f32x4.splat(0);
        const r2 = here > 2 ? v128.load(at + 2 * stride) : f32x4.splat(0);
        const r3 = here > 3 ? v128.load(at + 3 * stride) : f32x4.splat(0);
        const lo01 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), lo23 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
        const hi01 = i32x4.shuffle(r0, r1, 2, 6, 3, 7), hi23 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
        v128.store(out, i32x4.shuffle(lo01, lo23, 0, 1, 4, 5));
        v128.store(out + step, i32x4.shuffle(lo01, lo23, 2, 3, 6, 7));
        v128.store(out + 2 * step, i32x4.shuffle(hi01, hi23, 0, 1, 4, 5));
        v128.store(out + 3 * step, i32x4.shuffle(hi01, hi23, 2, 3, 6, 7));
        out += 4 * step;
      }
      for (let p = kb4; p < kb; p++) {
        const at = src + (<usize>p << 2);
        for (let w = 0; w < 4; w++) store<f32>(out + (<usize>w << 2), w < here ? load<f32>(at + <usize>w * stride) : 0);
        out += step;
      }
    }
    dst += <usize>kb * step;
  }
}

/** X[s, p] at x + 4·(s·rs + p·ld): with rs = 1 a strip at one p is contiguous, so it is copied. */
function packStrips(x: usize, rs: i32, ld: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  const stride = <usize>ld << 2, step = <usize>width << 2, gap = <usize>rs << 2;
  for (let s = 0; s < count; s += width) {
    let src = x + ((<usize>(s0 + s) * <usize>rs + <usize>p0 * <usize>ld) << 2);
    const here = count - s;
    for (let p = 0; p < kb; p++) {
      if (here >= width && rs == 1) {
        for (let w: usize = 0; w < step; w += 16) v128.store(dst + w, v128.load(src + w));
      } else {
        for (let w = 0; w < width; w++) store<f32>(dst + (<usize>w << 2), w < here ? load<f32>(src + <usize>w * gap) : 0);
      }
      src += stride;
      dst += step;
    }
  }
}
