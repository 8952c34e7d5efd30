// The Kernels a threaded Engine hands to layers: the module's own exports, except that big
// products (and big elementwise passes) are cut into blocks, one per thread, so layers need no
// change. A block is a set of whole output rows or whole output columns, so every element of C
// is still one in-order chain over k on one thread: N threads give the bits one thread gives.
import type { Kernels } from "../core/kernels.js";
import type { Team } from "./team.js";
import { fn } from "./protocol.js";

type P = number;

/** The exports a threaded module adds to Kernels (assembly/matmul.ts): strided products and per-instance scratch. */
export interface StridedKernels extends Kernels {
  /** C (m×n, row stride ldc) (=|+=) op(A)·op(B), op(A)[i, p] at a + 4·(i·rsA + p·csA), op(B)[p, j] at b + 4·(p·rsB + j·csB). */
  gemmStrided(a: P, rsA: number, csA: number, b: P, rsB: number, csB: number, c: P, ldc: number, m: number, k: number, n: number, accumulate: number): void;
  scratchBytes(): number;
  setScratch(ptr: P): void;
}

/**
 * Products with fewer multiply-adds stay on the calling thread: waking a worker and waiting for
 * it costs tens of µs, about what 1M multiply-adds take on one core.
 */
export const MIN_PARALLEL_MACS = 1 << 20;
/** Elementwise passes shorter than this stay on the calling thread. */
export const MIN_PARALLEL_ELEMENTS = 1 << 17;

const ROW_ALIGN = 4; // the micro-kernel's rows (MR): blocks of whole row strips
const COL_ALIGN = 8; // its columns (NR)

/** Start of part `p` of `parts` over `dim`, on a multiple of `align` (the last part ends at dim). */
const bound = (p: number, parts: number, dim: number, align: number): number =>
  p === parts ? dim : Math.floor((p * dim) / parts / align + 0.5) * align;

export function parallelKernels(base: StridedKernels, team: Team): Kernels {
  const threads = team.workers + 1;

  // Cut along the longer side of C: the other operand is packed whole by every thread, and
  // the longer side's is the larger (rows: each thread packs all of op(B), k×n; columns: op(A), m×k).
  const product = (a: P, rsA: number, csA: number, b: P, rsB: number, csB: number, c: P, ldc: number,
    m: number, k: number, n: number, accumulate: number): void => {
    const byRows = n <= m, dim = byRows ? m : n, align = byRows ? ROW_ALIGN : COL_ALIGN;
    const parts = Math.min(threads, Math.floor(dim / align));
    if (parts < 2) return base.gemmStrided(a, rsA, csA, b, rsB, csB, c, ldc, m, k, n, accumulate);
    for (let p = 1; p < parts; p++) {
      const lo = bound(p, parts, dim, align), size = bound(p + 1, parts, dim, align) - lo;
      if (byRows) team.gemm(p - 1, a + 4 * lo * rsA, rsA, csA, b, rsB, csB, c + 4 * lo * ldc, ldc, size, k, n, accumulate);
      else team.gemm(p - 1, a, rsA, csA, b + 4 * lo * csB, rsB, csB, c + 4 * lo, ldc, m, k, size, accumulate);
    }
    const first = bound(1, parts, dim, align);
    try {
      if (byRows) base.gemmStrided(a, rsA, csA, b, rsB, csB, c, ldc, first, k, n, accumulate);
      else base.gemmStrided(a, rsA, csA, b, rsB, csB, c, ldc, m, k, first, accumulate);
    } finally {
      team.wait();
    }
  };

  const k = Object.create(base) as StridedKernels;
  // gemm: A m×k, B k×n.  gemmTN: A k×m (read transposed), B k×n.  gemmNT: A m×k, B n×k (read transposed).
  k.gemm = (a, b, c, m, kk, n, acc) =>
    m * kk * n < MIN_PARALLEL_MACS ? base.gemm(a, b, c, m, kk, n, acc) : product(a, kk, 1, b, n, 1, c, n, m, kk, n, acc);
  k.gemmTN = (a, b, c, m, kk, n, acc) =>
    m * kk * n < MIN_PARALLEL_MACS ? base.gemmTN(a, b, c, m, kk, n, acc) : product(a, 1, m, b, n, 1, c, n, m, kk, n, acc);
  k.gemmNT = (a, b, c, m, kk, n, acc) =>
    m * kk * n < MIN_PARALLEL_MACS ? base.gemmNT(a, b, c, m, kk, n, acc) : product(a, kk, 1, b, 1, kk, c, n, m, kk, n, acc);

  // Elementwise activations: each element depends on its own input only, so any cut gives the same bits.
  for (const name of ["identity", "step", "sigmoid", "tanh", "relu"] as const) {
    const run = base[name], kernel = fn(name);
    k[name] = (x: P, out: P, n: number): void => {
      const parts = Math.min(threads, Math.floor(n / (MIN_PARALLEL_ELEMENTS / 2)));
      if (parts < 2) return run(x, out, n);
      for (let p = 1; p < parts; p++) {
        const lo = bound(p, parts, n, 4), size = bound(p + 1, parts, n, 4) - lo;
        team.unary(p - 1, kernel, x + 4 * lo, out + 4 * lo, size);
      }
      try {
        run(x, out, bound(1, parts, n, 4));
      } finally {
        team.wait();
      }
    };
  }
  return k;
}
