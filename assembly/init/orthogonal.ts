// The orthogonal initialiser's factorisation (TF.js' Orthogonal: Q of a normal matrix's QR, times
// sign(diag R), transposed when rows < cols). Gram–Schmidt gives that Q directly: its R has a
// positive diagonal, which is what multiplying Householder's Q by sign(diag R) makes. The vectors
// are the columns (rows ≥ cols) or the rows (rows < cols: the transpose, orthonormalised in place).
// Sums in f64, each projection done twice ("twice is enough", Giraud et al.) so f32 storage keeps
// the vectors orthogonal to ~1e-7 even for square, ill-conditioned draws.

/** Orthonormalise the min(rows, cols) vectors of the rows×cols f32 matrix at `p`, then scale by `gain`. */
export function orthonormalize(p: usize, rows: i32, cols: i32, gain: f32): void {
  const byCols = rows >= cols, count = byCols ? cols : rows, len = byCols ? rows : cols;
  // vector j starts at p + j·start; its entry e is e·step further
  const start: usize = byCols ? 4 : <usize>cols << 2, step: usize = byCols ? <usize>cols << 2 : 4;
  for (let j = 0; j < count; j++) {
    const vj = p + <usize>j * start;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const vi = p + <usize>i * start;
        let dot: f64 = 0;
        for (let e = 0; e < len; e++) dot += <f64>load<f32>(vi + <usize>e * step) * <f64>load<f32>(vj + <usize>e * step);
        for (let e = 0; e < len; e++) {
          const at = vj + <usize>e * step;
          store<f32>(at, <f32>(<f64>load<f32>(at) - dot * <f64>load<f32>(vi + <usize>e * step)));
        }
      }
    }
    let sq: f64 = 0;
    for (let e = 0; e < len; e++) sq += <f64>load<f32>(vj + <usize>e * step) * <f64>load<f32>(vj + <usize>e * step);
    const inv: f64 = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let e = 0; e < len; e++) {
      const at = vj + <usize>e * step;
      store<f32>(at, <f32>(<f64>load<f32>(at) * inv));
    }
  }
  const n = rows * cols;
  for (let k = 0; k < n; k++) store<f32>(p + (<usize>k << 2), load<f32>(p + (<usize>k << 2)) * gain);
}
