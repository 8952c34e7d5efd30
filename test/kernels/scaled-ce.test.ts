// assembly/losses/scaled-ce.ts ↔ test/reference/losses.ts#categoricalCrossEntropyScaled: the
// cross-entropy Keras and TF.js compute on outputs that are not a softmax (rows divided by their
// sums, then clipped), its gradient, and TF.js' own numbers for it.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, i32Of, seededValues, seededInts, relativeError, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import * as ref from "../reference/losses.js";
import { softmax } from "../reference/softmax.js";

const k = () => engine().k;
const SHAPES: [number, number][] = [[0, 3], [1, 2], [1, 3], [3, 4], [4, 5], [5, 3], [65, 101]];

/** Rows a linear layer could output: positive sums (values in [−0.5, 2)), f32. */
const linearRows = (rows: number, cols: number, seed: number) => seededValues(rows * cols, -0.5, 2, seed).map(Math.fround);

/** Run both kernels on `as`; returns their losses and gradients. */
function run(as: number[], ys: number[], labels: number[], rows: number, cols: number) {
  const a = tensorOf(as, rows, cols), y = tensorOf(ys, rows, cols), t = i32Of(labels);
  const da = tensorOf(new Array(rows * cols).fill(5), rows, cols), ds = tensorOf(new Array(rows * cols).fill(5), rows, cols);
  const loss = k().categoricalCrossEntropyScaled(a.ptr, y.ptr, da.ptr, rows, cols, 0);
  const sparse = k().sparseCategoricalCrossEntropyScaled(a.ptr, t, ds.ptr, rows, cols, 1); // TF.js' sparse form
  return { loss, sparse, da: Array.from(da.data), ds: Array.from(ds.data), a, y, t };
}

describe("categoricalCrossEntropyScaled / sparseCategoricalCrossEntropyScaled", () => {
  it.each(SHAPES)("loss and dL/da match the f64 reference on linear outputs, %i×%i", (rows, cols) => {
    const as = linearRows(rows, cols, rows * 10 + cols), labels = seededInts(rows, cols, rows + cols), ys = ref.oneHot(labels, rows, cols);
    const r = run(as, ys, labels, rows, cols);
    const dense = ref.categoricalCrossEntropyScaled(as, ys, rows), sparse = ref.sparseCategoricalCrossEntropyScaled(as, labels, rows, cols);
    // The row sum in f64, p rounded to f32 (as TF.js holds it), log in f32 logf: a few 1e-7 relative.
    expect(Math.abs(r.loss - dense.loss)).toBeLessThanOrEqual(1e-6 * Math.max(dense.loss, 1e-30));
    expect(Math.abs(r.sparse - sparse.loss)).toBeLessThanOrEqual(1e-6 * Math.max(sparse.loss, 1e-30));
    expect(relativeError(r.da, dense.grad)).toBeLessThan(1e-6);
    expect(relativeError(r.ds, sparse.grad)).toBeLessThan(1e-6);
  });

  it("the reference gradient is the derivative of the reference loss (f64 central differences)", () => {
    const rows = 3, cols = 4, as = seededValues(rows * cols, 0.3, 0.8, 5), soft = seededValues(rows * cols, 0, 1, 6);
    const { grad } = ref.categoricalCrossEntropyScaled(as, soft, rows);
    const h = 1e-6;
    const numeric = as.map((_, i) => {
      const up = as.slice(), down = as.slice();
      up[i] += h; down[i] -= h;
      return (ref.categoricalCrossEntropyScaled(up, soft, rows).loss - ref.categoricalCrossEntropyScaled(down, soft, rows).loss) / (2 * h);
    });
    expect(relativeError(grad, numeric)).toBeLessThan(1e-7);
  });

  it("dL/da agrees with central differences of the kernel's own loss (one-hot, soft, sparse)", () => {
    const rows = 3, cols = 4, as = seededValues(rows * cols, 0.3, 0.8, 7), labels = [2, 0, 3];
    for (const ys of [ref.oneHot(labels, rows, cols), seededValues(rows * cols, 0, 1, 8)]) {
      const r = run(as, ys, labels, rows, cols);
      const dense = (p: number[]) => (r.a.data.set(p), k().categoricalCrossEntropyScaled(r.a.ptr, r.y.ptr, 0, rows, cols, 0));
      const sparse = (p: number[]) => (r.a.data.set(p), k().sparseCategoricalCrossEntropyScaled(r.a.ptr, r.t, 0, rows, cols, 1));
      expect(gradientCheck(dense, as, r.da).error).toBeLessThan(GRADIENT_TOLERANCE);
      expect(gradientCheck(sparse, as, r.ds).error).toBeLessThan(GRADIENT_TOLERANCE);
    }
  });

  it("on softmax rows it is the plain cross-entropy (a row that sums to 1 divides by 1)", () => {
    const rows = 5, cols = 7, as = softmax(seededValues(rows * cols, -3, 3, 9), rows, cols).map(Math.fround);
    const labels = seededInts(rows, cols, 10), ys = ref.oneHot(labels, rows, cols), r = run(as, ys, labels, rows, cols);
    const plain = ref.categoricalCrossEntropy(as, ys, rows);
    expect(Math.abs(r.loss - plain)).toBeLessThan(1e-6 * plain);
    expect(Math.abs(r.sparse - plain)).toBeLessThan(1e-6 * plain);
  });

  it("with da = 0 it writes nothing and returns the same loss (evaluate's path)", () => {
    const as = linearRows(4, 3, 11), labels = [0, 2, 1, 1], ys = ref.oneHot(labels, 4, 3), r = run(as, ys, labels, 4, 3);
    expect(k().categoricalCrossEntropyScaled(r.a.ptr, r.y.ptr, 0, 4, 3, 0)).toBe(r.loss);
    expect(k().sparseCategoricalCrossEntropyScaled(r.a.ptr, r.t, 0, 4, 3, 1)).toBe(r.sparse);
  });

  it("labels or their one-hot rows give the same loss and gradient; clipFirst picks the form, not the target layout", () => {
    // Rows with negatives and elements above 1, where clipping first changes the answer.
    const rows = 6, cols = 4, as = seededValues(rows * cols, -1, 2.5, 13).map(Math.fround), labels = seededInts(rows, cols, 14);
    const a = tensorOf(as, rows, cols), y = tensorOf(ref.oneHot(labels, rows, cols), rows, cols), t = i32Of(labels);
    for (const clipFirst of [false, true]) {
      const d1 = tensorOf(new Array(rows * cols).fill(0), rows, cols), d2 = tensorOf(new Array(rows * cols).fill(0), rows, cols);
      expect(k().sparseCategoricalCrossEntropyScaled(a.ptr, t, d1.ptr, rows, cols, clipFirst)).toBe(k().categoricalCrossEntropyScaled(a.ptr, y.ptr, d2.ptr, rows, cols, clipFirst));
      expect(Array.from(d1.data)).toEqual(Array.from(d2.data));
    }
    const plain = ref.categoricalCrossEntropyScaled(as, ref.oneHot(labels, rows, cols), rows), first = ref.sparseCategoricalCrossEntropyScaled(as, labels, rows, cols);
    expect(Math.abs(k().sparseCategoricalCrossEntropyScaled(a.ptr, t, 0, rows, cols, 0) - plain.loss)).toBeLessThan(1e-6 * plain.loss);
    expect(Math.abs(k().sparseCategoricalCrossEntropyScaled(a.ptr, t, 0, rows, cols, 1) - first.loss)).toBeLessThan(1e-6 * first.loss);
    expect(Math.abs(plain.loss - first.loss)).toBeGreaterThan(0.05); // the two forms differ here (by 0.079)
  });

  it("may write da over a", () => {
    const as = linearRows(3, 5, 12), labels = [4, 0, 2], ys = ref.oneHot(labels, 3, 5);
    const a = tensorOf(as, 3, 5), y = tensorOf(ys, 3, 5);
    k().categoricalCrossEntropyScaled(a.ptr, y.ptr, a.ptr, 3, 5, 0);
    expect(relativeError(a.data, ref.categoricalCrossEntropyScaled(as, ys, 3).grad)).toBeLessThan(1e-6);
  });

  it("NaN is not hidden by the clip: a NaN row makes the loss NaN", () => {
    const r = run([0.2, NaN, 0.3, 0.4], [0, 1, 1, 0], [1, 0], 2, 2);
    expect(r.loss).toBeNaN();
    expect(r.sparse).toBeNaN();
  });
});

