// f64 oracles for assembly/batch-norm.ts: BatchNormalization over the columns of x [rows, cols].

/** μ and biased σ² of each column. */
export function moments(x: ArrayLike<number>, rows: number, cols: number): { mean: number[]; variance: number[] } {
  const mean = Array.from({ length: cols }, (_, j) => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += x[i * cols + j];
    return s / rows;
  });
  const variance = mean.map((m, j) => {
    let s = 0;
    for (let i = 0; i < rows; i++) s += (x[i * cols + j] - m) ** 2;
    return s / rows;
  });
  return { mean, variance };
}

/** y = β + γ·(x − μ)/√(σ² + ε) for the given per-column statistics. */
export function normalize(x: ArrayLike<number>, gamma: ArrayLike<number>, beta: ArrayLike<number>, mean: ArrayLike<number>,
  variance: ArrayLike<number>, rows: number, cols: number, epsilon: number): number[] {
  return Array.from({ length: rows * cols }, (_, i) => {
    const j = i % cols;
    return beta[j] + (gamma[j] * (x[i] - mean[j])) / Math.sqrt(variance[j] + epsilon);
  });
}

/** moving·momentum + batch·(1 − momentum). */
export const follow = (moving: ArrayLike<number>, batch: ArrayLike<number>, momentum: number) =>
  Array.from(moving, (v, j) => v * momentum + batch[j] * (1 - momentum));

/** dγ, dβ, dx of Σ dy ⊙ y through the batch statistics (the textbook formula). */
export function backward(x: ArrayLike<number>, gamma: ArrayLike<number>, dy: ArrayLike<number>, rows: number, cols: number,
  epsilon: number) {
  const { mean, variance } = moments(x, rows, cols);
  const dgamma = new Array<number>(cols).fill(0), dbeta = new Array<number>(cols).fill(0), dx = new Array<number>(rows * cols);
  const inv = variance.map((v) => 1 / Math.sqrt(v + epsilon));
  const hat = (i: number, j: number) => (x[i * cols + j] - mean[j]) * inv[j];
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    dbeta[j] += dy[i * cols + j];
    dgamma[j] += dy[i * cols + j] * hat(i, j);
  }
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) {
    dx[i * cols + j] = gamma[j] * inv[j] * (dy[i * cols + j] - dbeta[j] / rows - (hat(i, j) * dgamma[j]) / rows);
  }
  return { dgamma, dbeta, dx };
}
