// assembly/conv/im2col.ts ↔ test/reference/conv.ts: im2col bit for bit, col2im within f32
// rounding, the adjoint identity, and conv-by-GEMM against a direct f64 convolution and TF.js.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Tensor, ShapeError } from "../../src/index.js";
import { convGeometry, im2col, col2im, type ImageShape } from "../../src/ops/conv.js";
import { gemm, gemmNT } from "../../src/ops/linear.js";
import { tensorOf, seededValues, seededInts, relativeError, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import * as ref from "../reference/conv.js";

type Case = [n: number, h: number, w: number, c: number, k: number, stride: number, padding: "valid" | "same"];
// Kernel sizes 1, 3, 5 × strides 1, 2 × both paddings, on odd/even and non-square images, several n and c.
const CASES: Case[] = [];
for (const k of [1, 3, 5]) for (const stride of [1, 2]) for (const padding of ["valid", "same"] as const) {
  CASES.push([1, 7, 7, 3, k, stride, padding], [2, 6, 9, 1, k, stride, padding], [3, 8, 5, 4, k, stride, padding]);
}
const setup = ([n, h, w, c, k, stride, padding]: Case, seed: number) => {
  const g = convGeometry("test", [h, w, c], [k, k], stride, padding);
  return { g, xs: seededValues(n * h * w * c, -2, 2, seed) };
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe("im2col / col2im", () => {
  it.each(CASES)("im2col equals the reference bit for bit: n=%i %i×%i×%i, k=%i, stride %i, %s", (...cs) => {
    const { g, xs } = setup(cs, cs[1] * 31 + cs[4]);
    const col = tensorOf(new Array(cs[0] * g.outH * g.outW * g.kh * g.kw * g.c).fill(NaN), cs[0] * g.outH * g.outW, g.kh * g.kw * g.c);
    im2col(tensorOf(xs, cs[0], cs[1] * cs[2] * cs[3]), g, col);
    expect(Array.from(col.data)).toEqual(ref.im2col(xs, cs[0], g));
  });

  it.each(CASES)("col2im equals the reference (f32 sums) and the adjoint identity holds: n=%i %i×%i×%i, k=%i, stride %i, %s", (...cs) => {
    const [n, h, w, c] = cs, { g } = setup(cs, 1), rows = n * g.outH * g.outW, cols = g.kh * g.kw * g.c;
    // Small integers: every f32 sum is exact, so <im2col(x), y> = <x, col2im(y)> must hold exactly in float64.
    const xs = seededInts(n * h * w * c, 7, cs[4]).map((v) => v - 3), ys = seededInts(rows * cols, 9, cs[1]).map((v) => v - 4);
    const x = tensorOf(xs, n, h * w * c), y = tensorOf(ys, rows, cols), dx = tensorOf(new Array(n * h * w * c).fill(NaN), n, h * w * c);
    col2im(y, g, dx);
    expect(Array.from(dx.data)).toEqual(ref.col2im(ys, n, g));
    expect(dot(im2col(x, g).data, ys)).toBe(dot(xs, dx.data));
    // Real-valued: within f32 rounding of the float64 reference; accumulate adds to what dx holds.
    const yr = seededValues(rows * cols, -1, 1, 5), dx0 = seededValues(n * h * w * c, -1, 1, 6);
    const acc = tensorOf(dx0, n, h * w * c);
    col2im(tensorOf(yr, rows, cols), g, acc, true);
    expect(relativeError(acc.data, ref.col2im(yr, n, g, dx0))).toBeLessThan(1e-6);
  });

  it.each(CASES)("conv by GEMM (im2col · kernel) equals a direct f64 convolution within 1e-5: n=%i %i×%i×%i, k=%i, stride %i, %s",
    (...cs) => {
      const [n, h, w, c] = cs, cout = 5, { g, xs } = setup(cs, 9);
      const ks = seededValues(g.kh * g.kw * c * cout, -1, 1, cs[4] + 11);
      const y = gemm(im2col(tensorOf(xs, n, h * w * c), g), tensorOf(ks, g.kh * g.kw * c, cout));
      expect(relativeError(y.data, ref.conv2d(xs, ks, n, g, cout))).toBeLessThan(1e-5);
    });

  it.each(CASES.filter((_, i) => i % 3 === 2))("conv by GEMM matches TF.js 4.22's tf.conv2d (CPU) live: n=%i %i×%i×%i, k=%i, stride %i, %s",
    async (...cs) => {
      const [n, h, w, c, k, stride, padding] = cs, cout = 4, { g, xs } = setup(cs, 13);
      await tf.setBackend("cpu");
      const ks = seededValues(k * k * c * cout, -1, 1, 17);
      const y = gemm(im2col(tensorOf(xs, n, h * w * c), g), tensorOf(ks, k * k * c, cout));
      const expected = tf.tidy(() =>
        tf.conv2d(tf.tensor4d(xs, [n, h, w, c]), tf.tensor4d(ks, [k, k, c, cout]), stride, padding).dataSync());
      expect(y.rows * y.cols).toBe(expected.length);
      expect(relativeError(y.data, expected)).toBeLessThan(1e-5);
    });

  it.each(CASES.filter((_, i) => i % 2 === 0))(
    "finite differences: the conv loss <im2col(x)·K, dy> has gradient col2im(dy·Kᵀ) in x: n=%i %i×%i×%i, k=%i, stride %i, %s", (...cs) => {
      const [n, h, w, c] = cs, cout = 3, { g, xs } = setup(cs, 21), rows = n * g.outH * g.outW;
      const kernel = tensorOf(seededValues(g.kh * g.kw * c * cout, -1, 1, 23), g.kh * g.kw * c, cout);
      const dys = seededValues(rows * cout, -1, 1, 29);
      const loss = (x: number[]) => {
        const xt = tensorOf(x, n, h * w * c), col = im2col(xt, g), y = gemm(col, kernel), value = dot(y.data, dys);
        for (const t of [xt, col, y]) t.dispose();
        return value;
      };
      const dx = Array.from(col2im(gemmNT(tensorOf(dys, rows, cout), kernel), g, Tensor.zeros(n, h * w * c)).data);
      expect(gradientCheck(loss, xs, dx).error).toBeLessThan(GRADIENT_TOLERANCE);
    });

  it("TF.js' same padding: 7×7 stride 2 k 4 gives out 4, padTop floor((3·2 + 4 − 7)/2) = 1; 'valid' gives ceil(4/2) = 2", () => {
    expect(convGeometry("t", [7, 7, 1], [4, 4], 2, "same")).toMatchObject({ outH: 4, outW: 4, padTop: 1, padLeft: 1 });
    expect(convGeometry("t", [7, 7, 1], [4, 4], 2, "valid")).toMatchObject({ outH: 2, outW: 2, padTop: 0, padLeft: 0 });
  });

  it("a hand-written 1×3×3×1 example, k 2, valid: rows are the four 2×2 windows", () => {
    const g = convGeometry("t", [3, 3, 1], [2, 2], 1, "valid");
    const windows = [[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]];
    expect(im2col(tensorOf([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 9), g).toRows()).toEqual(windows);
  });

  it("bad shapes and arguments throw ShapeErrors naming the fix", () => {
    const shape: ImageShape = [4, 4, 2], g = convGeometry("t", shape, [3, 3], 1, "valid");
    expect(() => convGeometry("im2col", [2, 2, 1], [3, 3], 1, "valid")).toThrow(/does not fit .* use 'same'/);
    expect(() => convGeometry("im2col", shape, [3, 3], 0, "same")).toThrow(/stride is 0; it must be a positive integer/);
    expect(() => convGeometry("im2col", shape, [3, 3], 1, "full" as "same")).toThrow(/use 'valid' or 'same'/);
    expect(() => im2col(Tensor.zeros(2, 31), g)).toThrow(/x has 31 columns, expected h·w·c = 4·4·2 = 32 .*reshape it/);
    expect(() => im2col(Tensor.zeros(2, 32), g, Tensor.zeros(8, 17))).toThrow(ShapeError);
    expect(() => col2im(Tensor.zeros(8, 17), g, Tensor.zeros(2, 32))).toThrow(/col is 8×17, expected 8×18/);
  });
});
