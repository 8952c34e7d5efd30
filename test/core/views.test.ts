// Views (src/core/heap-buffer.ts): a Tensor or Indices made by view() shares rows of its owner's
// memory, frees nothing when disposed, and says so when used after its owner was disposed.
import { describe, it, expect } from "vitest";
import { engine, Tensor, ModelError, ShapeError } from "../../src/index.js";
import { Indices } from "../../src/ops/indices.js";
import { sigmoid } from "../../src/ops/activations.js";
import { gemm } from "../../src/ops/linear.js";

describe("Tensor.view", () => {
  it("shares the owner's rows: no copy, no allocation, writes land in the owner", () => {
    const heap = engine().heap;
    const x = Tensor.from([1, 2, 3, 4, 5, 6], 3, 2);
    const allocations = heap.allocations;
    const v = x.view(1, 2);
    expect(heap.allocations).toBe(allocations);
    expect([v.rows, v.cols, v.ptr - x.ptr]).toEqual([2, 2, 2 * 4]);
    expect(v.toRows()).toEqual([[3, 4], [5, 6]]);
    v.data[0] = 30;
    expect(Array.from(x.data)).toEqual([1, 2, 30, 4, 5, 6]);
    expect(v.parent).toBe(x);
    expect(x.view(1, 2).view(1, 1).parent).toBe(x); // a view of a view names the owner
    x.dispose();
  });

  it("disposing a view frees nothing and leaves the owner intact", () => {
    const heap = engine().heap, live = heap.liveBytes;
    const x = Tensor.from([1, 2, 3, 4], 2, 2);
    const v = x.view(0, 1);
    v.dispose();
    v.dispose();
    expect(v.isDisposed).toBe(true);
    expect(() => v.data).toThrow(/this tensor was disposed/);
    expect(x.isDisposed).toBe(false);
    expect(heap.liveBytes).toBe(live + 16);
    expect(Array.from(sigmoid(x, x).data)).toHaveLength(4); // the owner still computes
    x.dispose();
    expect(heap.liveBytes).toBe(live);
  });

  it("using a view after its owner was disposed throws a ModelError, in data and in ops", () => {
    const x = Tensor.from([1, 2, 3, 4], 2, 2), w = Tensor.from([1, 0, 0, 1], 2, 2);
    const v = x.view(1, 1);
    x.dispose();
    expect(v.isDisposed).toBe(true);
    expect(() => v.data).toThrow(ModelError);
    expect(() => v.data).toThrow(/a view of a tensor that was disposed/);
    expect(() => gemm(v, w)).toThrow(/a view of a tensor that was disposed/);
    expect(() => x.view(0, 1)).toThrow(/this tensor was disposed/);
    w.dispose();
  });

  it("refuses rows outside the tensor", () => {
    const x = Tensor.zeros(3, 2);
    expect(() => x.view(2, 2)).toThrow(ShapeError);
    expect(() => x.view(-1, 1)).toThrow(/0 ≤ rowStart/);
    expect(() => x.view(0.5, 1)).toThrow(ShapeError);
    expect(x.view(3, 0).size).toBe(0);
    x.dispose();
  });
});

describe("Indices.view", () => {
  it("shares values, frees nothing when disposed, and throws after its owner is disposed", () => {
    const heap = engine().heap, live = heap.liveBytes;
    const y = Indices.from([4, 5, 6, 7]);
    const v = y.view(2, 2);
    expect(v.toArray()).toEqual([6, 7]);
    v.dispose();
    expect(y.toArray()).toEqual([4, 5, 6, 7]);
    const w = y.view(1, 1);
    y.dispose();
    expect(heap.liveBytes).toBe(live);
    expect(() => w.data).toThrow(/a view of indices that were disposed/);
    expect(() => y.view(0, 1)).toThrow(/these indices were disposed/);
  });
});
