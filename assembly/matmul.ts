// Matrix products on row-major f32 (seed 003):  a1 = np.dot(X, W1),  dW = np.dot(X.T, dy),
// dX = np.dot(dy, W.T).  C (m×n) = A·B, Aᵀ·B or A·Bᵀ; with `accumulate`, C += … instead of C = ….
//
// Blocking, as in GotoBLAS/BLIS, sized for 128-bit SIMD:
//  - The micro-kernel (matmul/kernel.ts) keeps a 4×8 block of C in eight f32x4 registers. For
//    each step p of the sum it loads b[p, j..j+8] (two vectors) and splats a[i, p] for its four
//    rows: 8 vector multiplies and 8 adds (64 flops) per 6 loads. V8 gives wasm 15 xmm registers
//    on x64 and schedules all loads first, so 6×8 blocks or a 2× unrolled loop spill, and ran slower.
//  - It reads A and B from packed copies in static buffers (matmul/pack.ts): A in strips of 4
//    rows, B in strips of 8 columns, each stored step by step, so both stream from consecutive
//    addresses. Packing reads the operands through strides, which is all that differs between
//    A·B, Aᵀ·B and A·Bᵀ: one kernel does every product. Strips are zero-padded, so the kernel
//    always computes a full block; blocks at the right or bottom edge go through a tile. A last
//    strip of at most 4 columns runs through a 4×4 twin of the kernel (column4).
//  - Fewer than 4 rows with B's rows contiguous (a one-sample predict) skip packing (matmul/rows.ts).
//  - The sum runs in depth blocks of at most KC steps, so the strip of B in use (≤ 8 KB) stays
//    in L1 while the strips of A go by, and the packed blocks (≤ 128 KB each) stay in L2.
//
// Determinism: every element of C is one chain c = (…((c₀ + a₀b₀) + a₁b₁) + …) + aₖ₋₁bₖ₋₁ over
// p = 0..k-1 in order, rounding after each multiply and add, with c₀ = 0, or the old C with
// `accumulate`. Between depth blocks the partial sum waits in C as the f32 it is, so the bits do
// not depend on the blocking, on where an element sits, or on m (predict() may chunk rows).
import { MR, NR, column } from "./matmul/kernel";
import { pack } from "./matmul/pack";
import { fewRows } from "./matmul/rows";

const KC = 256; // most steps of the sum per packed block
const MC = 128; // most rows of A per packed block
const NC = 128; // most columns of B per packed block

const A_BYTES = MC * KC * 4, B_BYTES = KC * NC * 4, TILE_BYTES = MR * NR * 4;

// Scratch: packed blocks of A and B and the edge tile. Globals are per instance, so with a
// shared memory each worker's instance points them at its own region (setScratch); one
// instance alone uses the static buffers.
const staticScratch = memory.data(A_BYTES + B_BYTES + TILE_BYTES, 16);
let packedA: usize = staticScratch;
let packedB: usize = staticScratch + A_BYTES;
let tile: usize = staticScratch + A_BYTES + B_BYTES;

/** Bytes of scratch one instance needs for setScratch (a multiple of 16). */
export function scratchBytes(): i32 {
  return A_BYTES + B_BYTES + TILE_BYTES;
}

/** Points this instance's packing buffers at scratchBytes() bytes from `ptr` (16-byte aligned); 0: the static ones. */
export function setScratch(ptr: usize): void {
  if (ptr == 0) ptr = staticScratch;
  packedA = ptr;
  packedB = ptr + A_BYTES;
  tile = ptr + A_BYTES + B_BYTES;
}

// @ts-ignore: decorator
@inline function addr(p: usize, row: i32, col: i32, ld: i32): usize {
  return p + ((<usize>row * <usize>ld + <usize>col) << 2);
}

// @ts-ignore: decorator
@inline function min(x: i32, y: i32): i32 {
  return x < y ? x : y;
}

/** A short block of C (rows ≤ 4, cols ≤ width, at c, rows ldc floats apart): computed whole in `tile`, then copied back. */
function edge(width: i32, pa: usize, pb: usize, sb: usize, c: usize, rows: i32, cols: i32, ldc: i32, kb: i32, fromC: bool): void {
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) store<f32>(addr(tile, r, j, width), load<f32>(addr(c, r, j, ldc)));
  }
  column(width, pa, pb, sb, tile, <usize>width << 2, kb, 1, fromC);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) store<f32>(addr(c, r, j, ldc), load<f32>(addr(tile, r, j, width)));
  }
}

