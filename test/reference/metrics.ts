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

/** Outputs at the 0.5 threshold: which 0 true positives, 1 predicted positives, 2 actual positives. */
export const countPositives = (a: ArrayLike<number>, y: ArrayLike<number>, which: number) =>
  Array.from(a).filter((ai, i) => (which === 0 ? ai > 0.5 && y[i] > 0.5 : which === 1 ? ai > 0.5 : y[i] > 0.5)).length;

/** counts[t][p] of argmax (or 0.5-threshold, one column) classes; labels: integer targets. */
export function confusionCounts(a: ArrayLike<number>, y: ArrayLike<number>, sparse: boolean, rows: number, cols: number): number[][] {
  const n = cols === 1 ? 2 : cols, out = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const p = cols === 1 ? Array.from(a, (v) => +(v > 0.5)) : argmaxRows(a, rows, cols);
  const t = cols === 1 ? Array.from(y, (v) => +(v > 0.5)) : sparse ? Array.from(y) : argmaxRows(y, rows, cols);
  for (let r = 0; r < rows; r++) out[t[r]][p[r]]++;
  return out;
}
