// Lesson 9's course functions: numericalGradient and gradientDescent against the book's printed
// figures, and TwoLayerNet's backprop gradient against its numerical one (float32: see the bounds).
import { describe, it, expect } from "vitest";
import { numericalGradient, gradientDescent, TwoLayerNet, Tensor, Indices, ModelError, ShapeError } from "../../src/index.js";

const function2 = (x: ArrayLike<number>) => x[0] * x[0] + x[1] * x[1];

describe("numericalGradient and gradientDescent (Saito 4.3-4.4)", () => {
  it("the gradient of x0² + x1² at the book's three points, and the descent from (−3, 4)", () => {
    expect(Array.from(numericalGradient(function2, [3, 4]))).toEqual([expect.closeTo(6, 9), expect.closeTo(8, 9)]);
    expect(Array.from(numericalGradient(function2, [0, 2]))).toEqual([expect.closeTo(0, 9), expect.closeTo(4, 9)]);
    const { x, history } = gradientDescent(function2, [-3, 4], 0.1, 100);
    // The book prints [-6.11110793e-10, 8.14814391e-10]: 0.8^100·(−3, 4) plus central-difference rounding.
    expect(x[0]).toBeCloseTo(-6.11110793e-10, 17);
    expect(x[1]).toBeCloseTo(8.14814391e-10, 17);
    expect(history).toHaveLength(101);
  });

  it("on a Tensor it perturbs the float32 entries in place and puts them back", () => {
    const w = Tensor.from([0.5, -1.25, 2], 1, 3), before = Array.from(w.data);
    const g = numericalGradient((t: Tensor) => t.data[0] * t.data[1] + t.data[2], w);
    expect(Array.from(g)).toEqual([expect.closeTo(-1.25, 3), expect.closeTo(0.5, 3), expect.closeTo(1, 3)]);
    expect(Array.from(w.data)).toEqual(before);
    w.dispose();
  });

  it("refuses what it cannot difference", () => {
    expect(() => numericalGradient(5 as never, [1])).toThrow(ModelError);
    expect(() => numericalGradient(() => Number.NaN, [1])).toThrow(/f returned NaN/);
    expect(() => numericalGradient(function2, [1, 2], 0)).toThrow(/h must be a positive/);
    expect(() => numericalGradient(function2, "xy" as never)).toThrow(/must be an array/);
    expect(() => gradientDescent(function2, [1, 2], 0.1, 1.5)).toThrow(/stepNum/);
  });
});

describe("TwoLayerNet (Saito 4.5, 5.7)", () => {
  it("backprop agrees with the numerical gradient to float32's rounding of the loss", () => {
    const net = new TwoLayerNet(6, 5, 3, 0.5, 7);
    const x = Tensor.from(Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)), 2, 6), t = Indices.from([2, 0]);
    const numeric = net.numericalGradient(x, t), backprop = net.gradient(x, t);
    for (const key of ["W1", "b1", "W2", "b2"] as const) {
      const b = backprop[key].data, n = numeric[key];
      let diff = 0, size = 0;
      for (let i = 0; i < n.length; i++) (diff += Math.abs(b[i] - n[i])), (size += Math.abs(b[i]));
      // Measured mean |difference| 1e-5-1e-4 (ulp(L)/2h = 6e-4 at most per entry); the gradients themselves are ~0.1.
      expect(diff / n.length, key).toBeLessThan(3e-4);
      expect(size / n.length, key).toBeGreaterThan(1e-2); // a zero gradient would agree with anything
    }
    // One-hot targets give the same loss as labels.
    const onehot = Tensor.from([0, 0, 1, 1, 0, 0], 2, 3);
    expect(net.loss(x, onehot)).toBeCloseTo(net.loss(x, t), 6);
    expect(() => net.loss(Tensor.zeros(2, 4), t)).toThrow(ShapeError);
    expect(() => net.loss(x, Indices.from([3, 0]))).toThrow(/index 0 is 3/);
    expect(() => net.loss(x, Tensor.zeros(2, 2))).toThrow(ShapeError);
    for (const d of [x, t, onehot]) d.dispose();
    net.dispose();
  });
});
