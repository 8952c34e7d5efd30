// assembly/conv/pool.ts ↔ test/reference/pool.ts: max pooling and its argmax bit for bit (a max is
// exact), average pooling within f32 rounding, the backwards against the reference and against
// central differences, TF.js CPU's tie and NaN rules, and the wrappers' shape checks.
import { describe, it, expect } from "vitest";
import { ShapeError } from "../../src/index.js";
import { Indices } from "../../src/ops/indices.js";
import { poolGeometry, maxPool, maxPoolBackward, avgPool, avgPoolBackward, type PoolGeometry } from "../../src/ops/pool.js";
import { tensorOf, seededValues, seededInts, relativeError, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import * as ref from "../reference/pool.js";

type Pair = [number, number];
type Case = [n: number, h: number, w: number, c: number, pool: Pair, strides: Pair, padding: "valid" | "same"];
// c = 1, 3, 5, 8 (below, across and at the 4-lane width), odd and non-square images, strides equal to,
// below and above the pool, unequal pairs, both paddings; n = 0 once.
const CASES: Case[] = [];
for (const padding of ["valid", "same"] as const) {
  CASES.push(
    [2, 6, 6, 1, [2, 2], [2, 2], padding], [1, 5, 7, 3, [2, 2], [2, 2], padding], [3, 5, 5, 5, [3, 3], [1, 1], padding],
    [2, 7, 6, 8, [3, 2], [2, 1], padding], [1, 4, 9, 4, [2, 3], [3, 2], padding], [2, 5, 5, 5, [1, 1], [2, 2], padding],
    [1, 3, 3, 3, [3, 3], [3, 3], padding], [0, 4, 4, 3, [2, 2], [2, 2], padding],
  );
}
const geometry = ([, h, w, c, pool, strides, padding]: Case): PoolGeometry => poolGeometry("test", [h, w, c], pool, strides, padding);
const label = "n=%i %i×%i×%i, pool %j, strides %j, %s";
const f32 = (n: number) => new Array(n).fill(NaN);

describe("maxPool / maxPoolBackward", () => {
  it.each(CASES)(`forward and argmax equal the reference bit for bit: ${label}`, (...cs) => {
    const [n, h, w, c] = cs, g = geometry(cs), xs = seededValues(n * h * w * c, -3, 3, h * 17 + c);
    const { y, argmax } = maxPool(tensorOf(xs, n, h * w * c), g, tensorOf(f32(n * g.outH * g.outW * c), n, g.outH * g.outW * c));
    const expected = ref.maxPool(xs, n, g);
    expect(Array.from(y.data)).toEqual(expected.y);
    expect(Array.from(argmax.data)).toEqual(expected.argmax);
  });

  it.each(CASES)(`backward equals the reference exactly (small integers) and zeroes dx first: ${label}`, (...cs) => {
    const [n, h, w, c] = cs, g = geometry(cs), outs = n * g.outH * g.outW * c;
    const xs = seededValues(n * h * w * c, -3, 3, w * 5 + c), dys = seededInts(outs, 9, c).map((v) => v - 4);
    const { argmax } = maxPool(tensorOf(xs, n, h * w * c), g);
    const dx = maxPoolBackward(tensorOf(dys, n, g.outH * g.outW * c), argmax, g, tensorOf(f32(n * h * w * c), n, h * w * c));
    expect(Array.from(dx.data)).toEqual(ref.maxPoolBackward(dys, ref.maxPool(xs, n, g).argmax, n, g));
  });

  it("a tie goes to the first value in row-major window order, as TF.js CPU's maxPoolPositions (a strict >)", () => {
    // One 2×2 window, 5 channels (a v128 lane group and the scalar tail): channel ch holds its tie where listed.
    const g = poolGeometry("tie", [2, 2, 5], [2, 2], [2, 2], "valid");
    const xs = [1, 2, 0, 5, 4, /**/ 1, 7, 3, 5, 4, /**/ 0, 7, 3, 1, 4, /**/ 1, 0, 3, 5, 4];
    const { y, argmax } = maxPool(tensorOf(xs, 1, 20), g);
    expect(Array.from(y.data)).toEqual([1, 7, 3, 5, 4]);
    expect(Array.from(argmax.data)).toEqual([0, 1, 1, 0, 0]);
    const dx = maxPoolBackward(tensorOf([10, 20, 30, 40, 50], 1, 5), argmax, g, tensorOf(f32(20), 1, 20));
    expect(Array.from(dx.data)).toEqual([10, 0, 0, 40, 50, /**/ 0, 20, 30, 0, 0, /**/ 0, 0, 0, 0, 0, /**/ 0, 0, 0, 0, 0]);
  });

  it("NaN never wins (TF.js CPU: NaN > v is false): the max of the other values; an all-NaN window gives −∞ and no gradient", () => {
    const g = poolGeometry("nan", [2, 2, 4], [2, 2], [2, 2], "valid");
    const xs = [NaN, NaN, 1, NaN, /**/ 2, NaN, NaN, NaN, /**/ 3, NaN, 2, NaN, /**/ 1, NaN, NaN, -Infinity];
    const { y, argmax } = maxPool(tensorOf(xs, 1, 16), g);
    expect(Array.from(y.data)).toEqual([3, -Infinity, 2, -Infinity]);
    expect(Array.from(argmax.data)).toEqual([2, -1, 2, -1]);
    const dx = maxPoolBackward(tensorOf([1, 1, 1, 1], 1, 4), argmax, g, tensorOf(f32(16), 1, 16));
    expect(Array.from(dx.data).reduce((s, v) => s + v, 0)).toBe(2);
  });
});

describe("avgPool / avgPoolBackward", () => {
  it.each(CASES)(`forward within f32 rounding of the reference (same: divided by the in-image count): ${label}`, (...cs) => {
    const [n, h, w, c] = cs, g = geometry(cs), xs = seededValues(n * h * w * c, -3, 3, h * 13 + c);
    const y = avgPool(tensorOf(xs, n, h * w * c), g, tensorOf(f32(n * g.outH * g.outW * c), n, g.outH * g.outW * c));
    expect(relativeError(y.data, ref.avgPool(xs, n, g))).toBeLessThan(1e-6);
  });

  it.each(CASES)(`backward within f32 rounding of the reference and zeroes dx first: ${label}`, (...cs) => {
    const [n, h, w, c] = cs, g = geometry(cs), dys = seededValues(n * g.outH * g.outW * c, -1, 1, w * 3 + c);
    const dx = avgPoolBackward(tensorOf(dys, n, g.outH * g.outW * c), g, tensorOf(f32(n * h * w * c), n, h * w * c));
    expect(relativeError(dx.data, ref.avgPoolBackward(dys, n, g))).toBeLessThan(1e-6);
  });

  it("'same' divides a corner window by its in-image count: a 3×3 image of ones, pool 2, stride 2 gives all ones", () => {
    const g = poolGeometry("same", [3, 3, 1], [2, 2], [2, 2], "same");
    expect([g.outH, g.outW, g.padTop, g.padLeft]).toEqual([2, 2, 0, 0]); // the padding row and column come after
    expect(Array.from(avgPool(tensorOf(new Array(9).fill(1), 1, 9), g).data)).toEqual([1, 1, 1, 1]);
  });
});

describe("central differences of <pool(x), dy> in x", () => {
  it.each(CASES.filter(([n]) => n > 0))(`avgPool and maxPool (no near-ties): ${label}`, (...cs) => {
    const [n, h, w, c] = cs, g = geometry(cs), size = n * h * w * c, outs = n * g.outH * g.outW * c;
    // Distinct values at least 0.05 apart in a shuffled order: a ±1e-2 step never changes a window's winner.
    const order = seededValues(size, 0, 1, h + 7 * c).map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
    const xs = new Array<number>(size);
    order.forEach(([, i], rank) => (xs[i] = Math.fround(0.05 * rank - 1)));
    const dys = seededValues(outs, -1, 1, w + c), dyT = tensorOf(dys, n, g.outH * g.outW * c);
    const loss = (y: ArrayLike<number>) => Array.from(y).reduce((s, v, i) => s + v * dys[i], 0);
    const avgDx = Array.from(avgPoolBackward(dyT, g, tensorOf(f32(size), n, h * w * c)).data); // a copy: memory may grow
    expect(gradientCheck((x) => loss(avgPool(tensorOf(x, n, h * w * c), g).data), xs, avgDx).error).toBeLessThan(GRADIENT_TOLERANCE);
    const { argmax } = maxPool(tensorOf(xs, n, h * w * c), g);
    const maxDx = Array.from(maxPoolBackward(dyT, argmax, g, tensorOf(f32(size), n, h * w * c)).data);
    expect(gradientCheck((x) => loss(maxPool(tensorOf(x, n, h * w * c), g).y.data), xs, maxDx).error)
      .toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe("wrappers' checks", () => {
  it("refuse a pool larger than a 'valid' image, a bad padding, wrong columns and a short argmax, naming the fix", () => {
    expect(() => poolGeometry("maxPool", [2, 3, 1], [3, 3], [1, 1], "valid")).toThrow(/3×3 pool does not fit a 2×3 image.*'same'/);
    expect(() => poolGeometry("maxPool", [4, 4, 1], [2, 2], [0, 1], "valid")).toThrow(/stride height is 0/);
    expect(() => poolGeometry("maxPool", [4, 4, 1], [2, 2], [2, 2], "full" as never)).toThrow(/padding is 'full'; use 'valid' or 'same'/);
    const g = poolGeometry("maxPool", [4, 4, 2], [2, 2], [2, 2], "valid");
    expect(() => maxPool(tensorOf(new Array(30).fill(0), 1, 30), g)).toThrow(ShapeError);
    expect(() => avgPool(tensorOf(new Array(30).fill(0), 1, 30), g)).toThrow(/30 columns, expected h·w·c = 4·4·2 = 32/);
    expect(() => maxPool(tensorOf(new Array(32).fill(0), 1, 32), g, undefined, Indices.zeros(7))).toThrow(/argmax holds 7 indices/);
  });
});
