// Oracles for assembly/metrics.ts.

/** Index of the largest value of each row; the first one on ties. */
export function argmaxRows(x: ArrayLike<number>, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < cols; c++) if (x[r * cols + c] > x[r * cols + best]) best = c;
    return best;
  });
}

export const countCorrectSparse = (a: ArrayLike<number>, labels: ArrayLike<number>, rows: number, cols: number) =>
  argmaxRows(a, rows, cols).filter((p, r) => p === labels[r]).length;

export function countCorrectOneHot(a: ArrayLike<number>, y: ArrayLike<number>, rows: number, cols: number): number {
  const t = argmaxRows(y, rows, cols);
  return argmaxRows(a, rows, cols).filter((p, r) => p === t[r]).length;
}

/** Elements where (a > 0.5) and (y > 0.5) agree. */
export const countCorrectBinary = (a: ArrayLike<number>, y: ArrayLike<number>) =>
  Array.from(a).filter((ai, i) => (ai > 0.5) === (y[i] > 0.5)).length;
