// assembly/sparse.ts ↔ test/reference/sparse.ts, and ↔ the dense kernels: z = x·W and dW = xᵀ·dz
// over x's nonzeros have the bits of gemm/gemmTN (a skipped zero term would only have added ±0)
// for every shape, density, block of rows (forward) and block of dW's rows (backward).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { readI32, readF32, seededValues, seededInts } from "../helpers.js";
import * as ref from "../reference/sparse.js";

const k = () => engine().k;
const heap = () => engine().heap;
const GUARD = 8; // elements past each output that must stay as they were

/** rows×cols values, about `density` of them nonzero (magnitudes 0.01..4, both signs), the rest +0 and -0 alternately. */
function sparseValues(rows: number, cols: number, density: number, seed: number): number[] {
  const size = seededValues(rows * cols, 0.01, 4, seed), sign = seededInts(rows * cols, 2, seed + 1), keep = seededValues(rows * cols, 0, 1, seed + 2);
  return size.map((v, i) => (keep[i] < density ? (sign[i] ? -v : v) : i % 2 ? -0 : 0));
}

/** A region of `n` f32 (plus the guard) filled with `fill`, or holding `values`. */
function f32Region(n: number, values?: ArrayLike<number>, fill = NaN): number {
  const p = heap().alloc((n + GUARD) * 4);
  heap().f32.fill(fill, p >>> 2, (p >>> 2) + n + GUARD);
  if (values) heap().f32.set(values, p >>> 2);
  return p;
}

function i32Region(n: number): number {
  const p = heap().alloc((n + GUARD) * 4);
  heap().i32.fill(-7, p >>> 2, (p >>> 2) + n + GUARD);
  return p;
}

/** The buffers of one forward + backward: x, w, dz in; z, dw and the lists out. */
function buffers(rows: number, cols: number, n: number, xs: ArrayLike<number>, seed: number, fill = NaN) {
  const ws = seededValues(cols * n, -1, 1, seed), dzs = seededValues(rows * n, -1, 1, seed + 3);
  return {
    xs, ws, dzs,
    x: f32Region(rows * cols, xs), w: f32Region(cols * n, ws), dz: f32Region(rows * n, dzs),
    z: f32Region(rows * n, undefined, fill), dw: f32Region(cols * n, undefined, fill),
    counts: i32Region(rows), lists: i32Region(rows * (cols + 4)), colCounts: i32Region(cols), colLists: i32Region(cols * rows),
    release() {
      for (const p of [this.x, this.w, this.dz, this.z, this.dw, this.counts, this.lists, this.colCounts, this.colLists]) heap().release(p);
    },
  };
}

/** Positions where `got` and `want` differ by Object.is (so -0 ≠ +0, NaN = NaN), the first few. */
function mismatches(got: ArrayLike<number>, want: ArrayLike<number>): string[] {
  const out: string[] = [];
  if (got.length !== want.length) return [`length ${got.length} ≠ ${want.length}`];
  for (let i = 0; i < got.length && out.length < 5; i++) if (!Object.is(got[i], want[i])) out.push(`[${i}] ${got[i]} ≠ ${want[i]}`);
  return out;
}

