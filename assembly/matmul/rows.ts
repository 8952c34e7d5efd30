// Products with fewer rows than a register block (m < 4: predict() on one sample, say). Packing
// B would copy all k·n of it to use each value once, and a padded 4-row block would waste 3/4 of
// the arithmetic, so these rows read B in place. Only for B with contiguous rows (gemm, gemmTN).
// Each element is the same in-order chain as in the packed path — (c₀ + a₀b₀) + a₁b₁ + … with
// c₀ = 0 or the old C — so the bits do not depend on which path computed it.
// A row of C is computed 32 columns at a time: eight independent f32x4 sums per step of p. With
// one or two (8 columns), each step waited for the last add (a latency-bound chain), and a
// one-sample predict took twice as long.

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

/** C (m×n, rows ldc apart) (=|+=) op(A)·B for small m, op(A)[i, p] at a + 4·(i·rsA + p·csA), B k×n with rows rsB floats apart. */
export function fewRows(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, accumulate: bool): void {
  const strideA = <usize>csA << 2, strideB = <usize>rsB << 2;
  // The sum runs in chunks of B's rows that fit in L1 (≤ 16 KB), so the passes over 32 columns
  // after the first find the rows' cache lines there; between chunks the partial sums wait in C.
  const chunk = max<i32>(8, 16384 / max<i32>(<i32>strideB, 1));
  for (let i = 0; i < m; i++) {
    const rowA = a + ((<usize>i * <usize>rsA) << 2), rowC = c + ((<usize>i * <usize>ldc) << 2);
    for (let p = 0; p < k; p += chunk) {
      row(rowA + <usize>p * strideA, strideA, b + <usize>p * strideB, strideB, rowC, n, min<i32>(chunk, k - p), accumulate || p > 0);
    }
  }
}

/** One row of C over k steps of the sum: c[0..n) (=|+=) Σ_p a[p]·b[p, 0..n). */
function row(rowA: usize, strideA: usize, b: usize, strideB: usize, rowC: usize, n: i32, k: i32, accumulate: bool): void {
  const n32 = n & ~31, n8 = n & ~7, n4 = n & ~3;
  for (let j = 0; j < n32; j += 32) wide(rowA, strideA, b + (<usize>j << 2), strideB, rowC + (<usize>j << 2), k, accumulate);
  for (let j = n32; j < n8; j += 8) {
    const pc = rowC + (<usize>j << 2);
    let c0 = accumulate ? v128.load(pc) : f32x4.splat(0), c1 = accumulate ? v128.load(pc, 16) : f32x4.splat(0);
    let pa = rowA, pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      const av = v128.load32_splat(pa);
      c0 = madd(c0, av, v128.load(pb));
      c1 = madd(c1, av, v128.load(pb, 16));
      pa += strideA;
      pb += strideB;
    }
    v128.store(pc, c0);
    v128.store(pc, c1, 16);
  }
  if (n4 > n8) {
    const pc = rowC + (<usize>n8 << 2);
    let c0 = accumulate ? v128.load(pc) : f32x4.splat(0);
    let pa = rowA, pb = b + (<usize>n8 << 2);
    for (let p = 0; p < k; p++) {
      c0 = madd(c0, v128.load32_splat(pa), v128.load(pb));
      pa += strideA;
      pb += strideB;
    }
    v128.store(pc, c0);
  }
  for (let j = n4; j < n; j++) {
    const pc = rowC + (<usize>j << 2);
    let s: f32 = accumulate ? load<f32>(pc) : 0;
    let pa = rowA, pb = b + (<usize>j << 2);
    for (let p = 0; p < k; p++) {
      s += load<f32>(pa) * load<f32>(pb);
      pa += strideA;
      pb += strideB;
    }
    store<f32>(pc, s);
  }
}

/** 32 columns of one row of C: c[0..32) (=|+=) Σ_p a[p]·b[p, 0..32), a's steps strideA bytes apart, B's rows strideB. */
function wide(pa: usize, strideA: usize, pb: usize, strideB: usize, pc: usize, k: i32, accumulate: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let c4 = f32x4.splat(0), c5 = f32x4.splat(0), c6 = f32x4.splat(0), c7 = f32x4.splat(0);
  if (accumulate) {
    c0 = v128.load(pc); c1 = v128.load(pc, 16); c2 = v128.load(pc, 32); c3 = v128.load(pc, 48);
    c4 = v128.load(pc, 64); c5 = v128.load(pc, 80); c6 = v128.load(pc, 96); c7 = v128.load(pc, 112);
  }
  for (let p = 0; p < k; p++) {
    const av = v128.load32_splat(pa);
    c0 = madd(c0, av, v128.load(pb)); c1 = madd(c1, av, v128.load(pb, 16));
    c2 = madd(c2, av, v128.load(pb, 32)); c3 = madd(c3, av, v128.load(pb, 48));
    c4 = madd(c4, av, v128.load(pb, 64)); c5 = madd(c5, av, v128.load(pb, 80));
    c6 = madd(c6, av, v128.load(pb, 96)); c7 = madd(c7, av, v128.load(pb, 112));
    pa += strideA;
    pb += strideB;
  }
  v128.store(pc, c0); v128.store(pc, c1, 16); v128.store(pc, c2, 32); v128.store(pc, c3, 48);
  v128.store(pc, c4, 64); v128.store(pc, c5, 80); v128.store(pc, c6, 96); v128.store(pc, c7, 112);
}
