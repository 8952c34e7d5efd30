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
import { listColumns, listRows, nonzeroMask, room } from "./sparse/lists";
import { sumsRow } from "./sparse/sums";

/** Elements of x[0..n) other than ±0 (NaN included). */
export function countNonzero(x: usize, n: i32): i32 {
  const n4 = n & ~3;
  let count = i32x4.splat(0);
  for (let i = 0; i < n4; i += 4) count = i32x4.sub(count, nonzeroMask(at(x, i))); // a true lane is -1
  let total = i32x4.extract_lane(count, 0) + i32x4.extract_lane(count, 1) + i32x4.extract_lane(count, 2) + i32x4.extract_lane(count, 3);
  for (let i = n4; i < n; i++) if (load<f32>(at(x, i)) != 0) total++;
  return total;
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
  listColumns(rows, cols, counts, lists, colCounts, colLists, p0, p1);
  for (let p = p0; p < p1; p++) {
    // term r of column p: x[r, p] · dz[r, :]
    sumsRow(at(colLists, p * rows), load<i32>(at(colCounts, p)), at(x, p), <usize>cols << 2, dz, <usize>n << 2, at(dw, p * n), n);
  }
}
