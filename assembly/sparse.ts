// Products with a mostly-zero input (an MNIST batch is ~81% zero pixels): z = x·W and dW = xᵀ·dz
// over x's nonzeros only. A zero term adds x·w = ±0 to its sum, which leaves the sum as it was (a
// sum that starts at +0 never becomes -0 by adding ±0), so skipping it keeps every element of z
// and dW the in-order chain over p (or r) that gemm/gemmTN compute: the same bits, for finite W
// and dz. src/layers/sparse-input.ts decides when a batch is sparse enough to go this way.
//
// The nonzeros are listed by row for z (row r's sums stay in registers while its nonzeros go by)
// and by column for dW (row p of dW stays in registers while column p's nonzeros go by). Lists
// have a fixed room per row (cols + 4) and per column (rows), so a block of rows or columns is
// independent of the others: threads can share a product by rows (forward) or columns (backward).
// Values are read from x itself.
import { at } from "./f32";

/** Room of one row's list of columns: cols, plus the 4-wide stores' spill. */
// @ts-ignore: decorator
@inline function room(cols: i32): i32 {
  return cols + 4;
}

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b)); // two roundings, as in the GEMM micro-kernel
}

// @ts-ignore: decorator
@inline function nonzeroMask(p: usize): v128 {
  return f32x4.ne(v128.load(p), f32x4.splat(0)); // NaN counts as nonzero: it must reach the sums
}

/** Elements of x[0..n) other than ±0 (NaN included). */
export function countNonzero(x: usize, n: i32): i32 {
  const n4 = n & ~3;
  let count = i32x4.splat(0);
  for (let i = 0; i < n4; i += 4) count = i32x4.sub(count, nonzeroMask(at(x, i))); // a true lane is -1
  let total = i32x4.extract_lane(count, 0) + i32x4.extract_lane(count, 1) + i32x4.extract_lane(count, 2) + i32x4.extract_lane(count, 3);
  for (let i = n4; i < n; i++) if (load<f32>(at(x, i)) != 0) total++;
  return total;
}

// Lane selections for the 16 masks of four lanes: the selected i32 lanes first, in order.
const COMPRESS = memory.data<u8>([
  0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, /* 0000 */ 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, /* 0001 */
  4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, /* 0010 */ 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3, /* 0011 */
  8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, /* 0100 */ 0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3, /* 0101 */
  4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 0, 1, 2, 3, /* 0110 */ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, /* 0111 */
  12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, /* 1000 */ 0, 1, 2, 3, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, /* 1001 */
  4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, /* 1010 */ 0, 1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15, 0, 1, 2, 3, /* 1011 */
  8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 0, 1, 2, 3, /* 1100 */ 0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, /* 1101 */
  4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, /* 1110 */ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, /* 1111 */
]);

/** Appends columns c..c+3 whose lanes of `mask` are set to the list at its n-th place; returns the new length. */
// @ts-ignore: decorator
@inline function listed(list: usize, n: i32, mask: v128, c: i32): i32 {
  const bits = i32x4.bitmask(mask);
  v128.store(at(list, n), i8x16.swizzle(i32x4.add(i32x4.splat(c), i32x4(0, 1, 2, 3)), v128.load(COMPRESS + (<usize>bits << 4))));
  return n + popcnt(bits);
}

/**
 * Lists row r's nonzero columns, ascending, at lists[r·(cols+4) ..], their number in counts[r],
 * for r < rows. Four columns at a time without a branch: the selected indices are moved to the
 * front of a vector (a table of swizzles) and all four stored; the count advances by how many.
 */
function listRows(x: usize, rows: i32, cols: i32, counts: usize, lists: usize): void {
  const c4 = cols & ~3, c16 = cols & ~15;
  for (let r = 0; r < rows; r++) {
    const row = at(x, r * cols), list = at(lists, r * room(cols));
    let n = 0;
    for (let c = 0; c < c16; c += 16) {
      const p = at(row, c);
      const m0 = nonzeroMask(p), m1 = nonzeroMask(p + 16), m2 = nonzeroMask(p + 32), m3 = nonzeroMask(p + 48);
      if (!v128.any_true(v128.or(v128.or(m0, m1), v128.or(m2, m3)))) continue; // 16 zeros (an image's margin): one test
      n = listed(list, n, m0, c); n = listed(list, n, m1, c + 4);
      n = listed(list, n, m2, c + 8); n = listed(list, n, m3, c + 12);
    }
    for (let c = c16; c < c4; c += 4) n = listed(list, n, nonzeroMask(at(row, c)), c);
    for (let c = c4; c < cols; c++) if (load<f32>(at(row, c)) != 0) store<i32>(at(list, n++), c);
    store<i32>(at(counts, r), n);
  }
}