/** sparseForward then sparseBackward (all of dW's rows) against gemm/gemmTN and the reference. */
function checkProducts(rows: number, cols: number, n: number, xs: number[], seed: number): void {
  const b = buffers(rows, cols, n, xs, seed);
  const zDense = f32Region(rows * n), dwDense = f32Region(cols * n);
  try {
    k().sparseForward(b.x, rows, cols, b.counts, b.lists, b.w, n, b.z);
    k().sparseBackward(b.x, rows, cols, b.counts, b.lists, b.colCounts, b.colLists, 0, cols, b.dz, n, b.dw);
    k().gemm(b.x, b.w, zDense, rows, cols, n, 0);
    k().gemmTN(b.x, b.dz, dwDense, cols, rows, n, 0);
    const z = readF32(b.z, rows * n + GUARD), dw = readF32(b.dw, cols * n + GUARD);
    const shape = `${rows}×${cols}·${cols}×${n}`;
    expect(mismatches(z.slice(0, rows * n), readF32(zDense, rows * n)), `z vs gemm, ${shape}`).toEqual([]);
    expect(mismatches(dw.slice(0, cols * n), readF32(dwDense, cols * n)), `dW vs gemmTN, ${shape}`).toEqual([]);
    expect(mismatches(z.slice(0, rows * n), ref.sparseForward(xs, rows, cols, b.ws, n)), `z vs reference, ${shape}`).toEqual([]);
    expect(mismatches(dw.slice(0, cols * n), ref.sparseBackward(xs, rows, cols, b.dzs, n)), `dW vs reference, ${shape}`).toEqual([]);
    expect(z.slice(rows * n).every(Number.isNaN) && dw.slice(cols * n).every(Number.isNaN), `guards, ${shape}`).toBe(true);
    // The lists, as documented: row r's nonzero columns ascending, column p's count of nonzero rows.
    const lists = ref.rowLists(xs, rows, cols);
    expect(readI32(b.counts, rows + GUARD)).toEqual([...lists.map((l) => l.length), ...new Array(GUARD).fill(-7)]);
    lists.forEach((l, r) => expect(readI32(b.lists + 4 * r * (cols + 4), l.length)).toEqual(l));
    expect(readI32(b.lists + 4 * rows * (cols + 4), GUARD)).toEqual(new Array(GUARD).fill(-7));
    const colCounts = new Array(cols).fill(0);
    for (const l of lists) for (const p of l) colCounts[p]++;
    expect(readI32(b.colCounts, cols)).toEqual(colCounts);
  } finally {
    b.release();
    heap().release(zDense);
    heap().release(dwDense);
  }
}

describe("countNonzero", () => {
  it.each([0, 1, 3, 4, 5, 7, 16, 17, 1023])("counts all but ±0, NaN and ±Infinity included, n = %i", (n) => {
    const kinds = seededInts(n, 7, n + 5), v = seededValues(n, -2, 2, n);
    const values = kinds.map((c, i) => [0, -0, NaN, Infinity, -Infinity, 1e-45, v[i]][c]);
    const x = f32Region(n, values, 1); // the guard holds nonzeros that must not be counted
    expect(k().countNonzero(x, n)).toBe(ref.countNonzero(values));
    heap().release(x);
  });

  it("the reference and the kernel agree on each kind alone", () => {
    const x = f32Region(6, [0, -0, NaN, -Infinity, 1e-45, -1e-45]);
    expect([0, 1, 2, 3, 4, 5].map((i) => k().countNonzero(x + 4 * i, 1))).toEqual([0, 0, 1, 1, 1, 1]);
    expect(k().countNonzero(x, 6)).toBe(4);
    expect(k().countNonzero(x, 2)).toBe(0);
    heap().release(x);
  });
});

const DENSITIES = [0, 0.05, 0.2, 0.5, 1];

