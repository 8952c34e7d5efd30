// assembly/losses/binary-ce.ts ↔ test/reference/losses.ts#binaryCrossEntropy
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, seededInts, maxAbsDiff, relativeError, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/losses.js";
import { sigmoid } from "../reference/activations.js";

const k = () => engine().k;
const probabilities = (n: number, seed: number) => seededValues(n, 0.01, 0.99, seed);
const labels01 = (n: number, seed: number) => seededInts(n, 2, seed);

describe("binaryCrossEntropy", () => {
  it.each(SIZES)("matches the f64 reference, n = %i", (n) => {
    const as = probabilities(n, n), ys = labels01(n, n);
    const a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n);
    // Terms are computed with f32 logf (relative ~1e-7) and summed in f64.
    const expected = ref.binaryCrossEntropy(as, ys);
    expect(Math.abs(k().binaryCrossEntropy(a.ptr, y.ptr, n) - expected)).toBeLessThanOrEqual(1e-6 * expected);
  });

  it("takes soft targets in [0, 1]", () => {
    const as = probabilities(37, 1), ys = seededValues(37, 0, 1, 2);
    const a = tensorOf(as, 1, 37), y = tensorOf(ys, 1, 37);
    const expected = ref.binaryCrossEntropy(as, ys);
    expect(Math.abs(k().binaryCrossEntropy(a.ptr, y.ptr, 37) - expected)).toBeLessThan(1e-6 * expected);
  });

  it("clips a to [1e-7, 1 − 1e-7] (f32 bounds): certain mistakes cost −log ε, never Infinity or NaN", () => {
    const as = [0, 1, 1e-9, 1 - 1e-9, 0, 1], ys = [1, 0, 1, 0, 0, 1];
    const a = tensorOf(as, 1, 6), y = tensorOf(ys, 1, 6);
    const loss = k().binaryCrossEntropy(a.ptr, y.ptr, 6);
    // ε = fround(1e-7); 1 − ε rounds to 0.99999988 in f32, so a = 1 costs −log(1.19e-7) = 15.94.
    const expected = (2 * -Math.log(ref.EPS) + 2 * -Math.log(1 - ref.ONE_MINUS_EPS) + 2 * -Math.log(ref.ONE_MINUS_EPS)) / 6;
    expect(loss).toBeCloseTo(ref.binaryCrossEntropy(as, ys), 5);
    expect(Math.abs(loss - expected) / expected).toBeLessThan(1e-6);
    expect((-Math.log(ref.EPS)).toFixed(3)).toBe("16.118");
  });

  it("clipping does not hide NaN: a NaN prediction makes the loss NaN", () => {
    const a = tensorOf([0.5, NaN, 0.2], 1, 3), y = tensorOf([0, 1, 1], 1, 3);
    expect(k().binaryCrossEntropy(a.ptr, y.ptr, 3)).toBeNaN();
  });

  it.each(SIZES)("backward is (a − y) / (a(1 − a)) / n with a clipped, n = %i", (n) => {
    const as = probabilities(n, n), ys = labels01(n, n);
    const a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n), da = tensorOf(as, 1, n);
    k().binaryCrossEntropyBackward(a.ptr, y.ptr, da.ptr, n);
    // |da| ≤ 100/n; f32 arithmetic gives a relative error of a few 1e-7.
    expect(relativeError(da.data, ref.binaryCrossEntropyBackward(as, ys))).toBeLessThan(1e-6);
  });

  it("backward is 0 where the clip moved a, as TF.js's and Keras' (tf.clipByValue passes no gradient there)", () => {
    // TF.js 4.22, tf.grad of tf.metrics.binaryCrossentropy(y, p).mean() at p = [[1, 1e-9], [1 − 1e-9, 1e-9]]
    // against y = [[1, 0], [0, 1]]: [0, 0, 0, 0]. Here the same four, a = 0 and a = 1, and the two
    // bounds themselves, which the clip leaves alone: (ε − 1)/(ε(1 − ε))/8 and (1 − ε − 0)/(ε(1 − ε))/8.
    const as = [1, 1e-9, 1 - 1e-9, 1e-9, 0, 1, ref.EPS, ref.ONE_MINUS_EPS], ys = [1, 0, 0, 1, 1, 0, 1, 0];
    const a = tensorOf(as, 1, 8), y = tensorOf(ys, 1, 8), da = tensorOf(new Array(8).fill(7), 1, 8);
    k().binaryCrossEntropyBackward(a.ptr, y.ptr, da.ptr, 8);
    expect(Array.from(da.data.subarray(0, 6))).toEqual([0, 0, 0, 0, 0, 0]);
    const inside = [(ref.EPS - 1) / (ref.EPS * (1 - ref.EPS)) / 8, ref.ONE_MINUS_EPS / (ref.ONE_MINUS_EPS * (1 - ref.ONE_MINUS_EPS)) / 8];
    expect(relativeError(da.data.subarray(6), inside)).toBeLessThan(1e-6);
    expect(relativeError(da.data, ref.binaryCrossEntropyBackward(as, ys))).toBeLessThan(1e-6);
  });

  it("backward keeps NaN: a NaN prediction gives a NaN gradient", () => {
    const a = tensorOf([NaN], 1, 1), y = tensorOf([1], 1, 1), da = tensorOf([0], 1, 1);
    k().binaryCrossEntropyBackward(a.ptr, y.ptr, da.ptr, 1);
    expect(da.data[0]).toBeNaN();
  });

  it("backward agrees with central differences of the loss", () => {
    // a in [0.3, 0.7]: nearer 0 or 1 the third derivative of log (2/a³) makes the eps = 1e-2
    // truncation error exceed 1e-3 relative; that is the method's limit, not the kernel's.
    const n = 20, as = seededValues(n, 0.3, 0.7, 3), ys = seededValues(n, 0, 1, 4);
    const a = tensorOf(as, 4, 5), y = tensorOf(ys, 4, 5), da = tensorOf(as, 4, 5);
    const objective = (p: number[]) => (a.data.set(p), k().binaryCrossEntropy(a.ptr, y.ptr, n));
    k().binaryCrossEntropyBackward(a.ptr, y.ptr, da.ptr, n);
    expect(gradientCheck(objective, as, da.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe("sigmoidCrossEntropyBackward (fused sigmoid + BCE)", () => {
  it.each(SIZES)("writes (a − y)/n and returns the loss, n = %i", (n) => {
    const as = probabilities(n, n + 5), ys = labels01(n, n + 6);
    const a = tensorOf(as, 1, n), y = tensorOf(ys, 1, n), dz = tensorOf(as, 1, n);
    const loss = k().sigmoidCrossEntropyBackward(a.ptr, y.ptr, dz.ptr, n);
    expect(loss).toBe(k().binaryCrossEntropy(a.ptr, y.ptr, n));
    expect(maxAbsDiff(dz.data, ref.sigmoidCrossEntropyBackward(as, ys))).toBeLessThan(1e-6);
  });

  it("is the gradient of BCE(σ(z), y) with respect to z (central differences)", () => {
    const n = 15, zs = seededValues(n, -3, 3, 9), ys = seededValues(n, 0, 1, 10);
    const z = tensorOf(zs, 3, 5), a = tensorOf(zs, 3, 5), y = tensorOf(ys, 3, 5), dz = tensorOf(zs, 3, 5);
    const objective = (p: number[]) => {
      z.data.set(p);
      k().sigmoid(z.ptr, a.ptr, n);
      return k().binaryCrossEntropy(a.ptr, y.ptr, n);
    };
    objective(zs);
    k().sigmoidCrossEntropyBackward(a.ptr, y.ptr, dz.ptr, n);
    expect(gradientCheck(objective, zs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
    expect(maxAbsDiff(dz.data, ref.sigmoidCrossEntropyBackward(zs.map(sigmoid), ys))).toBeLessThan(1e-6);
  });
});
