// Plain-TypeScript float64 oracle for assembly/init/orthogonal.ts, by another route: Householder QR
// (what TF.js' linalg.qr does), Q times sign(diag R), transposed when rows < cols, times the gain.

/** The orthogonal matrix (rows×cols, row-major) TF.js' Orthogonal makes from the normal draws `x` (rows×cols). */
export function orthogonal(x: ArrayLike<number>, rows: number, cols: number, gain: number): number[] {
  const tall = rows >= cols, m = Math.max(rows, cols), k = Math.min(rows, cols);
  // A: m×k, the vectors as columns (the transpose of x when it is wide)
  const a = Array.from({ length: m }, (_, i) => Array.from({ length: k }, (_, j) => (tall ? x[i * cols + j] : x[j * cols + i])));
  const q = Array.from({ length: m }, (_, i) => Array.from({ length: m }, (_, j) => (i === j ? 1 : 0)));
  for (let j = 0; j < k; j++) {
    const v = a.map((row, i) => (i < j ? 0 : row[j]));
    const norm = Math.sqrt(v.reduce((s, t) => s + t * t, 0)), alpha = v[j] > 0 ? -norm : norm;
    v[j] -= alpha;
    const vv = v.reduce((s, t) => s + t * t, 0);
    if (vv === 0) continue;
    for (let c = 0; c < k; c++) { // A ← (I − 2vvᵀ/vᵀv) A
      const d = (2 * v.reduce((s, t, i) => s + t * a[i][c], 0)) / vv;
      for (let i = 0; i < m; i++) a[i][c] -= d * v[i];
    }
    for (let r = 0; r < m; r++) { // Q ← Q (I − 2vvᵀ/vᵀv)
      const d = (2 * v.reduce((s, t, i) => s + t * q[r][i], 0)) / vv;
      for (let i = 0; i < m; i++) q[r][i] -= d * v[i];
    }
  }
  const out = new Array<number>(rows * cols);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) {
    const value = gain * q[i][j] * Math.sign(a[j][j]); // R's diagonal is A's now
    if (tall) out[i * cols + j] = value;
    else out[j * cols + i] = value;
  }
  return out;
}
