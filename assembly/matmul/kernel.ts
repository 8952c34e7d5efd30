// Register blocks for assembly/matmul.ts: the micro-kernel that does all of the arithmetic.
// A block of C stays in f32x4 registers while the sum runs over kb packed steps; every lane is
// one element of C, summed in order p = 0..kb-1 with a rounding after each multiply and add.

export const MR = 4; // rows of a block (the width of a packed strip of A)
export const NR = 8; // columns of a block (the width of a packed strip of B)

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b)); // two roundings: wasm SIMD has no fused multiply-add
}

/**
 * Walks down one 8-column strip of C: each of `blocks` 4×8 blocks (rows ldc bytes apart) becomes
 * (itself if `fromC`, else 0) + Σ over kb packed steps. The packed strips of A lie end to end, so
 * pa just runs on; the one strip of B is read again from L1 for every block. Its steps lie sb
 * bytes apart: 32 when packed, or a row of B when B is read in place (its rows contiguous), which
 * measured as fast as packed while saving the copy.
 */
function column8(pa: usize, pb: usize, sb: usize, c: usize, ldc: usize, kb: i32, blocks: i32, fromC: bool): void {
  const end = pb + <usize>kb * sb;
  for (let block = 0; block < blocks; block++) {
    let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
    let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
    if (fromC) {
      c00 = v128.load(c); c01 = v128.load(c, 16);
      c10 = v128.load(c + ldc); c11 = v128.load(c + ldc, 16);
      c20 = v128.load(c + 2 * ldc); c21 = v128.load(c + 2 * ldc, 16);
      c30 = v128.load(c + 3 * ldc); c31 = v128.load(c + 3 * ldc, 16);
    }
    for (let q = pb; q < end; q += sb) {
      const b0 = v128.load(q), b1 = v128.load(q, 16);
      let a = v128.load32_splat(pa);
      c00 = madd(c00, a, b0); c01 = madd(c01, a, b1);
      a = v128.load32_splat(pa, 4);
      c10 = madd(c10, a, b0); c11 = madd(c11, a, b1);
      a = v128.load32_splat(pa, 8);
      c20 = madd(c20, a, b0); c21 = madd(c21, a, b1);
      a = v128.load32_splat(pa, 12);
      c30 = madd(c30, a, b0); c31 = madd(c31, a, b1);
      pa += MR * 4;
    }
    v128.store(c, c00); v128.store(c, c01, 16);
    v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
    v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
    v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
    c += <usize>MR * ldc;
  }
}

/** column8 for a strip 4 columns wide: the last strip of B when it has at most 4 columns. */
function column4(pa: usize, pb: usize, sb: usize, c: usize, ldc: usize, kb: i32, blocks: i32, fromC: bool): void {
  const end = pb + <usize>kb * sb;
  for (let block = 0; block < blocks; block++) {
    let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
    if (fromC) {
      c0 = v128.load(c); c1 = v128.load(c + ldc); c2 = v128.load(c + 2 * ldc); c3 = v128.load(c + 3 * ldc);
    }
    for (let q = pb; q < end; q += sb) {
      const b0 = v128.load(q);
      c0 = madd(c0, v128.load32_splat(pa), b0);
      c1 = madd(c1, v128.load32_splat(pa, 4), b0);
      c2 = madd(c2, v128.load32_splat(pa, 8), b0);
      c3 = madd(c3, v128.load32_splat(pa, 12), b0);
      pa += MR * 4;
    }
    v128.store(c, c0); v128.store(c + ldc, c1); v128.store(c + 2 * ldc, c2); v128.store(c + 3 * ldc, c3);
    c += <usize>MR * ldc;
  }
}

/** column8 or column4, as `width` says. */
// @ts-ignore: decorator
@inline export function column(width: i32, pa: usize, pb: usize, sb: usize, c: usize, ldc: usize, kb: i32, blocks: i32, fromC: bool): void {
  if (width == NR) column8(pa, pb, sb, c, ldc, kb, blocks, fromC);
  else column4(pa, pb, sb, c, ldc, kb, blocks, fromC);
}
