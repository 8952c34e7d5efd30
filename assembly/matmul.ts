// Matrix products on row-major f32 (seed 003):  a1 = np.dot(X, W1),  dW = np.dot(X.T, dy),
// dX = np.dot(dy, W.T).  C (m×n) = A·B, Aᵀ·B or A·Bᵀ; with `accumulate`, C += … instead of C = ….
//
// Blocking (the GotoBLAS/BLIS scheme, sized for 128-bit SIMD):
//  - The micro-kernel keeps a 4×8 block of C in eight f32x4 registers and, for each step p of
//    the sum, adds a[i,p]·b[p, j..j+8] to row i: two vector loads of B, four scalar splats of A.
//  - It reads A and B from packed copies in static buffers: A in strips of 4 rows stored
//    column by column, B in strips of 8 columns stored row by row, so both stream from
//    consecutive addresses. Packing is where the layouts differ: A, Aᵀ, B and Bᵀ are all packed
//    through strides, and one kernel does every product. Strips are zero-padded at the edges,
//    so the kernel never sees a short block; edge blocks go through a 4×8 tile.
//  - The sum runs over blocks of at most KC steps, so a strip of B (≤ 8 KB) stays in L1 while
//    every strip of A passes by, and packed A and B stay in L2.
//
// Determinism: every element of C is one chain c = (…((c₀ + a₀b₀) + a₁b₁) + …) + a₍ₖ₋₁₎b₍ₖ₋₁₎
// in order p = 0..k-1, with c₀ = 0, or the old C with `accumulate`. Between depth blocks the
// partial sum waits in C as an f32, which is exact, so the result does not depend on the
// blocking, on where the element sits in its block, or on m (predict() can chunk rows).

const MR = 4; // rows of a micro-kernel block
const NR = 8; // columns of a micro-kernel block
const KC = 256; // most steps of the sum per packed block
const MC = 128; // most rows of A per packed block
const NC = 128; // most columns of B per packed block

const packedA = memory.data(MC * KC * 4, 16);
const packedB = memory.data(KC * NC * 4, 16);
const tile = memory.data(MR * NR * 4, 16);

// @ts-ignore: decorator
@inline function addr(p: usize, row: i32, col: i32, ld: i32): usize {
  return p + ((<usize>row * <usize>ld + <usize>col) << 2);
}

// @ts-ignore: decorator
@inline function min(x: i32, y: i32): i32 {
  return x < y ? x : y;
}

// @ts-ignore: decorator
@inline function fma4(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b)); // two roundings: wasm SIMD has no fused multiply-add
}

/**
 * The 4×8 block at c (row stride ldc bytes) = its start value + Σ over kb packed steps, where
 * the start is the block's current contents if `fromC`, else zero.
 */
function micro(pa: usize, pb: usize, c: usize, ldc: usize, kb: i32, fromC: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (fromC) {
    c00 = v128.load(c); c01 = v128.load(c, 16);
    c10 = v128.load(c + ldc); c11 = v128.load(c + ldc, 16);
    c20 = v128.load(c + 2 * ldc); c21 = v128.load(c + 2 * ldc, 16);
    c30 = v128.load(c + 3 * ldc); c31 = v128.load(c + 3 * ldc, 16);
  }
  const end = pb + (<usize>kb << 5);
  while (pb < end) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = fma4(c00, a, b0); c01 = fma4(c01, a, b1);
    a = v128.load32_splat(pa, 4);
    c10 = fma4(c10, a, b0); c11 = fma4(c11, a, b1);
    a = v128.load32_splat(pa, 8);
    c20 = fma4(c20, a, b0); c21 = fma4(c21, a, b1);
    a = v128.load32_splat(pa, 12);
    c30 = fma4(c30, a, b0); c31 = fma4(c31, a, b1);
    pa += MR * 4;
    pb += NR * 4;
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + ldc, c10); v128.store(c + ldc, c11, 16);
  v128.store(c + 2 * ldc, c20); v128.store(c + 2 * ldc, c21, 16);
  v128.store(c + 3 * ldc, c30); v128.store(c + 3 * ldc, c31, 16);
}

/** One rows×cols block of C (at most 4×8) from packed strips; short blocks go through `tile`. */
function block(pa: usize, pb: usize, c: usize, rows: i32, cols: i32, n: i32, kb: i32, fromC: bool): void {
  if (rows == MR && cols == NR) {
    micro(pa, pb, c, <usize>n << 2, kb, fromC);
    return;
  }
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) store<f32>(addr(tile, r, j, NR), load<f32>(addr(c, r, j, n)));
  }
  micro(pa, pb, tile, NR * 4, kb, fromC);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) store<f32>(addr(c, r, j, n), load<f32>(addr(tile, r, j, NR)));
  }
}

// Packing. X[s, p] is the operand seen as strips along s: X = op(A) (s = row i), packed in
// strips of 4, or X = op(B)ᵀ (s = column j), packed in strips of 8. Strip `t` of the packed copy
// holds dst[t][p][w] = X[s0 + t·width + w, p0 + p], zero past the last s.

