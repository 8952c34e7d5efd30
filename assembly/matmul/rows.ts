// Products with fewer rows than a register block (m < 4: predict() on one sample, say). Packing
// B would copy all k·n of it to use each value once, and a padded 4-row block would waste 3/4 of
// the arithmetic, so these rows read B in place. Only for B with contiguous rows (gemm, gemmTN).
// Each element is the same in-order chain as in the packed path — (c₀ + a₀b₀) + a₁b₁ + … with
// c₀ = 0 or the old C — so the bits do not depend on which path computed it.

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

/** C (m×n, rows ldc apart) (=|+=) op(A)·B for small m, op(A)[i, p] at a + 4·(i·rsA + p·csA), B k×n with rows rsB floats apart. */
export function fewRows(a: usize, rsA: i32, csA: i32, b: usize, rsB: i32, c: usize, ldc: i32, m: i32, k: i32, n: i32, accumulate: bool): void {
  const strideA = <usize>csA << 2, strideB = <usize>rsB << 2;
  const n8 = n & ~7, n4 = n & ~3;
  for (let i = 0; i < m; i++) {
    const rowA = a + ((<usize>i * <usize>rsA) << 2), rowC = c + ((<usize>i * <usize>ldc) << 2);
    for (let j = 0; j < n8; j += 8) {
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
}
