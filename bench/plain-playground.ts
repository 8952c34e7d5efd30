// The playground task (common.ts PLAYGROUND) written the obvious way in TypeScript: a 2-8-8-1
// tanh/tanh/sigmoid network, binary cross-entropy, minibatch SGD, scalar loops over Float64Arrays
// (plain JS numbers). Used by plain-ts.ts.
import { PLAYGROUND, mulberry32 } from "./common.js";

const sizes = [2, PLAYGROUND.hidden, PLAYGROUND.hidden, 1];

/** Train a fresh network on (x, y); returns its outputs on x afterwards. */
export function trainPlayground(x: Float32Array, y: Float32Array, n: number): Float64Array {
  const random = mulberry32(42), B = PLAYGROUND.batchSize, lr = PLAYGROUND.learningRate;
  const W = sizes.slice(1).map((out, l) => {
    const limit = Math.sqrt(6 / (sizes[l] + out));
    return Float64Array.from({ length: sizes[l] * out }, () => (random() * 2 - 1) * limit);
  });
  const b = sizes.slice(1).map((out) => new Float64Array(out));
  const a = sizes.map((s) => new Float64Array(B * s)), d = sizes.map((s) => new Float64Array(B * s));
  const order = Int32Array.from({ length: n }, (_, i) => i);

  const forward = (rows: number) => {
    for (let l = 0; l < 3; l++) {
      const inp = a[l], out = a[l + 1], k = sizes[l], m = sizes[l + 1], w = W[l];
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < m; j++) {
          let s = b[l][j];
          for (let p = 0; p < k; p++) s += inp[r * k + p] * w[p * m + j];
          out[r * m + j] = l < 2 ? Math.tanh(s) : 1 / (1 + Math.exp(-s));
        }
      }
    }
  };
  for (let epoch = 0; epoch < PLAYGROUND.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1)), t = order[i];
      order[i] = order[j]; order[j] = t;
    }
    for (let start = 0; start < n; start += B) {
      const rows = Math.min(B, n - start);
      for (let r = 0; r < rows; r++) { a[0][2 * r] = x[2 * order[start + r]]; a[0][2 * r + 1] = x[2 * order[start + r] + 1]; }
      forward(rows);
      for (let r = 0; r < rows; r++) d[3][r] = (a[3][r] - y[order[start + r]]) / rows; // sigmoid + BCE
      for (let l = 2; l >= 0; l--) {
        const k = sizes[l], m = sizes[l + 1], w = W[l];
        if (l > 0) {
          for (let r = 0; r < rows; r++) {
            for (let p = 0; p < k; p++) {
              let s = 0;
              for (let j = 0; j < m; j++) s += d[l + 1][r * m + j] * w[p * m + j];
              const act = a[l][r * k + p];
              d[l][r * k + p] = s * (1 - act * act);
            }
          }
        }
        for (let p = 0; p < k; p++) {
          for (let j = 0; j < m; j++) {
            let g = 0;
            for (let r = 0; r < rows; r++) g += a[l][r * k + p] * d[l + 1][r * m + j];
            w[p * m + j] -= lr * g;
          }
        }
        for (let j = 0; j < m; j++) {
          let g = 0;
          for (let r = 0; r < rows; r++) g += d[l + 1][r * m + j];
          b[l][j] -= lr * g;
        }
      }
    }
  }
  const out = new Float64Array(n);
  for (let start = 0; start < n; start += B) {
    const rows = Math.min(B, n - start);
    a[0].set(x.subarray(2 * start, 2 * (start + rows)));
    forward(rows);
    out.set(a[3].subarray(0, rows), start);
  }
  return out;
}