describe("TF.js' numbers (tfjs-layers 4.22 in Node, cpu backend: the compiled model's loss function and tf.grad of its mean)", () => {
  // Rows no softmax wrote: one that sums to 1, one with a negative and an element above 1, one
  // nearly certain, one with soft targets (one-hot for the sparse form: labels 1, 0, 2, 2).
  const a = [0.2, 0.5, 0.3, 2, -1, 1, 0.1, 0.1, 3, 1, 2, 3];
  const y = [0, 1, 0, 1, 0, 0, 0, 0, 1, 0.2, 0.3, 0.5], labels = [1, 0, 2, 2];
  const tfjs = {
    rows: [0.6931471824645996, 1.1920930376163597e-7, 0.06453852355480194, 1.0345091819763184],
    sparseRows: [0.6931471824645996, 0.6931472420692444, 0.18232165277004242, 1.0986123085021973],
    grad: [0.25, -0.25, 0.25, 0, 0, 0, 0.078125, 0.078125, -0.005208335816860199, -0.008333329111337662, 0.00416666641831398, 0],
    sparseGrad: [0.25, -0.25, 0.25, 0, 0, 0, 0.20833337306976318, 0.20833337306976318, 0, 0, 0, 0],
  };
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;

  it("categoricalCrossentropy: mean loss and gradient; the second row's p = [1, −0.5, 0.5] is clipped where its target is, so no gradient", () => {
    const r = run(a, y, labels, 4, 3);
    expect(r.loss).toBeCloseTo(mean(tfjs.rows), 6);
    r.da.forEach((g, i) => expect(g).toBeCloseTo(tfjs.grad[i], 6));
  });

  it("sparseCategoricalCrossentropy clips a before dividing (TF.js' order): [2, −1, 1] with label 0 costs ln 2, and gradient 0 where a was clipped", () => {
    const r = run(a, y, labels, 4, 3);
    expect(r.sparse).toBeCloseTo(mean(tfjs.sparseRows), 6);
    r.ds.forEach((g, i) => expect(g).toBeCloseTo(tfjs.sparseGrad[i], 6));
  });
});
