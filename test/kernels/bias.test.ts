// assembly/bias.ts ↔ test/reference/bias.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff } from "../helpers.js";
import * as ref from "../reference/bias.js";

const k = () => engine().k;
const SHAPES: [number, number][] = [[0, 0], [0, 4], [3, 0], [1, 1], [1, 3], [3, 4], [4, 5], [5, 3], [65, 101]];

describe("addRowVector", () => {
  it.each(SHAPES)("adds b to every row, separately and in place, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -2, 2, rows * 31 + cols), bs = seededValues(cols, -1, 1, cols + 5);
    const x = tensorOf(xs, rows, cols), b = tensorOf(bs, 1, cols), out = tensorOf(new Array(rows * cols).fill(9), rows, cols);
    const expected = ref.addRowVector(xs, bs, rows, cols).map(Math.fround);
    k().addRowVector(x.ptr, b.ptr, out.ptr, rows, cols);
    // One f32 addition: the result is the correctly rounded sum, bit for bit.
    expect(Array.from(out.data)).toEqual(expected);
    k().addRowVector(x.ptr, b.ptr, x.ptr, rows, cols);
    expect(Array.from(x.data)).toEqual(expected);
    expect(Array.from(b.data)).toEqual(bs);
  });
});

describe("sumColumns", () => {
  it.each(SHAPES)("sums each column over the rows, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -2, 2, rows * 37 + cols);
    const x = tensorOf(xs, rows, cols), out = tensorOf(new Array(cols).fill(9), 1, cols);
    k().sumColumns(x.ptr, out.ptr, rows, cols, 0);
    // ≤ 65 f32 additions of terms ≤ 2 in order: error ≤ 65 · 65 · 1.2e-7 / 2 ≈ 2.5e-4 at worst,
    // ~1e-6 in practice; 1e-5 is far above the observed and far below any indexing mistake.
    expect(maxAbsDiff(out.data, ref.sumColumns(xs, rows, cols))).toBeLessThan(1e-5);
  });

  it.each(SHAPES)("with accumulate adds to what out holds, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -2, 2, rows * 41 + cols), start = seededValues(cols, -1, 1, cols);
    const x = tensorOf(xs, rows, cols), out = tensorOf(start, 1, cols);
    k().sumColumns(x.ptr, out.ptr, rows, cols, 1);
    expect(maxAbsDiff(out.data, ref.sumColumns(xs, rows, cols, start))).toBeLessThan(1e-5);
  });

  it("is the gradient of the bias add: db = Σ_rows dy (hand-computed)", () => {
    const x = tensorOf([1, 2, 3, 4, 5, 6], 3, 2), out = tensorOf([10, 20], 1, 2);
    k().sumColumns(x.ptr, out.ptr, 3, 2, 0);
    expect(Array.from(out.data)).toEqual([9, 12]);
    k().sumColumns(x.ptr, out.ptr, 3, 2, 1);
    expect(Array.from(out.data)).toEqual([18, 24]);
  });
});
