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

/** Stores the transpose of the 4×4 block with rows r0..r3 as four vectors `step` bytes apart. */
// @ts-ignore: decorator
@inline function transpose4(r0: v128, r1: v128, r2: v128, r3: v128, out: usize, step: usize): void {
  const lo01 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), lo23 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const hi01 = i32x4.shuffle(r0, r1, 2, 6, 3, 7), hi23 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  v128.store(out, i32x4.shuffle(lo01, lo23, 0, 1, 4, 5));
  v128.store(out + step, i32x4.shuffle(lo01, lo23, 2, 3, 6, 7));
  v128.store(out + 2 * step, i32x4.shuffle(hi01, hi23, 0, 1, 4, 5));
  v128.store(out + 3 * step, i32x4.shuffle(hi01, hi23, 2, 3, 6, 7));
}

/** X[s, p] at x + 4·(s·ld + p): each s is a run along p, so blocks of 4×4 are transposed. */
function packRuns(x: usize, ld: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  const stride = <usize>ld << 2, step = <usize>width << 2, kb4 = kb & ~3;
  for (let s = 0; s < count; s += width) {
    for (let g = 0; g < width; g += 4) {
      const src = x + ((<usize>(s0 + s + g) * <usize>ld + <usize>p0) << 2);
      const here = count - s - g; // rows of this group of 4 that exist
      let out = dst + (<usize>g << 2);
      if (here >= 4) {
        // Four whole rows: no test inside the loop (the tests cost as much as the transposes).
        for (let at = src, end = src + (<usize>kb4 << 2); at < end; at += 16, out += 4 * step) {
          transpose4(v128.load(at), v128.load(at + stride), v128.load(at + 2 * stride), v128.load(at + 3 * stride), out, step);
        }
      } else {
        for (let p = 0; p < kb4; p += 4) {
          const at = src + (<usize>p << 2), zero = f32x4.splat(0);
          const r1 = here > 1 ? v128.load(at + stride) : zero, r2 = here > 2 ? v128.load(at + 2 * stride) : zero;
          transpose4(here > 0 ? v128.load(at) : zero, r1, r2, zero, out, step);
          out += 4 * step;
        }
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
    const here = count - s, end = dst + <usize>kb * step;
    if (here >= width && rs == 1) {
      // One or two vectors a step, without a loop or test inside: this copy is most of the
      // packing in Aᵀ·B (the weight gradient), and a general loop here cost as much as the copy.
      if (width == 4) {
        for (; dst < end; dst += 16, src += stride) v128.store(dst, v128.load(src));
      } else {
        for (; dst < end; dst += 32, src += stride) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
        }
      }
      continue;
    }
    for (; dst < end; dst += step, src += stride) {
      for (let w = 0; w < width; w++) store<f32>(dst + (<usize>w << 2), w < here ? load<f32>(src + <usize>w * gap) : 0);
    }
  }
}
