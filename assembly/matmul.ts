// Matrix products on row-major f32 (seed 003):  a1 = np.dot(X, W1),  dW = np.dot(X.T, dy),
// dX = np.dot(dy, W.T).  C (m×n) = A·B, A·Bᵀ or Aᵀ·B; with `accumulate` C += … instead of C = ….
//
// One register-blocked micro-kernel does the work: 4 rows × 8 columns of C held in eight
// f32x4 accumulators, B read along its rows, A read one scalar at a time (splat) through two
// strides, so the same code serves A (rsA = k, csA = 1) and Aᵀ (rsA = 1, csA = m).
// Edges run narrower copies of the same loop (4 and 1 columns, 1 row); no shape is special.
// Each C element is summed over p = 0..k-1 in order, so results do not depend on blocking.

// @ts-ignore: decorator
@inline function ldA(a: usize, i: i32, p: i32, rsA: i32, csA: i32): f32 {
  return load<f32>(a + ((<usize>i * <usize>rsA + <usize>p * <usize>csA) << 2));
}

// @ts-ignore: decorator
@inline function addr(p: usize, row: i32, col: i32, ld: i32): usize {
  return p + ((<usize>row * <usize>ld + <usize>col) << 2);
}

/** C[i..i+4, j..j+8] (=|+=) A[i..i+4, :]·B[:, j..j+8]. */
function block4x8(a: usize, rsA: i32, csA: i32, b: usize, c: usize, i: i32, j: i32, k: i32, n: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let pb = addr(b, 0, j, n);
  const strideB = <usize>n << 2;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    const a0 = f32x4.splat(ldA(a, i, p, rsA, csA));
    const a1 = f32x4.splat(ldA(a, i + 1, p, rsA, csA));
    const a2 = f32x4.splat(ldA(a, i + 2, p, rsA, csA));
    const a3 = f32x4.splat(ldA(a, i + 3, p, rsA, csA));
    c00 = f32x4.add(c00, f32x4.mul(a0, b0)); c01 = f32x4.add(c01, f32x4.mul(a0, b1));
    c10 = f32x4.add(c10, f32x4.mul(a1, b0)); c11 = f32x4.add(c11, f32x4.mul(a1, b1));
    c20 = f32x4.add(c20, f32x4.mul(a2, b0)); c21 = f32x4.add(c21, f32x4.mul(a2, b1));
    c30 = f32x4.add(c30, f32x4.mul(a3, b0)); c31 = f32x4.add(c31, f32x4.mul(a3, b1));
    pb += strideB;
  }
  store4(addr(c, i, j, n), c00, acc); store4(addr(c, i, j + 4, n), c01, acc);
  store4(addr(c, i + 1, j, n), c10, acc); store4(addr(c, i + 1, j + 4, n), c11, acc);
  store4(addr(c, i + 2, j, n), c20, acc); store4(addr(c, i + 2, j + 4, n), c21, acc);
  store4(addr(c, i + 3, j, n), c30, acc); store4(addr(c, i + 3, j + 4, n), c31, acc);
}

/** C[i..i+4, j..j+4] (=|+=) A[i..i+4, :]·B[:, j..j+4]. */
function block4x4(a: usize, rsA: i32, csA: i32, b: usize, c: usize, i: i32, j: i32, k: i32, n: i32, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  let pb = addr(b, 0, j, n);
  const strideB = <usize>n << 2;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb);
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(ldA(a, i, p, rsA, csA)), b0));
    c1 = f32x4.add(c1, f32x4.mul(f32x4.splat(ldA(a, i + 1, p, rsA, csA)), b0));
    c2 = f32x4.add(c2, f32x4.mul(f32x4.splat(ldA(a, i + 2, p, rsA, csA)), b0));
    c3 = f32x4.add(c3, f32x4.mul(f32x4.splat(ldA(a, i + 3, p, rsA, csA)), b0));
    pb += strideB;
  }
  store4(addr(c, i, j, n), c0, acc); store4(addr(c, i + 1, j, n), c1, acc);
  store4(addr(c, i + 2, j, n), c2, acc); store4(addr(c, i + 3, j, n), c3, acc);
}

/** One row of C, columns j..j+4. */
function block1x4(a: usize, rsA: i32, csA: i32, b: usize, c: usize, i: i32, j: i32, k: i32, n: i32, acc: bool): void {
  let c0 = f32x4.splat(0);
  let pb = addr(b, 0, j, n);
  const strideB = <usize>n << 2;
  for (let p = 0; p < k; p++) {
    c0 = f32x4.add(c0, f32x4.mul(f32x4.splat(ldA(a, i, p, rsA, csA)), v128.load(pb)));
    pb += strideB;
  }
  store4(addr(c, i, j, n), c0, acc);
}

/** One element of C, in the same summation order as the vector blocks. */
function block1x1(a: usize, rsA: i32, csA: i32, b: usize, c: usize, i: i32, j: i32, k: i32, n: i32, acc: bool): void {
  let s: f32 = 0;
  for (let p = 0; p < k; p++) s += ldA(a, i, p, rsA, csA) * load<f32>(addr(b, p, j, n));
  const pc = addr(c, i, j, n);
  store<f32>(pc, acc ? load<f32>(pc) + s : s);
}

// @ts-ignore: decorator
@inline function store4(p: usize, v: v128, acc: bool): void {
  v128.store(p, acc ? f32x4.add(v128.load(p), v) : v);
}

/** Shared driver: C (m×n) (=|+=) op(A)·B with op(A)[i, p] at a + 4·(i·rsA + p·csA), B k×n row-major. */
function product(a: usize, rsA: i32, csA: i32, b: usize, c: usize, m: i32, k: i32, n: i32, acc: bool): void {
  const m4 = m & ~3, n8 = n & ~7, n4 = n & ~3;
  for (let i = 0; i < m4; i += 4) {
    for (let j = 0; j < n8; j += 8) block4x8(a, rsA, csA, b, c, i, j, k, n, acc);
    if (n4 > n8) block4x4(a, rsA, csA, b, c, i, n8, k, n, acc);
    for (let j = n4; j < n; j++) {
      for (let r = 0; r < 4; r++) block1x1(a, rsA, csA, b, c, i + r, j, k, n, acc);
    }
  }
  for (let i = m4; i < m; i++) {
    for (let j = 0; j < n4; j += 4) block1x4(a, rsA, csA, b, c, i, j, k, n, acc);
    for (let j = n4; j < n; j++) block1x1(a, rsA, csA, b, c, i, j, k, n, acc);
  }
}

/** C (m×n) = A (m×k) · B (k×n); with accumulate, C += A·B. */
export function gemm(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  product(a, k, 1, b, c, m, k, n, accumulate);
}

/** C (m×n) = Aᵀ·B with A stored k×m and B k×n (weight gradients: dW = Xᵀ·dY). */
export function gemmTN(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool): void {
  product(a, 1, m, b, c, m, k, n, accumulate);
}

/**
 * C (m×n) = A·Bᵀ with A m×k and B stored n×k (input gradients: dX = dY·Wᵀ).
 * Bᵀ is first written to `scratch` (k·n floats) so the product runs on the fast kernel; the
 * transpose costs k·n moves against m·k·n multiply-adds.
 */
export function gemmNT(a: usize, b: usize, c: usize, m: i32, k: i32, n: i32, accumulate: bool, scratch: usize): void {
  for (let r = 0; r < n; r++) {
    for (let p = 0; p < k; p++) store<f32>(addr(scratch, p, r, n), load<f32>(addr(b, r, p, k)));
  }
  product(a, k, 1, scratch, c, m, k, n, accumulate);
}
