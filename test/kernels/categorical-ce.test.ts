// assembly/losses/categorical-ce.ts ↔ test/reference/losses.ts#categoricalCrossEntropy (softmax rows;
// outputs that are not a softmax: scaled-ce.test.ts)
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, i32Of, seededValues, seededInts, maxAbsDiff, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import * as ref from "../reference/losses.js";
import { softmax } from "../reference/softmax.js";

const k = () => engine().k;
const SHAPES: [number, number][] = [[0, 3], [1, 1], [1, 3], [3, 4], [4, 5], [5, 3], [65, 101]];

/** Softmax rows (rounded to f32) and labels for a rows×cols case. */
function sample(rows: number, cols: number, seed: number) {
  const as = softmax(seededValues(rows * cols, -3, 3, seed), rows, cols).map(Math.fround);
  const labels = seededInts(rows, cols, seed + 1);
  return { as, labels, ys: ref.oneHot(labels, rows, cols) };
}

describe("categoricalCrossEntropy", () => {
  it.each(SHAPES)("one-hot and sparse match the f64 reference, %i×%i", (rows, cols) => {
    const { as, labels, ys } = sample(rows, cols, rows * 100 + cols);
    const a = tensorOf(as, rows, cols), y = tensorOf(ys, rows, cols), t = i32Of(labels);
    const expected = ref.categoricalCrossEntropy(as, ys, rows);
    expect(ref.sparseCategoricalCrossEntropy(as, labels, rows, cols)).toBeCloseTo(expected, 12);
    // −log a in f32 logf (relative ~1e-7), averaged in f64.
    expect(Math.abs(k().categoricalCrossEntropy(a.ptr, y.ptr, rows, cols) - expected)).toBeLessThanOrEqual(1e-6 * expected);
    expect(Math.abs(k().sparseCategoricalCrossEntropy(a.ptr, t, rows, cols) - expected)).toBeLessThanOrEqual(1e-6 * expected);
  });

  it("takes soft targets (label smoothing) in the one-hot form", () => {
    const rows = 4, cols = 5, { as } = sample(rows, cols, 3);
    const ys = softmax(seededValues(rows * cols, -1, 1, 4), rows, cols).map(Math.fround);
    const a = tensorOf(as, rows, cols), y = tensorOf(ys, rows, cols);
    const expected = ref.categoricalCrossEntropy(as, ys, rows);
    expect(Math.abs(k().categoricalCrossEntropy(a.ptr, y.ptr, rows, cols) - expected)).toBeLessThan(1e-6 * expected);
  });

  it("clips a at 1e-7: a zero probability on the true class costs −log(1e-7) ≈ 16.118, not Infinity", () => {
    const a = tensorOf([0, 1, 0, 1, 0, 0], 2, 3), y = tensorOf([1, 0, 0, 0, 0, 1], 2, 3), t = i32Of([0, 2]);
    const expected = -Math.log(ref.EPS); // both rows put 0 on the true class
    expect(Math.abs(k().categoricalCrossEntropy(a.ptr, y.ptr, 2, 3) - expected) / expected).toBeLessThan(1e-6);
    expect(Math.abs(k().sparseCategoricalCrossEntropy(a.ptr, t, 2, 3) - expected) / expected).toBeLessThan(1e-6);
  });

  it("a certain, correct prediction costs −log(1 − 1e-7) (the upper clip), not exactly 0", () => {
    const a = tensorOf([0, 1, 0], 1, 3), y = tensorOf([0, 1, 0], 1, 3);
    const loss = k().categoricalCrossEntropy(a.ptr, y.ptr, 1, 3);
    expect(Math.abs(loss - -Math.log(ref.ONE_MINUS_EPS))).toBeLessThan(1e-12);
  });

  it("clipping does not hide NaN: a NaN softmax row makes both losses NaN", () => {
    const a = tensorOf([0.2, 0.8, NaN, NaN], 2, 2), y = tensorOf([0, 1, 1, 0], 2, 2), t = i32Of([1, 0]);
    expect(k().categoricalCrossEntropy(a.ptr, y.ptr, 2, 2)).toBeNaN();
    expect(k().sparseCategoricalCrossEntropy(a.ptr, t, 2, 2)).toBeNaN();
  });
});