/** Packs X stored with X[s, p] at x + 4·(s·ld + p): each s is a contiguous run, so 4×4 blocks are transposed. */
function packRuns(x: usize, ld: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  const kb4 = kb & ~3, rowBytes = <usize>width << 2;
  for (let s = 0; s < count; s += width) {
    for (let g = 0; g < width; g += 4) {
      const src = x + ((<usize>(s0 + s + g) * <usize>ld + <usize>p0) << 2), stride = <usize>ld << 2;
      const here = count - s - g; // rows of this group that exist (≤ 0: all padding)
      let out = dst + (<usize>g << 2);
      for (let p = 0; p < kb4; p += 4) {
        const r0 = here > 0 ? v128.load(src + (<usize>p << 2)) : f32x4.splat(0);
        const r1 = here > 1 ? v128.load(src + stride + (<usize>p << 2)) : f32x4.splat(0);
        const r2 = here > 2 ? v128.load(src + 2 * stride + (<usize>p << 2)) : f32x4.splat(0);
        const r3 = here > 3 ? v128.load(src + 3 * stride + (<usize>p << 2)) : f32x4.splat(0);
        const lo01 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), lo23 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
        const hi01 = i32x4.shuffle(r0, r1, 2, 6, 3, 7), hi23 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
        v128.store(out, i32x4.shuffle(lo01, lo23, 0, 1, 4, 5));
        v128.store(out + rowBytes, i32x4.shuffle(lo01, lo23, 2, 3, 6, 7));
        v128.store(out + 2 * rowBytes, i32x4.shuffle(hi01, hi23, 0, 1, 4, 5));
        v128.store(out + 3 * rowBytes, i32x4.shuffle(hi01, hi23, 2, 3, 6, 7));
        out += 4 * rowBytes;
      }
      for (let p = kb4; p < kb; p++) {
        for (let w = 0; w < 4; w++) store<f32>(out + (<usize>w << 2), w < here ? load<f32>(src + (<usize>w * stride) + (<usize>p << 2)) : 0);
        out += rowBytes;
      }
    }
    dst += <usize>kb * rowBytes;
  }
}

/** Packs X stored with X[s, p] at x + 4·(s + p·ld): a strip at one p is contiguous and is copied. */
function packStrips(x: usize, ld: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  for (let s = 0; s < count; s += width) {
    let src = x + ((<usize>(s0 + s) + <usize>p0 * <usize>ld) << 2);
    const here = count - s, stride = <usize>ld << 2;
    for (let p = 0; p < kb; p++) {
      if (here >= width) {
        for (let w = 0; w < width; w += 4) v128.store(dst + (<usize>w << 2), v128.load(src + (<usize>w << 2)));
      } else {
        for (let w = 0; w < width; w++) store<f32>(dst + (<usize>w << 2), w < here ? load<f32>(src + (<usize>w << 2)) : 0);
      }
      src += stride;
      dst += <usize>width << 2;
    }
  }
}

/** Packs X[s0.., p0..] (count × kb) with X[s, p] at x + 4·(s·rs + p·cs), where rs or cs is 1. */
function pack(x: usize, rs: i32, cs: i32, s0: i32, p0: i32, count: i32, kb: i32, width: i32, dst: usize): void {
  if (cs == 1) packRuns(x, rs, s0, p0, count, kb, width, dst);
  else packStrips(x, cs, s0, p0, count, kb, width, dst);
}

/**
 * Shared driver: C (m×n) (=|+=) op(A)·op(B), with op(A)[i, p] at a + 4·(i·rsA + p·csA) and
 * op(B)[p, j] at b + 4·(p·rsB + j·csB).
 */
function product(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  if (k == 0) {
    if (!accumulate) memory.fill(c, 0, <usize>m * <usize>n << 2);
    return;
  }
  const depth = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC); // k split into equal blocks ≤ KC
  for (let jc = 0; jc < n; jc += NC) {
    const cols = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += depth) {
      const kb = min(depth, k - pc);
      const fromC = accumulate || pc > 0;
      pack(b, csB, rsB, jc, pc, cols, kb, NR, packedB);
      for (let ic = 0; ic < m; ic += MC) {
        const rows = min(MC, m - ic);
        pack(a, rsA, csA, ic, pc, rows, kb, MR, packedA);
        for (let j = 0; j < cols; j += NR) {
          const pb = packedB + (<usize>j * <usize>kb << 2);
          for (let i = 0; i < rows; i += MR) {
            const pa = packedA + (<usize>i * <usize>kb << 2);
            block(pa, pb, addr(c, ic + i, jc + j, n), min(MR, rows - i), min(NR, cols - j), n, kb, fromC);
          }
        }
      }
    }
  }
}

/** C (m×n) = A (m×k) · B (k×n); with accumulate, C += A·B. */
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  product(a, k, 1, b, n, 1, c, m, k, n, accumulate);
}

/** C (m×n) = Aᵀ·B with A stored k×m and B k×n (weight gradients: dW = Xᵀ·dY). */
export function gemmTN(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  product(a, 1, m, b, n, 1, c, m, k, n, accumulate);
}

/**
 * C (m×n) = A·Bᵀ with A m×k and B stored n×k (input gradients: dX = dY·Wᵀ). Packing reads B
 * through its strides, so `scratch` (k·n floats, part of the fixed host signature) is not needed.
 */
export function gemmNT(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool, scratch: usize): void {
  product(a, k, 1, b, 1, k, c, m, k, n, accumulate);
}
