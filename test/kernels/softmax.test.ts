// assembly/softmax.ts ↔ test/reference/softmax.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import * as ref from "../reference/softmax.js";

const k = () => engine().k;
// rows × cols: empty, one element, columns at and around the 4-lane width, a large odd block.
const SHAPES: [number, number][] = [[0, 0], [0, 5], [1, 1], [1, 3], [2, 4], [3, 5], [65, 101], [1, 1024]];

describe("softmax", () => {
  it.each(SHAPES)("matches the f64 reference in place, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -10, 10, rows * 1000 + cols);
    const x = tensorOf(xs, rows, cols);
    k().softmax(x.ptr, x.ptr, rows, cols);
    // Probabilities ≤ 1: expf and the f32 sum (≤ 1024 terms in order) stay within ~1e-7 absolute.
    expect(maxAbsDiff(x.data, ref.softmax(xs, rows, cols))).toBeLessThan(1e-6);
  });

  it("rows sum to 1 and a separate output leaves x alone", () => {
    const xs = seededValues(65 * 101, -5, 5, 3);
    const x = tensorOf(xs, 65, 101), out = tensorOf(new Array(65 * 101).fill(0), 65, 101);
    k().softmax(x.ptr, out.ptr, 65, 101);
    expect(Array.from(x.data)).toEqual(xs);
    const o = out.data;
    for (let r = 0; r < 65; r++) {
      let s = 0;
      for (let c = 0; c < 101; c++) s += o[r * 101 + c];
      expect(Math.abs(s - 1)).toBeLessThan(1e-5); // 101 f32 roundings of terms ≤ 1
    }
  });

  it("subtracts the row max: softmax([1010, 1000, 990]) is finite", () => {
    const x = tensorOf([1010, 1000, 990], 1, 3);
    k().softmax(x.ptr, x.ptr, 1, 3);
    const d = Array.from(x.data);
    expect(d.every(Number.isFinite)).toBe(true);
    // e^0, e^−10, e^−20 over their sum: 0.9999546, 4.539787e-5, 2.061060e-9 (relative 1e-5).
    const expected = [0.99995460007, 4.5397868702e-5, 2.0610600462e-9];
    d.forEach((v, i) => expect(Math.abs(v - expected[i]) / expected[i]).toBeLessThan(1e-5));
  });

  // Issue 12: a max search that skipped the last column still passed every test above (softmax is
  // shift-invariant while nothing overflows). Here one logit is 95 and the rest are in [0, 5]: with
  // any column left out of the max, e^(95 − 5) = e^90 > 3.4e38 (f32's largest) and the row is NaN.
  // The largest sits first, in the middle and last; widths 1–9 and 17 cover a row shorter than,
  // equal to and past one or two 4-lane vectors plus every tail length.
  const WIDTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 17];
  it.each(WIDTHS)("the largest logit first, in the middle or last (width %i): the f64 reference, no NaN", (cols) => {
    const positions = [...new Set([0, cols >> 1, cols - 1])];
    const rows = positions.length;
    const xs = positions.flatMap((p, r) => seededValues(cols, 0, 5, 100 * cols + r).map((v, c) => (c === p ? 95 : v)));
    const x = tensorOf(xs, rows, cols);
    k().softmax(x.ptr, x.ptr, rows, cols);
    // Same bound as the in-place test above: probabilities ≤ 1 and ≤ 17 terms, ~1e-7 absolute.
    expect(maxAbsDiff(x.data, ref.softmax(xs, rows, cols))).toBeLessThan(1e-6);
    // The large logit's share is exactly 1 in f32: the row's sum 1 + ≤ 16·e^-90 (e^-90 ≈ 8.2e-40) rounds to 1.
    positions.forEach((p, r) => expect(x.data[r * cols + p]).toBe(1));
  });

  it("is unchanged by adding a constant to a row", () => {
    const xs = seededValues(8, -3, 3, 9);
    const a = tensorOf(xs, 2, 4), b = tensorOf(xs.map((v) => v + 50), 2, 4);
    k().softmax(a.ptr, a.ptr, 2, 4);
    k().softmax(b.ptr, b.ptr, 2, 4);
    // x + 50 rounds each x to a coarser f32 grid (ulp 4e-6 at 50), so probabilities move ≤ ~1e-5.
    expect(maxAbsDiff(a.data, b.data)).toBeLessThan(1e-5);
  });

  it.each(SHAPES)("backward matches the f64 reference in place, %i×%i", (rows, cols) => {
    const n = rows * cols;
    const as = ref.softmax(seededValues(n, -3, 3, n + 1), rows, cols).map(Math.fround);
    const dys = seededValues(n, -2, 2, n + 2);
    const a = tensorOf(as, rows, cols), dy = tensorOf(dys, rows, cols);
    k().softmaxBackward(a.ptr, dy.ptr, dy.ptr, rows, cols);
    // |dz| ≤ 4; the f32 dot product and one subtraction round to well under 1e-6.
    expect(maxAbsDiff(dy.data, ref.softmaxBackward(as, dys, rows, cols))).toBeLessThan(1e-6);
  });

  it("backward agrees with central differences of the forward", () => {
    // L(x) = Σ dy ⊙ softmax(x) over a 3×5 block: every output depends on every input of its row.
    const rows = 3, cols = 5, n = rows * cols;
    const xs = seededValues(n, -2, 2, 11), dys = seededValues(n, -1, 1, 12);
    const x = tensorOf(xs, rows, cols), a = tensorOf(xs, rows, cols), dy = tensorOf(dys, rows, cols), dz = tensorOf(xs, rows, cols);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().softmax(x.ptr, a.ptr, rows, cols);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    objective(xs);
    k().softmaxBackward(a.ptr, dy.ptr, dz.ptr, rows, cols);
    expect(gradientCheck(objective, xs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
