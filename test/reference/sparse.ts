// Oracles for assembly/sparse.ts: the products over a mostly-zero x's nonzeros, each element the
// in-order f32 chain over its nonzero terms, rounding after every multiply and every add (as the
// kernels do; wasm SIMD has no FMA). A term is skipped when x's element is ±0; NaN is a term.
// Row-major operands; used only by tests, never imported by src/.

/** Elements of x other than ±0 (NaN included). */
export function countNonzero(x: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) count++; // NaN !== 0
  return count;
}

/** z (rows×n) = x (rows×cols) · w (cols×n), element [r, j] the chain over p ascending with x[r, p] ≠ 0. */
export function sparseForward(x: ArrayLike<number>, rows: number, cols: number, w: ArrayLike<number>, n: number): Float32Array {
  const z = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < cols; p++) {
        const a = x[r * cols + p];
        if (a !== 0) sum = Math.fround(sum + Math.fround(a * w[p * n + j]));
      }
      z[r * n + j] = sum;
    }
  }
  return z;
}

/**
 * Rows p0 ≤ p < p1 of dw (cols×n) = xᵀ · dz (rows×n), element [p, j] the chain over r ascending
 * with x[r, p] ≠ 0 (+0 when there is none); returned as (p1 − p0)×n.
 */
export function sparseBackward(x: ArrayLike<number>, rows: number, cols: number, dz: ArrayLike<number>, n: number, p0 = 0, p1 = cols): Float32Array {
  const dw = new Float32Array((p1 - p0) * n);
  for (let p = p0; p < p1; p++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) {
        const a = x[r * cols + p];
        if (a !== 0) sum = Math.fround(sum + Math.fround(a * dz[r * n + j]));
      }
      dw[(p - p0) * n + j] = sum;
    }
  }
  return dw;
}

/** Row r's nonzero columns, ascending (what the kernel lists for sparseForward). */
export function rowLists(x: ArrayLike<number>, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, p) => p).filter((p) => x[r * cols + p] !== 0));
}
