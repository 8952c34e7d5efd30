// The Kernels a threaded Engine hands to layers: the module's own exports, except that big
// products (and big elementwise passes and byte gathers) are cut into chunks that the threads share, so layers need no
// change. A chunk is a set of whole output rows or whole output columns, so every element of C
// is still one in-order chain over k on one thread: N threads give the bits one thread gives.
import type { Kernels } from "../core/kernels.js";
import type { Team } from "./team.js";
import { fn } from "./protocol.js";
import { elementwiseKernels } from "../core/activations.js";

type P = number;

/**
 * Products with fewer multiply-adds stay on the calling thread. In training the workers spin
 * between the jobs of a step (protocol.ts), so a job costs a few µs, not a wake-up; measured on
 * 2 threads (best of 40×100 calls): 64×100×10 (64,000) 8.5 → 6.2 µs, gemmNT 64×10×100 9.1 → 6.1,
 * gemmTN 100×64×10 8.1 → 6.0; 48×100×10 4.5 → 3.7-5.9 (even); 32×100×10 3.0 → 4.0 (a loss).
 * A sleeping worker costs nothing extra: the calling thread claims every chunk itself.
 */
export const MIN_PARALLEL_MACS = 50_000;
/** Passes of the cheap activations (identity, step, relu) shorter than this stay on the calling thread. */
export const MIN_PARALLEL_ELEMENTS = 1 << 17;
/**
 * The activations marked `costly` in the table (core/activations.ts), sigmoid and tanh when
 * measured (an e^x an element, ~3 ns), pay from fewer: the MNIST task's 64×100 hidden layer
 * (6400) took 20.7 µs on one thread, 11.4-12.2 on two; 4096 took 13.1, 7.9-11.7 (tanh,
 * another run on a busier machine: 4096 25.6-25.9 → 14.6-16.2, 6400 39.6 → 21.5).
 */
export const MIN_PARALLEL_EXP_ELEMENTS = 1 << 12;
/**
 * Byte-input gathers of fewer elements (rows × columns) stay on the calling thread: a 64×784
 * MNIST batch (random rows) took 20.6-21.9 µs on one thread, 12.5-14.0 on two; 32×784 10.0 → 6.7-8.1.
 */
export const MIN_PARALLEL_GATHER = 1 << 14;

const ROW_ALIGN = 4; // the micro-kernel's rows (MR): chunks of whole row strips
const COL_ALIGN = 8; // its columns (NR)
/**
 * Chunks per thread. More let a thread that starts late or is slowed by another process leave
 * its share to the others; each costs one more packing of the operand every chunk reads whole
 * (64×784×100 on 2 threads, 3 runs each on a shared machine: 1 per thread 177-225 µs, 2 per
 * thread 201-208 µs; 2 kept for the late-worker case, which dominates under load).
 */
export const CHUNKS_PER_THREAD = 2;

/** How many chunks to cut `dim` into: `parts`, or fewer if `dim` has fewer multiples of `align`. */
const chunksOf = (dim: number, parts: number, align: number): number => Math.min(parts, Math.floor(dim / align));