describe("softmaxCrossEntropyBackward / softmaxSparseCrossEntropyBackward (fused)", () => {
  it.each(SHAPES)("write (a − y)/m and return the loss, %i×%i", (rows, cols) => {
    const { as, labels, ys } = sample(rows, cols, rows * 100 + cols + 9);
    const a = tensorOf(as, rows, cols), y = tensorOf(ys, rows, cols), t = i32Of(labels);
    const dz = tensorOf(new Array(rows * cols).fill(5), rows, cols), ds = tensorOf(new Array(rows * cols).fill(5), rows, cols);
    const loss = k().softmaxCrossEntropyBackward(a.ptr, y.ptr, dz.ptr, rows, cols);
    const sparseLoss = k().softmaxSparseCrossEntropyBackward(a.ptr, t, ds.ptr, rows, cols);
    expect(loss).toBe(k().categoricalCrossEntropy(a.ptr, y.ptr, rows, cols));
    expect(sparseLoss).toBe(k().sparseCategoricalCrossEntropy(a.ptr, t, rows, cols));
    // |dz| ≤ 1/m; one subtraction and one product in f32.
    expect(maxAbsDiff(dz.data, ref.softmaxCrossEntropyBackward(as, ys, rows))).toBeLessThan(1e-7);
    expect(maxAbsDiff(ds.data, ref.softmaxSparseCrossEntropyBackward(as, labels, rows, cols))).toBeLessThan(1e-7);
  });

  it("may write dz over a", () => {
    const { as, labels } = sample(3, 5, 77);
    const a = tensorOf(as, 3, 5), t = i32Of(labels);
    k().softmaxSparseCrossEntropyBackward(a.ptr, t, a.ptr, 3, 5);
    expect(maxAbsDiff(a.data, ref.softmaxSparseCrossEntropyBackward(as, labels, 3, 5))).toBeLessThan(1e-7);
  });

  it("are the gradient of CE(softmax(z), y) with respect to z (central differences)", () => {
    const rows = 3, cols = 5, n = rows * cols, zs = seededValues(n, -2, 2, 12), labels = [4, 0, 2];
    const z = tensorOf(zs, rows, cols), a = tensorOf(zs, rows, cols), dz = tensorOf(zs, rows, cols);
    const y = tensorOf(ref.oneHot(labels, rows, cols), rows, cols), t = i32Of(labels);
    const dense = (p: number[]) => (z.data.set(p), k().softmax(z.ptr, a.ptr, rows, cols), k().categoricalCrossEntropy(a.ptr, y.ptr, rows, cols));
    const sparse = (p: number[]) => (z.data.set(p), k().softmax(z.ptr, a.ptr, rows, cols), k().sparseCategoricalCrossEntropy(a.ptr, t, rows, cols));
    dense(zs);
    k().softmaxCrossEntropyBackward(a.ptr, y.ptr, dz.ptr, rows, cols);
    expect(gradientCheck(dense, zs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
    sparse(zs);
    k().softmaxSparseCrossEntropyBackward(a.ptr, t, dz.ptr, rows, cols);
    expect(gradientCheck(sparse, zs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe("oneHot", () => {
  it.each(SHAPES)("writes one 1 per row at the label and zeros elsewhere, %i×%i", (rows, cols) => {
    const labels = seededInts(rows, cols, rows + cols);
    const y = tensorOf(new Array(rows * cols).fill(7), rows, cols), t = i32Of(labels);
    k().oneHot(t, y.ptr, rows, cols);
    expect(Array.from(y.data)).toEqual(ref.oneHot(labels, rows, cols));
  });
});
