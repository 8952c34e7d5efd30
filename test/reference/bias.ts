// f64 oracles for assembly/bias.ts.

/** out[r, c] = x[r, c] + b[c]. */
export const addRowVector = (x: ArrayLike<number>, b: ArrayLike<number>, rows: number, cols: number) =>
  Array.from({ length: rows * cols }, (_, i) => x[i] + b[i % cols]);

/** out[c] = (accumulate ? out[c] : 0) + Σ_r x[r, c]. */
export function sumColumns(x: ArrayLike<number>, rows: number, cols: number, start?: ArrayLike<number>): number[] {
  const out = Array.from({ length: cols }, (_, c) => (start ? start[c] : 0));
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c] += x[r * cols + c];
  return out;
}