export function parallelKernels(base: Kernels, team: Team): Kernels {
  const threads = team.workers + 1, parts = threads * CHUNKS_PER_THREAD;

  // Cut along the longer side of C: every chunk packs the other operand whole, and the longer
  // side's is the larger (rows: each chunk packs all of op(B), k×n; columns: op(A), m×k).
  const product = (a: P, rsA: number, csA: number, b: P, rsB: number, csB: number, c: P, ldc: number,
    m: number, k: number, n: number, accumulate: number): void => {
    const byRows = n <= m, dim = byRows ? m : n, align = byRows ? ROW_ALIGN : COL_ALIGN;
    if (dim < 2 * align) return base.gemmStrided(a, rsA, csA, b, rsB, csB, c, ldc, m, k, n, accumulate);
    team.gemm(a, rsA, csA, b, rsB, csB, c, ldc, m, k, n, accumulate, byRows, chunksOf(dim, parts, align), align);
  };

  const k = Object.create(base) as Kernels;
  // gemm: A m×k, B k×n.  gemmTN: A k×m (read transposed), B k×n.  gemmNT: A m×k, B n×k (read transposed).
  k.gemm = (a, b, c, m, kk, n, acc) =>
    m * kk * n < MIN_PARALLEL_MACS ? base.gemm(a, b, c, m, kk, n, acc) : product(a, kk, 1, b, n, 1, c, n, m, kk, n, acc);
  k.gemmTN = (a, b, c, m, kk, n, acc) =>
    m * kk * n < MIN_PARALLEL_MACS ? base.gemmTN(a, b, c, m, kk, n, acc) : product(a, 1, m, b, n, 1, c, n, m, kk, n, acc);
  k.gemmNT = (a, b, c, m, kk, n, acc) =>
    m * kk * n < MIN_PARALLEL_MACS ? base.gemmNT(a, b, c, m, kk, n, acc) : product(a, kk, 1, b, 1, kk, c, n, m, kk, n, acc);

  // Elementwise activations: each element depends on its own input only, so any cut gives the
  // same bits; chunks are whole SIMD vectors, so the scalar tail is the whole array's.
  for (const { kernel: name, costly } of elementwiseKernels()) {
    const run = base[name], kernel = fn(name);
    const min = costly ? MIN_PARALLEL_EXP_ELEMENTS : MIN_PARALLEL_ELEMENTS;
    k[name] = (x: P, out: P, n: number): void => {
      if (n < min) return run(x, out, n);
      team.unary(kernel, x, out, n, chunksOf(n, parts, 4));
    };
  }
  // A gather's rows are independent too. (sgdStep stays whole: 78,400 weights took 16 µs on one
  // thread and 14-18 µs cut in two, the pass being bound by memory, not by a core.)
  k.gatherRowsU8 = (src, idx, dst, count, cols, scale) => count * cols < MIN_PARALLEL_GATHER || count < 2
    ? base.gatherRowsU8(src, idx, dst, count, cols, scale)
    : team.gatherRowsU8(src, idx, dst, count, cols, scale, chunksOf(count, parts, 1));
  // Sparse products (assembly/sparse.ts): the forward's rows and the backward's columns are
  // independent. Density is at most 0.3 there, so a product of rows·cols·n < 10·MIN_PARALLEL_MACS
  // has too few multiply-adds to share.
  k.sparseForward = (x, rows, cols, counts, lists, w, n, z) => rows < 2 || rows * cols * n < 10 * MIN_PARALLEL_MACS
    ? base.sparseForward(x, rows, cols, counts, lists, w, n, z)
    : team.sparseForward(x, rows, cols, counts, lists, w, n, z, chunksOf(rows, parts, 1));
  k.sparseBackward = (x, rows, cols, counts, lists, colCounts, colLists, p0, p1, dz, n, dw) => rows * cols * n < 10 * MIN_PARALLEL_MACS
    ? base.sparseBackward(x, rows, cols, counts, lists, colCounts, colLists, p0, p1, dz, n, dw)
    : team.sparseBackward(x, rows, cols, counts, lists, colCounts, colLists, p0, p1, dz, n, dw, chunksOf(p1 - p0, parts, 1));
  // The direct convolution (assembly/conv/direct.ts): the forward's images and the filter gradient's
  // columns (blocks of 16 filters) are independent. The argument arrays are kept, so a call allocates nothing.
  const fwd: number[] = new Array(17).fill(0), grad: number[] = new Array(20).fill(0);
  k.convForward = (x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, kp, cout, z, masks, post) => {
    if (n < 2 || n * outH * outW * kh * kw * c * cout < 10 * MIN_PARALLEL_MACS) {
      return base.convForward(x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, kp, cout, z, masks, post);
    }
    fwd[0] = x; fwd[1] = h; fwd[2] = w; fwd[3] = c; fwd[4] = kh; fwd[5] = kw; fwd[6] = sH; fwd[7] = sW; fwd[8] = padTop;
    fwd[9] = padLeft; fwd[10] = outH; fwd[11] = outW; fwd[12] = kp; fwd[13] = z; fwd[14] = cout; fwd[15] = masks; fwd[16] = post;
    team.convForward(fwd, n, chunksOf(n, parts, 1));
  };
  k.convFilterGrad = (x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, masks, dz, cout, acc, dk, f0, f1, y, db) => {
    if (f0 !== 0 || f1 !== cout || cout <= 16 || n * outH * outW * kh * kw * c * cout < 10 * MIN_PARALLEL_MACS) {
      return base.convFilterGrad(x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, masks, dz, cout, acc, dk, f0, f1, y, db);
    }
    grad[0] = x; grad[1] = n; grad[2] = h; grad[3] = w; grad[4] = c; grad[5] = kh; grad[6] = kw; grad[7] = sH; grad[8] = sW;
    grad[9] = padTop; grad[10] = padLeft; grad[11] = outH; grad[12] = outW; grad[13] = masks; grad[14] = dz; grad[15] = cout;
    grad[16] = acc; grad[17] = dk; grad[18] = y; grad[19] = db;
    team.convFilterGrad(grad, cout, Math.min(parts, Math.ceil(cout / 16)));
  };
  // Pooling's images are independent too (a pass bound by memory, as the activations: the same threshold).
  const pool: number[] = new Array(14).fill(0), unpool: number[] = new Array(8).fill(0);
  k.maxPool = (x, n, h, w, c, poolH, poolW, sH, sW, padTop, padLeft, outH, outW, y, argmax) => {
    if (n < 2 || n * h * w * c < MIN_PARALLEL_ELEMENTS) {
      return base.maxPool(x, n, h, w, c, poolH, poolW, sH, sW, padTop, padLeft, outH, outW, y, argmax);
    }
    pool[0] = x; pool[1] = h; pool[2] = w; pool[3] = c; pool[4] = poolH; pool[5] = poolW; pool[6] = sH; pool[7] = sW; pool[8] = padTop;
    pool[9] = padLeft; pool[10] = outH; pool[11] = outW; pool[12] = y; pool[13] = argmax;
    team.maxPool(pool, n, chunksOf(n, parts, 1), false);
  };
  k.maxPoolBackwardTiled = (dy, argmax, n, h, w, c, poolH, poolW, dx) => {
    if (n < 2 || n * h * w * c < MIN_PARALLEL_ELEMENTS) return base.maxPoolBackwardTiled(dy, argmax, n, h, w, c, poolH, poolW, dx);
    unpool[0] = dy; unpool[1] = argmax; unpool[2] = h; unpool[3] = w; unpool[4] = c; unpool[5] = poolH; unpool[6] = poolW; unpool[7] = dx;
    team.maxPool(unpool, n, chunksOf(n, parts, 1), true);
  };
  return k;
}