describe("sparseForward and sparseBackward: the bits of gemm and gemmTN, and of the reference", () => {
  // Every n on small widths: n < 4 (scalar sums), n % 4 ≠ 0 (the 4-wide block ending at n), and the 32/16/8/4 blocks.
  it.each([1, 3, 4, 5, 16, 17, 33])("cols %i: rows 1, 3, 64 × n 1, 3, 4, 5, 31, 32, 33, 100, 130 × densities 0-1", (cols) => {
    let seed = cols * 1000;
    for (const rows of [1, 3, 64]) for (const n of [1, 3, 4, 5, 31, 32, 33, 100, 130]) for (const d of DENSITIES) checkProducts(rows, cols, n, sparseValues(rows, cols, d, ++seed), seed);
  });

  it.each([[0, 5, 3], [3, 0, 4], [3, 5, 0], [0, 0, 0]])("empty shapes write what gemm writes and nothing past it: %i×%i, n %i", (rows, cols, n) => {
    checkProducts(rows, cols, n, sparseValues(rows, cols, 0.5, 61), 62);
  });

  it("784 columns (an MNIST batch), rows 1, 3, 64 × n 1, 5, 33, 100, 130", () => {
    let seed = 7;
    for (const rows of [1, 3, 64]) {
      for (const n of [1, 5, 33, 100, 130]) {
        for (const d of rows < 64 ? DENSITIES : n <= 5 ? [0, 0.05, 1] : [0.05, 0.2]) checkProducts(rows, 784, n, sparseValues(rows, 784, d, ++seed), seed);
      }
    }
  });

  it("rows of x all zero (+0 and -0): their z rows are +0 even when W has negative entries", () => {
    const rows = 5, cols = 37, n = 9, xs = sparseValues(rows, cols, 0.2, 11);
    for (const r of [0, 2, 4]) for (let p = 0; p < cols; p++) xs[r * cols + p] = p % 3 ? 0 : -0;
    checkProducts(rows, cols, n, xs, 12);
    const b = buffers(rows, cols, n, xs, 12);
    k().sparseForward(b.x, rows, cols, b.counts, b.lists, b.w, n, b.z);
    const z = readF32(b.z, rows * n);
    for (const r of [0, 2, 4]) for (let j = 0; j < n; j++) expect(Object.is(z[r * n + j], 0), `z[${r}, ${j}] = ${z[r * n + j]}`).toBe(true);
    expect(readI32(b.counts, rows).filter((_, r) => r % 2 === 0)).toEqual([0, 0, 0]);
    b.release();
  });

  it("columns of x all zero: their dW rows are exactly +0 (Object.is), others not", () => {
    const rows = 13, cols = 41, n = 35, xs = sparseValues(rows, cols, 0.3, 21);
    const empty = [0, 1, 17, 20, 40];
    for (const p of empty) for (let r = 0; r < rows; r++) xs[r * cols + p] = r % 2 ? -0 : 0;
    checkProducts(rows, cols, n, xs, 22);
    const b = buffers(rows, cols, n, xs, 22);
    k().sparseForward(b.x, rows, cols, b.counts, b.lists, b.w, n, b.z);
    k().sparseBackward(b.x, rows, cols, b.counts, b.lists, b.colCounts, b.colLists, 0, cols, b.dz, n, b.dw);
    const dw = readF32(b.dw, cols * n);
    for (let p = 0; p < cols; p++) {
      const row = dw.slice(p * n, (p + 1) * n);
      if (empty.includes(p)) expect(row.every((v) => Object.is(v, 0)), `dW row ${p}: ${row.slice(0, 4)}`).toBe(true);
      else expect(row.some((v) => v !== 0), `dW row ${p}`).toBe(true);
    }
    b.release();
  });

  it("negative zeros in x are skipped like +0: a -0 in a row that is otherwise dense changes nothing", () => {
    const rows = 7, cols = 33, n = 17;
    const xs = sparseValues(rows, cols, 1, 31);
    for (let i = 0; i < xs.length; i += 5) xs[i] = -0;
    checkProducts(rows, cols, n, xs, 32);
    // x with -0 and x with +0 at the same places give the same bits.
    const plus = xs.map((v) => (v === 0 ? 0 : v));
    const a = buffers(rows, cols, n, xs, 32), b = buffers(rows, cols, n, plus, 32);
    for (const s of [a, b]) {
      k().sparseForward(s.x, rows, cols, s.counts, s.lists, s.w, n, s.z);
      k().sparseBackward(s.x, rows, cols, s.counts, s.lists, s.colCounts, s.colLists, 0, cols, s.dz, n, s.dw);
    }
    expect(mismatches(readF32(a.z, rows * n), readF32(b.z, rows * n))).toEqual([]);
    expect(mismatches(readF32(a.dw, cols * n), readF32(b.dw, cols * n))).toEqual([]);
    a.release();
    b.release();
  });

  it("subnormal x (a nonzero), and products that overflow to ±Infinity, as the dense products", () => {
    const rows = 9, cols = 36, n = 11, xs = sparseValues(rows, cols, 0.25, 51);
    [1e-45, -1e-45, 1.1754942e-38, -3e-39].forEach((v, i) => (xs[i * 37] = Math.fround(v)));
    for (let p = 10; p < 16; p++) xs[1 * cols + p] = Math.fround(3.4e38); // row 1: six huge terms, z overflows
    for (let r = 0; r < rows; r++) xs[r * cols + 30] = Math.fround(r % 2 ? 3e38 : -3e38); // column 30: dW's row 30 overflows
    checkProducts(rows, cols, n, xs, 52);
    const b = buffers(rows, cols, n, xs, 52);
    k().sparseForward(b.x, rows, cols, b.counts, b.lists, b.w, n, b.z);
    k().sparseBackward(b.x, rows, cols, b.counts, b.lists, b.colCounts, b.colLists, 0, cols, b.dz, n, b.dw);
    expect(readF32(b.z, rows * n).some((v) => !Number.isFinite(v))).toBe(true);
    expect(readF32(b.dw, cols * n).some((v) => !Number.isFinite(v))).toBe(true);
    expect(readI32(b.lists, 1)[0]).toBe(0); // the subnormal at [0, 0] was listed
    b.release();
  });

  it("NaN in x counts as a nonzero: it reaches z's row and dW's row as in the dense products", () => {
    const rows = 6, cols = 40, n = 13, xs = sparseValues(rows, cols, 0.1, 41);
    xs[2 * cols + 7] = NaN; // row 2, column 7
    const b = buffers(rows, cols, n, xs, 42, -12345); // NaN is an expected value here: fill with something else
    const zDense = f32Region(rows * n), dwDense = f32Region(cols * n);
    k().sparseForward(b.x, rows, cols, b.counts, b.lists, b.w, n, b.z);
    k().sparseBackward(b.x, rows, cols, b.counts, b.lists, b.colCounts, b.colLists, 0, cols, b.dz, n, b.dw);
    k().gemm(b.x, b.w, zDense, rows, cols, n, 0);
    k().gemmTN(b.x, b.dz, dwDense, cols, rows, n, 0);
    const z = readF32(b.z, rows * n), dw = readF32(b.dw, cols * n);
    expect(z.filter(Number.isNaN).length).toBe(n); // all of row 2, nothing else
    expect(z.slice(2 * n, 3 * n).every(Number.isNaN)).toBe(true);
    expect(dw.slice(7 * n, 8 * n).every(Number.isNaN)).toBe(true);
    expect(dw.filter(Number.isNaN).length).toBe(n);
    expect(mismatches(z, readF32(zDense, rows * n))).toEqual([]);
    expect(mismatches(dw, readF32(dwDense, cols * n))).toEqual([]);
    expect(mismatches(z, ref.sparseForward(xs, rows, cols, b.ws, n))).toEqual([]);
    expect(mismatches(dw, ref.sparseBackward(xs, rows, cols, b.dzs, n))).toEqual([]);
    b.release();
    heap().release(zDense);
    heap().release(dwDense);
  });
});