/**
 * C (m×n, rows ldc floats apart) (=|+=) op(A)·op(B), op(A)[i, p] at a + 4·(i·rsA + p·csA),
 * op(B)[p, j] at b + 4·(p·rsB + j·csB). Any block of rows or columns of a product computed
 * through it (a thread's share, say) has the bits the same elements have in the whole product.
 */
export function gemmStrided(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, csB: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, accumulate: bool): void {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (!accumulate) for (let i = 0; i < m; i++) memory.fill(addr(c, i, 0, ldc), 0, <usize>n << 2);
    return;
  }
  if (m < MR && csB == 1) return fewRows(a, rsA, csA, b, rsB, c, ldc, m, k, n, accumulate);
  const blocks = (k + KC - 1) / KC, depth = (k + blocks - 1) / blocks; // equal depth blocks, each ≤ KC
  // B's rows contiguous and short: its whole strips of 8 are read where they lie (no copy). Rows a
  // multiple of 128 bytes apart would map a strip's rows onto few L1 sets, and long rows are
  // worth packing (the copy is shared by many rows of A), so those are packed.
  const inPlace = csB == 1 && (rsB & 31) != 0 && rsB < 1024;
  for (let jc = 0; jc < n; jc += NC) {
    const cols = min(NC, n - jc);
    for (let pc = 0; pc < k; pc += depth) {
      const kb = min(depth, k - pc), fromC = accumulate || pc > 0;
      // op(B)ᵀ in strips of 8 columns, but a last strip of at most 4 is packed 4 wide: padded
      // to 8 it would cost as much as a full one. In place, only a last partial strip is packed.
      const last = (cols - 1) & ~(NR - 1), narrow = cols - last <= 4;
      const whole8 = cols - last == NR ? cols : last; // columns in strips of a full 8
      const packedFrom = inPlace ? whole8 : 0; // the first column packed; strips start at packedB
      if (packedFrom < cols) {
        const upTo = narrow ? last : cols;
        if (packedFrom < upTo) pack(b, csB, rsB, jc + packedFrom, pc, upTo - packedFrom, kb, NR, packedB);
        if (narrow) pack(b, csB, rsB, jc + last, pc, cols - last, kb, 4, packedB + (<usize>(last - packedFrom) * <usize>kb << 2));
      }
      for (let ic = 0; ic < m; ic += MC) {
        const rows = min(MC, m - ic);
        pack(a, rsA, csA, ic, pc, rows, kb, MR, packedA);
        for (let j = 0; j < cols; j += NR) {
          const width = j == last && narrow ? 4 : NR;
          const pb = j < packedFrom ? addr(b, pc, jc + j, rsB) : packedB + (<usize>(j - packedFrom) * <usize>kb << 2);
          const sb: usize = j < packedFrom ? <usize>rsB << 2 : <usize>width << 2;
          const whole = cols - j >= width ? rows / MR : 0; // blocks that lie wholly inside C
          column(width, packedA, pb, sb, addr(c, ic, jc + j, ldc), <usize>ldc << 2, kb, whole, fromC);
          for (let i = whole * MR; i < rows; i += MR) {
            const pa = packedA + (<usize>i * <usize>kb << 2);
            edge(width, pa, pb, sb, addr(c, ic + i, jc + j, ldc), min(MR, rows - i), min(width, cols - j), ldc, kb, fromC);
          }
        }
      }
    }
  }
}

/** The micro-kernel alone, on strips already packed at pa and pb (bench/gemm.ts measures its in-cache peak). */
export function microKernel(width: i32, pa: usize, pb: usize, c: usize, ldc: i32, kb: i32, blocks: i32, fromC: bool): void {
  column(width, pa, pb, <usize>width << 2, c, <usize>ldc << 2, kb, blocks, fromC);
}

/** C (m×n) = A (m×k) · B (k×n); with accumulate, C += A·B. */
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  gemmStrided(a, k, 1, b, n, 1, c, n, m, k, n, accumulate);
}

/** C (m×n) = Aᵀ·B with A stored k×m and B k×n (weight gradients: dW = Xᵀ·dY). */
export function gemmTN(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  gemmStrided(a, 1, m, b, n, 1, c, n, m, k, n, accumulate);
}

/** C (m×n) = A·Bᵀ with A m×k and B stored n×k (input gradients: dX = dY·Wᵀ); packing reads B through its strides. */
export function gemmNT(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  gemmStrided(a, k, 1, b, 1, k, c, n, m, k, n, accumulate);
}
