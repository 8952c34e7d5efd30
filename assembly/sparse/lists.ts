// Listing a sparse input's nonzeros for assembly/sparse.ts: by row, four columns at a time and
// without a branch per column, and (for dW) by column. A row's list has a fixed room (cols + 4),
// so a block of rows can be listed apart from the others (threads share a forward by rows).
import { at } from "../f32";

/** Room of one row's list of columns: cols, plus the 4-wide stores' spill. */
// @ts-ignore: decorator
@inline export function room(cols: i32): i32 {
  return cols + 4;
}

// @ts-ignore: decorator
@inline export function nonzeroMask(p: usize): v128 {
  return f32x4.ne(v128.load(p), f32x4.splat(0)); // NaN counts as nonzero: it must reach the sums
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
export function listRows(x: usize, rows: i32, cols: i32, counts: usize, lists: usize): void {
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
 * Lists column p's rows, ascending, at colLists[p·rows ..], their number in colCounts[p], for
 * p0 ≤ p < p1, from the row lists listRows made (a block of columns apart from the others).
 */
export function listColumns(rows: i32, cols: i32, counts: usize, lists: usize, colCounts: usize, colLists: usize, p0: i32, p1: i32): void {
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
}