/**
 * out[0 .. 32) = Σ over the listed terms, in list order, of a·b[0 .. 32): term q has
 * a = the f32 at a0 + i·stepA and b the row at b0 + i·stepB, where i = list[q].
 */
// @ts-ignore: decorator
@inline function sums32(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  for (let q = 0; q < count; q++) {
    const i = <usize>load<i32>(at(list, q));
    const a = v128.load32_splat(a0 + i * stepA), b = b0 + i * stepB;
    s0 = madd(s0, a, v128.load(b)); s1 = madd(s1, a, v128.load(b, 16));
    s2 = madd(s2, a, v128.load(b, 32)); s3 = madd(s3, a, v128.load(b, 48));
    s4 = madd(s4, a, v128.load(b, 64)); s5 = madd(s5, a, v128.load(b, 80));
    s6 = madd(s6, a, v128.load(b, 96)); s7 = madd(s7, a, v128.load(b, 112));
  }
  v128.store(out, s0); v128.store(out, s1, 16); v128.store(out, s2, 32); v128.store(out, s3, 48);
  v128.store(out, s4, 64); v128.store(out, s5, 80); v128.store(out, s6, 96); v128.store(out, s7, 112);
}

/** One output row of n sums over the listed terms (see sums32): 32 at a time, then 4, then 1. */
function sumsRow(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize, n: i32): void {
  let j = 0;
  for (; j + 32 <= n; j += 32) sums32(list, count, a0, stepA, at(b0, j), stepB, at(out, j));
  for (; j + 4 <= n; j += 4) {
    let s = f32x4.splat(0);
    for (let q = 0; q < count; q++) {
      const i = <usize>load<i32>(at(list, q));
      s = madd(s, v128.load32_splat(a0 + i * stepA), v128.load(at(b0, j) + i * stepB));
    }
    v128.store(at(out, j), s);
  }
  for (; j < n; j++) {
    let s: f32 = 0;
    for (let q = 0; q < count; q++) {
      const i = <usize>load<i32>(at(list, q));
      s += load<f32>(a0 + i * stepA) * load<f32>(at(b0, j) + i * stepB);
    }
    store<f32>(at(out, j), s);
  }
}

/**
 * z (rows×n) = x (rows×cols) · w (cols×n) over x's nonzeros, which it lists first (counts: rows
 * i32, lists: rows·(cols+4) i32, kept for sparseBackward). A block of rows is computed alone.
 */
export function sparseForward(x: usize, rows: i32, cols: i32, counts: usize, lists: usize, w: usize, n: i32, z: usize): void {
  listRows(x, rows, cols, counts, lists);
  for (let r = 0; r < rows; r++) {
    // term p of row r: x[r, p] · w[p, :]
    sumsRow(at(lists, r * room(cols)), load<i32>(at(counts, r)), at(x, r * cols), 4, w, <usize>n << 2, at(z, r * n), n);
  }
}

/**
 * Rows p0 ≤ p < p1 of dw (cols×n) = xᵀ · dz (rows×n) over x's nonzeros as sparseForward listed
 * them: column p's rows are listed at colLists[p·rows ..] (colCounts: cols i32, colLists:
 * cols·rows i32), then its sums formed; a row with none is 0. A block of columns is computed alone.
 */
export function sparseBackward(x: usize, rows: i32, cols: i32, counts: usize, lists: usize, colCounts: usize, colLists: usize, p0: i32, p1: i32, dz: usize, n: i32, dw: usize): void {
  memory.fill(at(colCounts, p0), 0, <usize>(p1 - p0) << 2);
  for (let r = 0; r < rows; r++) { // rows in order, so each column's list is ascending
    const list = at(lists, r * room(cols)), count = load<i32>(at(counts, r));
    let lo = 0, hi = count; // the first listed column ≥ p0 (the list is ascending)
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (load<i32>(at(list, mid)) < p0) lo = mid + 1;
      else hi = mid;
    }
    for (let q = lo; q < count; q++) {
      const p = load<i32>(at(list, q));
      if (p >= p1) break;
      const c = at(colCounts, p), k = load<i32>(c);
      store<i32>(at(colLists, p * rows + k), r);
      store<i32>(c, k + 1);
    }
  }
  for (let p = p0; p < p1; p++) {
    // term r of column p: x[r, p] · dz[r, :]
    sumsRow(at(colLists, p * rows), load<i32>(at(colCounts, p)), at(x, p), <usize>cols << 2, dz, <usize>n << 2, at(dw, p * n), n);
  }
}
