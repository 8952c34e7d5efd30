// src/layers/affine.ts is Dense's affine code, and lesson 7's affineForward/affineBackward run it
// on tensors: the lesson's functions give Dense's bits (forward before the activation, backward
// after it), agree with a float64 reference, and refuse tensors that do not fit, naming them.
import { describe, it, expect } from "vitest";
import { engine, ShapeError, Tensor } from "../../src/index.js";
import { affineForward, affineBackward, sigmoid, sigmoidGrad } from "../../src/course/step-by-step.js";
import { denseLayer, readF32, seededValues, tensorOf, writeF32 } from "../helpers.js";

const [n, d, h] = [4, 5, 3];

/** x·W + b in float64. */
const reference = (x: number[], w: number[], b: number[]) =>
  Array.from({ length: n * h }, (_, i) => {
    const [r, c] = [Math.floor(i / h), i % h];
    let s = b[c];
    for (let j = 0; j < d; j++) s += x[r * d + j] * w[j * h + c];
    return s;
  });

describe("affine: Dense's code under lesson 7's affineForward/affineBackward", () => {
  it("affineForward then sigmoid is Dense's forward, bit for bit, and the float64 reference to 1e-6", () => {
    const x = seededValues(n * d, -1, 1, 11), dense = denseLayer({ units: h, activation: "sigmoid", biasInitializer: "glorotUniform" }, d, n);
    const [kernel, bias] = dense.params();
    const W = tensorOf(readF32(kernel.value, d * h), d, h), b = tensorOf(readF32(bias.value, h), 1, h), X = tensorOf(x, n, d);
    const [a, cache] = affineForward(X, W, b);
    a.data.forEach((v, i) => expect(v).toBeCloseTo(reference(x, Array.from(W.data), Array.from(b.data))[i], 6));
    const z = sigmoid(a);
    expect(readF32(dense.forward(X.ptr, n, false), n * h)).toEqual(Array.from(z.data));
    // Backward from one upstream gradient: the lesson's sigmoidGrad then affineBackward against Dense.backward.
    const g = seededValues(n * h, -1, 1, 12), dx = Tensor.zeros(n, d);
    writeF32(dense.outputGrad, g);
    dense.backward(X.ptr, n, dx.ptr, false);
    const [dX, dW, db] = affineBackward(sigmoidGrad(z, tensorOf(g, n, h)), cache);
    expect([Array.from(dX!.data), Array.from(dW.data), Array.from(db.data)]).toEqual([Array.from(dx.data), readF32(kernel.grad, d * h), readF32(bias.grad, h)]);
    for (const t of [X, W, b, a, z, dx, dX!, dW, db]) t.dispose();
    dense.dispose();
  });

  it("refuses shapes that do not fit and an out that is an operand, naming them", () => {
    const X = Tensor.zeros(n, d), W = Tensor.zeros(d, h), b = Tensor.zeros(1, h);
    const bad = [Tensor.zeros(h, d), Tensor.zeros(1, d), Tensor.zeros(n, d), Tensor.zeros(n, h)], live = engine().heap.liveBytes;
    expect(() => affineForward(X, bad[0], b)).toThrow(/affineForward: W is 3×5, expected 5×5 \(W's rows are X's columns\)/);
    expect(() => affineForward(X, W, bad[1])).toThrow(/affineForward: b is 1×5, expected 1×3/);
    expect(() => affineForward(X, W, b, bad[2])).toThrow(ShapeError);
    expect(engine().heap.liveBytes).toBe(live); // nothing allocated before refusing
    const [y, cache] = affineForward(X, W, b);
    expect(() => affineBackward(bad[2], cache)).toThrow(/affineBackward: dy is 4×5, expected 4×3/);
    expect(() => affineBackward(bad[3], cache, { db: b, dW: X })).toThrow(/affineBackward: out is 4×5, expected 5×3/);
    for (const t of [X, W, b, y, ...bad]) t.dispose();
  });
});
