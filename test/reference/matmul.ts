// Plain-TypeScript oracles for assembly/matmul.ts; used only by tests, never imported by src/.
// Row-major operands. `transA`: A is stored k×m (gemmTN); `transB`: B is stored n×k (gemmNT).

export interface Shape {
  m: number;
  k: number;
  n: number;
  transA?: boolean;
  transB?: boolean;
}

const elementA = (a: ArrayLike<number>, s: Shape, i: number, p: number) => (s.transA ? a[p * s.m + i] : a[i * s.k + p]);
const elementB = (b: ArrayLike<number>, s: Shape, p: number, j: number) => (s.transB ? b[j * s.k + p] : b[p * s.n + j]);

/**
 * C = c0 + op(A)·op(B) in float64, with each element's error scale |c0| + Σ_p |a·b|
 * (a correct f32 kernel stays within a few k·2⁻²⁴ of it).
 */
export function product(a: ArrayLike<number>, b: ArrayLike<number>, c0: ArrayLike<number> | null, s: Shape) {
  const value = new Float64Array(s.m * s.n), scale = new Float64Array(s.m * s.n);
  for (let i = 0; i < s.m; i++) {
    for (let j = 0; j < s.n; j++) {
      let sum = c0 ? c0[i * s.n + j] : 0, size = Math.abs(sum);
      for (let p = 0; p < s.k; p++) {
        const t = elementA(a, s, i, p) * elementB(b, s, p, j);
        sum += t;
        size += Math.abs(t);
      }
      value[i * s.n + j] = sum;
      scale[i * s.n + j] = size;
    }
  }
  return { value, scale };
}

/**
 * The kernels' exact contract: each element is one f32 chain c = ((c0 + a₀b₀) + a₁b₁) + …,
 * p = 0..k-1 in order, rounding after every multiply and every add (wasm SIMD has no FMA).
 */
export function productF32(a: ArrayLike<number>, b: ArrayLike<number>, c0: ArrayLike<number> | null, s: Shape): Float32Array {
  const out = new Float32Array(s.m * s.n);
  for (let i = 0; i < s.m; i++) {
    for (let j = 0; j < s.n; j++) {
      let sum = c0 ? Math.fround(c0[i * s.n + j]) : 0;
      for (let p = 0; p < s.k; p++) sum = Math.fround(sum + Math.fround(elementA(a, s, i, p) * elementB(b, s, p, j)));
      out[i * s.n + j] = sum;
    }
  }
  return out;
}
