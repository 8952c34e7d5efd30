// assembly/gather.ts ↔ test/reference/gather.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, i32Of, readI32, seededValues, seededInts, maxAbsDiff } from "../helpers.js";
import * as ref from "../reference/gather.js";

const k = () => engine().k;
// count × cols, gathered from a source of 7 rows (or 0 when nothing is gathered).
const SHAPES: [number, number][] = [[0, 3], [1, 1], [3, 4], [4, 5], [5, 3], [65, 101], [1024, 1]];

describe("gatherRows", () => {
  it.each(SHAPES)("dst[r] = src[idx[r]] bit for bit, %i×%i", (count, cols) => {
    const srcRows = 7, src = seededValues(srcRows * cols, -1, 1, cols);
    const idx = seededInts(count, srcRows, count + cols);
    const s = tensorOf(src, srcRows, cols), i = i32Of(idx), dst = tensorOf(new Array(count * cols).fill(NaN), count, cols);
    k().gatherRows(s.ptr, i, dst.ptr, count, cols);
    expect(Array.from(dst.data)).toEqual(ref.gatherRows(src, idx, cols));
  });
});

describe("gatherRowsU8", () => {
  it.each(SHAPES)("bytes × 1/255 match the f64 reference, %i×%i", (count, cols) => {
    const srcRows = 7, heap = engine().heap;
    const bytes = seededInts(srcRows * cols, 256, cols + 3);
    bytes[0] = 255; // the top of the range maps to 1
    const src = heap.alloc(Math.max(1, bytes.length));
    heap.u8.set(bytes, src);
    const idx = seededInts(count, srcRows, count * 3 + cols);
    if (count > 0) idx[0] = 0;
    const i = i32Of(idx), dst = tensorOf(new Array(count * cols).fill(NaN), count, cols);
    k().gatherRowsU8(src, i, dst.ptr, count, cols, 1 / 255);
    // p · fround(1/255) in f32 against p/255 in f64: ≤ 1 ulp of the result plus 255 · 1.5e-11.
    const expected = ref.gatherRowsU8(bytes, idx, cols, 1 / 255);
    expect(maxAbsDiff(dst.data, expected)).toBeLessThan(1.2e-7);
    if (count > 0) expect(dst.data[0]).toBe(1);
  });
});

describe("gatherI32", () => {
  it.each([0, 1, 3, 4, 5, 1024])("dst[r] = src[idx[r]], n = %i", (n) => {
    const src = seededInts(10, 1000, 1), idx = seededInts(n, 10, n);
    const s = i32Of(src), i = i32Of(idx), dst = i32Of(new Array(n).fill(-1));
    k().gatherI32(s, i, dst, n);
    expect(readI32(dst, n)).toEqual(ref.gatherI32(src, idx));
  });
});

describe("countNonFinite", () => {
  it.each([0, 1, 3, 4, 5, 1024])("counts NaN and ±Infinity, n = %i", (n) => {
    const xs = seededValues(n, -1e38, 1e38, n);
    const bad = seededInts(n, 5, n + 1);
    const values = xs.map((v, i) => (bad[i] === 0 ? [NaN, Infinity, -Infinity][i % 3] : v));
    const x = tensorOf(values, 1, n);
    expect(k().countNonFinite(x.ptr, n)).toBe(ref.countNonFinite(values));
  });

  it("does not count the largest finite f32, −0 or subnormals", () => {
    const x = tensorOf([3.4028234663852886e38, -3.4028234663852886e38, -0, 1e-45, NaN], 1, 5);
    expect(k().countNonFinite(x.ptr, 5)).toBe(1);
  });
});
