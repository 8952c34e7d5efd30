// assembly/metrics.ts ↔ test/reference/metrics.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, i32Of, readI32, seededValues, seededInts } from "../helpers.js";
import * as ref from "../reference/metrics.js";
import { oneHot } from "../reference/losses.js";

const k = () => engine().k;
const SHAPES: [number, number][] = [[0, 3], [1, 1], [1, 3], [3, 4], [4, 5], [5, 3], [65, 101]];

describe("argmaxRows", () => {
  it.each(SHAPES)("matches the reference, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -5, 5, rows * 11 + cols);
    const x = tensorOf(xs, rows, cols), out = i32Of(new Array(rows).fill(-1));
    k().argmaxRows(x.ptr, out, rows, cols);
    expect(readI32(out, rows)).toEqual(ref.argmaxRows(xs, rows, cols));
  });

  it("takes the first index on ties (as np.argmax does)", () => {
    const xs = [1, 3, 3, 0, /**/ 2, 2, 2, 2, /**/ -1, -5, -1, -9, /**/ 0, 0, 7, 7];
    const x = tensorOf(xs, 4, 4), out = i32Of([9, 9, 9, 9]);
    k().argmaxRows(x.ptr, out, 4, 4);
    expect(readI32(out, 4)).toEqual([1, 0, 0, 2]);
    expect(ref.argmaxRows(xs, 4, 4)).toEqual([1, 0, 0, 2]);
  });

  it("handles −Infinity and +Infinity", () => {
    const x = tensorOf([-Infinity, -Infinity, -3, Infinity, 1e38, Infinity], 2, 3), out = i32Of([9, 9]);
    k().argmaxRows(x.ptr, out, 2, 3);
    expect(readI32(out, 2)).toEqual([2, 0]);
  });
});

describe("countCorrect", () => {
  it.each(SHAPES)("sparse and one-hot match the reference, %i×%i", (rows, cols) => {
    const as = seededValues(rows * cols, 0, 1, rows * 13 + cols);
    // Labels from the argmax for about half the rows, random for the rest.
    const best = ref.argmaxRows(as, rows, cols), rnd = seededInts(rows, cols, rows + cols);
    const labels = best.map((b, r) => (r % 2 === 0 ? b : rnd[r]));
    const a = tensorOf(as, rows, cols), t = i32Of(labels), y = tensorOf(oneHot(labels, rows, cols), rows, cols);
    const expected = ref.countCorrectSparse(as, labels, rows, cols);
    expect(expected).toBeGreaterThanOrEqual(Math.ceil(rows / 2));
    expect(k().countCorrectSparse(a.ptr, t, rows, cols)).toBe(expected);
    expect(k().countCorrectOneHot(a.ptr, y.ptr, rows, cols)).toBe(ref.countCorrectOneHot(as, oneHot(labels, rows, cols), rows, cols));
    expect(k().countCorrectOneHot(a.ptr, y.ptr, rows, cols)).toBe(expected);
  });

  it.each([0, 1, 3, 4, 5, 1024])("binary counts elements where (a > 0.5) = (y > 0.5), n = %i", (n) => {
    const as = seededValues(n, 0, 1, n), ys = seededInts(n, 2, n + 1);
    const a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n);
    expect(k().countCorrectBinary(a.ptr, y.ptr, n)).toBe(ref.countCorrectBinary(as, ys));
  });

  it("binary: exactly 0.5 counts as class 0", () => {
    const a = tensorOf([0.5, 0.5, 0.50000006, 0.49999997], 1, 4), y = tensorOf([0, 1, 1, 0], 1, 4);
    expect(k().countCorrectBinary(a.ptr, y.ptr, 4)).toBe(3);
  });
});

describe("countPositives and confusionCounts (issue 14's precision, recall and confusion matrix)", () => {
  const k = () => engine().k;
  it("countPositives: true, predicted and actual positives at 0.5, as the reference counts", () => {
    const n = 101, as = seededValues(n, 0, 1, 51), ys = seededInts(n, 2, 52), a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n);
    for (const which of [0, 1, 2]) expect(k().countPositives(a.ptr, y.ptr, n, which)).toBe(ref.countPositives(a.data, ys, which));
  });

  it.each([[5, true], [5, false], [1, false]] as const)("confusionCounts, %i columns, sparse %s: adds to the counts already there", (cols, sparse) => {
    const rows = 37, as = seededValues(rows * cols, 0, 1, 53), labels = seededInts(rows, cols === 1 ? 2 : cols, 54);
    const yv = sparse ? labels : cols === 1 ? labels : oneHot(labels, rows, cols);
    const a = tensorOf(as, rows, cols), y = sparse ? i32Of(yv) : tensorOf(yv, rows, cols).ptr, n = cols === 1 ? 2 : cols;
    const counts = i32Of(new Array(n * n).fill(1));
    k().confusionCounts(a.ptr, y, sparse ? 1 : 0, rows, cols, counts);
    expect(readI32(counts, n * n)).toEqual(ref.confusionCounts(a.data, yv, sparse, rows, cols).flat().map((c) => c + 1));
  });
});
