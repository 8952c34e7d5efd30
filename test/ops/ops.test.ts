// src/ops/*: the wrappers check shapes (naming the operands), write into `out` or allocate,
// and compute what the kernels compute.
import { describe, it, expect } from "vitest";
import { Tensor, ShapeError, engine } from "../../src/index.js";
import { Rng } from "../../src/core/random.js";
import { Indices } from "../../src/ops/indices.js";
import * as act from "../../src/ops/activations.js";
import * as lin from "../../src/ops/linear.js";
import * as loss from "../../src/ops/losses.js";
import * as data from "../../src/ops/data.js";
import { uploadInputs } from "../../src/data/inputs.js";
import { tensorOf, maxAbsDiff } from "../helpers.js";

describe("ops", () => {
  it("activations write into out, in place, or a new tensor", () => {
    const x = tensorOf([-1, 0, 2, 3], 2, 2);
    const out = act.relu(x);
    expect(Array.from(out.data)).toEqual([0, 0, 2, 3]);
    act.sigmoid(x, x);
    expect(maxAbsDiff(x.data, [-1, 0, 2, 3].map((z) => 1 / (1 + Math.exp(-z))))).toBeLessThan(1e-6);
    const dz = act.sigmoidBackward(x, tensorOf([1, 1, 1, 1], 2, 2));
    expect(dz.data[1]).toBeCloseTo(0.25, 6);
    expect(() => act.tanh(x, Tensor.zeros(1, 4))).toThrow(/tanh: out is 1×4, expected 2×2/);
    expect(() => act.reluBackward(x, Tensor.zeros(4, 1))).toThrow(ShapeError);
    expect(Array.from(act.softmax(tensorOf([1010, 1000, 990], 1, 3)).data).every(Number.isFinite)).toBe(true);
  });

  it("products check the inner dimension and refuse an aliased out", () => {
    const a = tensorOf([1, 2, 3, 4, 5, 6], 2, 3), b = tensorOf([1, 0, 0, 1, 1, 1], 3, 2);
    expect(lin.matmul(a, b).toRows()).toEqual([[4, 5], [10, 11]]);
    expect(lin.gemmTN(a, a).toRows()).toEqual([[17, 22, 27], [22, 29, 36], [27, 36, 45]]);
    expect(lin.gemmNT(a, a).toRows()).toEqual([[14, 32], [32, 77]]);
    expect(lin.transpose(a).toRows()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(() => lin.gemm(a, a)).toThrow(/gemm: a's columns has 3 and b's rows has 2/);
    const sq = tensorOf([1, 2, 3, 4], 2, 2);
    expect(() => lin.gemm(sq, sq, sq)).toThrow(/operand/);
    expect(lin.addRowVector(a, tensorOf([1, 1, 1], 1, 3)).toRows()).toEqual([[2, 3, 4], [5, 6, 7]]);
    expect(() => lin.addRowVector(a, tensorOf([1, 1], 1, 2))).toThrow(/addRowVector: b is 1×2, expected 1×3/);
    expect(lin.sumColumns(a).toRows()).toEqual([[5, 7, 9]]);
  });

  it("losses and their backward", () => {
    const a = tensorOf([0.7, 0.2, 0.1, 0.1, 0.8, 0.1], 2, 3), y = tensorOf([1, 0, 0, 0, 1, 0], 2, 3);
    const labels = Indices.from([0, 1]);
    const ce = -(Math.log(0.7) + Math.log(0.8)) / 2;
    expect(loss.categoricalCrossEntropy(a, y)).toBeCloseTo(ce, 6);
    expect(loss.sparseCategoricalCrossEntropy(a, labels)).toBeCloseTo(ce, 6);
    const dz = Tensor.zeros(2, 3);
    expect(loss.softmaxSparseCrossEntropyBackward(a, labels, dz)).toBeCloseTo(ce, 6);
    expect(dz.data[0]).toBeCloseTo(-0.15, 6);
    expect(loss.mse(a, y)).toBeCloseTo((0.09 + 0.04 + 0.01 + 0.01 + 0.04 + 0.01) / 6, 6);
    expect(loss.mseBackward(a, y, undefined, 1).data[0]).toBeCloseTo(-0.3, 6);
    expect(() => loss.sparseCategoricalCrossEntropy(a, Indices.from([0, 3]))).toThrow(/index 1 is 3/);
  });

  it("argmax, counts, one-hot, gather and sampling", () => {
    const a = tensorOf([0.1, 0.9, 0.8, 0.2, 0.3, 0.7], 3, 2);
    expect(data.argmaxRows(a).toArray()).toEqual([1, 0, 1]);
    expect(data.countCorrectSparse(a, Indices.from([1, 1, 1]))).toBe(2);
    const y = data.oneHot(Indices.from([1, 0, 0]), 2);
    expect(y.toRows()).toEqual([[0, 1], [1, 0], [1, 0]]);
    expect(data.countCorrectOneHot(a, y)).toBe(2);
    expect(data.gatherRows(a, Indices.from([2, 0])).toRows().map((r) => r.map((v) => Math.round(v * 10)))).toEqual([[3, 7], [1, 9]]);
    expect(() => data.gatherRows(a, Indices.from([3]))).toThrow(/gatherRows: index 0 is 3/);
    // Uploaded inputs, bytes scaled as fit scales them (1/255) or floats as they are; rows in index order.
    const bytes = uploadInputs(engine(), "x", { data: new Uint8Array([0, 255, 51, 102, 204, 0]), shape: [3, 2] }, 2);
    const floats = uploadInputs(engine(), "x", [[1, 2], [3, 4], [5, 6]], 2), pick = Indices.from([2, 0, 2]);
    const px = (b: number) => Math.fround(b * Math.fround(1 / 255)); // the kernel multiplies by the f32 scale
    expect(data.gatherInputRows(bytes, pick).toRows()).toEqual([[px(204), 0], [0, px(255)], [px(204), 0]]);
    expect(data.gatherInputRows(floats, pick).toRows()).toEqual([[5, 6], [1, 2], [5, 6]]);
    expect(() => data.gatherInputRows(floats, Indices.from([3]))).toThrow(/gatherInputRows: index 0 is 3, but x's rows has only 3/);
    expect(() => data.gatherInputRows(floats, pick, Tensor.zeros(2, 2))).toThrow(ShapeError);
    engine().heap.release(bytes.ptr);
    engine().heap.release(floats.ptr);
    const idx = data.sampleIndices(new Rng(engine(), 1), 5, Indices.zeros(1000));
    const seen = new Set(idx.toArray());
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });
});