describe("blocks (how threads share the products)", () => {
  const shapes: [number, number, number][] = [[9, 37, 35], [64, 784, 33], [5, 48, 3], [17, 100, 130]];

  it.each(shapes)("a block of rows r0..r1 of z, computed alone, is those rows of the whole z (%i×%i, n %i)", (rows, cols, n) => {
    const xs = sparseValues(rows, cols, 0.15, rows + cols), whole = buffers(rows, cols, n, xs, n);
    k().sparseForward(whole.x, rows, cols, whole.counts, whole.lists, whole.w, n, whole.z);
    const want = readF32(whole.z, rows * n);
    for (const [r0, r1] of [[0, 1], [1, Math.min(4, rows)], [Math.floor(rows / 2), rows], [rows - 1, rows]]) {
      const b = buffers(rows, cols, n, xs, n);
      const room = cols + 4;
      k().sparseForward(b.x + 4 * r0 * cols, r1 - r0, cols, b.counts + 4 * r0, b.lists + 4 * r0 * room, b.w, n, b.z + 4 * r0 * n);
      const z = readF32(b.z, rows * n + GUARD);
      expect(mismatches(z.slice(r0 * n, r1 * n), want.slice(r0 * n, r1 * n)), `rows ${r0}..${r1}`).toEqual([]);
      expect(z.filter((_, i) => i < r0 * n || i >= r1 * n).every(Number.isNaN), `outside rows ${r0}..${r1} untouched`).toBe(true);
      b.release();
    }
    whole.release();
  });

  it.each(shapes)("row blocks that cover x list it as one call does: the backward over them is gemmTN's (%i×%i, n %i)", (rows, cols, n) => {
    const xs = sparseValues(rows, cols, 0.15, 3 * rows + cols), b = buffers(rows, cols, n, xs, n + 1);
    const room = cols + 4, cut = [0, Math.floor(rows / 3), Math.floor((2 * rows) / 3), rows];
    for (let i = 0; i < 3; i++) {
      const r0 = cut[i], r1 = cut[i + 1];
      k().sparseForward(b.x + 4 * r0 * cols, r1 - r0, cols, b.counts + 4 * r0, b.lists + 4 * r0 * room, b.w, n, b.z + 4 * r0 * n);
    }
    k().sparseBackward(b.x, rows, cols, b.counts, b.lists, b.colCounts, b.colLists, 0, cols, b.dz, n, b.dw);
    const dwDense = f32Region(cols * n);
    k().gemmTN(b.x, b.dz, dwDense, cols, rows, n, 0);
    expect(mismatches(readF32(b.dw, cols * n), readF32(dwDense, cols * n))).toEqual([]);
    b.release();
    heap().release(dwDense);
  });

  it.each(shapes)("a block of dW's rows p0..p1, computed alone, is those rows of the whole dW (%i×%i, n %i)", (rows, cols, n) => {
    const xs = sparseValues(rows, cols, 0.15, rows + 2 * cols), whole = buffers(rows, cols, n, xs, n + 2);
    k().sparseForward(whole.x, rows, cols, whole.counts, whole.lists, whole.w, n, whole.z);
    k().sparseBackward(whole.x, rows, cols, whole.counts, whole.lists, whole.colCounts, whole.colLists, 0, cols, whole.dz, n, whole.dw);
    const want = readF32(whole.dw, cols * n);
    for (const [p0, p1] of [[0, 1], [1, 5], [Math.floor(cols / 3), Math.floor((2 * cols) / 3) + 1], [cols - 1, cols], [3, 3]]) {
      heap().f32.fill(NaN, whole.dw >>> 2, (whole.dw >>> 2) + cols * n + GUARD);
      k().sparseBackward(whole.x, rows, cols, whole.counts, whole.lists, whole.colCounts, whole.colLists, p0, p1, whole.dz, n, whole.dw);
      const dw = readF32(whole.dw, cols * n + GUARD);
      expect(mismatches(dw.slice(p0 * n, p1 * n), want.slice(p0 * n, p1 * n)), `dW rows ${p0}..${p1}`).toEqual([]);
      expect(mismatches(dw.slice(p0 * n, p1 * n), ref.sparseBackward(xs, rows, cols, whole.dzs, n, p0, p1)), `reference, rows ${p0}..${p1}`).toEqual([]);
      expect(dw.filter((_, i) => i < p0 * n || i >= p1 * n).every(Number.isNaN), `outside rows ${p0}..${p1} untouched`).toBe(true);
    }
    whole.release();
  });
});
