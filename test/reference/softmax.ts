// f64 oracle for assembly/softmax.ts, row by row, with the row max subtracted.

/** softmax of each row of a row-major rows×cols array. */
export function softmax(x: ArrayLike<number>, rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: cols }, (_, c) => x[r * cols + c]);
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const sum = e.reduce((s, v) => s + v, 0);
    out.push(...e.map((v) => v / sum));
  }
  return out;
}

/** dz = a ⊙ (dy − Σ_j dy_j a_j) per row: the Jacobian-vector product of softmax. */
export function softmaxBackward(a: ArrayLike<number>, dy: ArrayLike<number>, rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let dot = 0;
    for (let c = 0; c < cols; c++) dot += dy[r * cols + c] * a[r * cols + c];
    for (let c = 0; c < cols; c++) out.push(a[r * cols + c] * (dy[r * cols + c] - dot));
  }
  return out;
}
