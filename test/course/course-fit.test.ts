// The course's fit() on refused data: the trained network survives, the messages name the labels,
// nothing stays allocated; and the training loop allocates no WASM memory per step.
import { describe, it, expect, vi } from "vitest";
import { Dense } from "../../src/layers/dense.js";
import { SequentialNetwork, DenseLayer, ActivationLayer } from "../../src/course/sequential-network.js";
import { seededValues } from "../helpers.js";
import { engine } from "../../src/index.js";
import { withScope } from "../../src/core/scope.js";
import { blobs } from "../../src/data/synthetic.js";
import { MultiClassNetwork } from "../../src/course/minibatch-network.js";
import { SingleLayer } from "../../src/course/single-layer.js";

const data = () => blobs({ classes: 3, n: 60, noise: 0.5, seed: 5 });

describe("course fit() refusals", () => {
  it("a refused fit() keeps the trained weights and leaks nothing", () => {
    const { x, y } = data();
    const net = new MultiClassNetwork({ units: 4, batchSize: 16, seed: 1 }).fit(x, y, { epochs: 3 });
    const before = net.activations(x), heap = engine().heap, live = heap.liveBytes;
    const badX = { data: Array.from(x.data as ArrayLike<number>, (v, i) => (i === 7 ? NaN : v)), shape: x.shape };
    expect(() => net.fit(badX, y, { epochs: 1 })).toThrow(/NaN/);
    expect(() => net.fit(x, Array.from(y).slice(1), { epochs: 1 })).toThrow(/rows/);
    expect(() => net.fit(x, y, { epochs: 1, xVal: x, yVal: Array.from(y).slice(2) })).toThrow(/validation/);
    expect(heap.liveBytes).toBe(live);
    expect(net.activations(x)).toEqual(before);
    net.dispose();
  });

  it("MultiClassNetwork names a non-integer or negative label, not a layer's units", () => {
    const { x, y } = data();
    const labels = Array.from(y);
    const live = engine().heap.liveBytes;
    const net = new MultiClassNetwork({ units: 4, seed: 1 });
    expect(() => net.fit(x, labels.map((v, i) => (i === 3 ? 2.5 : v)))).toThrow(/y\[3\] is 2\.5.*integers ≥ 0/);
    expect(() => net.fit(x, labels.map((v, i) => (i === 4 ? -1 : v)))).toThrow(/y\[4\] is -1/);
    expect(() => net.fit(x, labels.map((v, i) => (i === 5 ? ("2" as unknown as number) : v)))).toThrow(/y\[5\] is "2"/);
    expect(() => net.fit(x, labels.map((v) => [v]))).toThrow(/one column.*at least 2 classes/);
    expect(engine().heap.liveBytes).toBe(live);
  });

  it("predict is the argmax of the outputs (the first on ties)", () => {
    const { x, y } = data();
    const net = new MultiClassNetwork({ units: 4, batchSize: 16, seed: 1 }).fit(x, y, { epochs: 5 });
    const a = net.activations(x), p = net.predict(x);
    for (let r = 0; r < p.length; r++) {
      const row = Array.from(a.subarray(r * 3, r * 3 + 3));
      expect(p[r]).toBe(row.indexOf(Math.max(...row)));
    }
    net.dispose();
  });
});

describe("course training loop", () => {
  it("training() steps allocate no WASM memory (params cached at initWeights)", () => {
    const { x, y } = data();
    for (const net of [new MultiClassNetwork({ units: 4, batchSize: 16, seed: 1, l1: 0.01, l2: 0.01 }), new SingleLayer()]) {
      const labels = net instanceof SingleLayer ? Array.from(y, (v) => (v > 0 ? 1 : 0)) : y;
      net.fit(x, labels, { epochs: 1 });
      withScope(engine(), (s) => {
        const { inputs, targets } = net.upload(s, x, labels, "test");
        net.reserve(inputs.rows);
        const heap = engine().heap, allocations = heap.allocations, params = vi.spyOn(Dense.prototype, "params");
        for (let step = 0; step < 50; step++) net.training(inputs.ptr, targets, inputs.rows);
        expect(heap.allocations).toBe(allocations);
        expect(params).not.toHaveBeenCalled(); // read once in initWeights, not per step
        params.mockRestore();
      });
      net.dispose();
    }
  });

  it("SequentialNetwork steps read each layer's params once, not per step, and allocate no WASM memory", () => {
    const net = new SequentialNetwork({ seed: 3, print: () => {} });
    for (const layer of [new DenseLayer(4, 3), new ActivationLayer(3), new DenseLayer(3, 2)]) net.add(layer);
    const heap = engine().heap, xb = heap.alloc(5 * 4 * 4), yb = heap.alloc(5 * 2 * 4);
    heap.f32.set(seededValues(20, -1, 1, 1), xb >>> 2);
    heap.f32.set(seededValues(10, 0, 1, 2), yb >>> 2);
    net.trainBatch(xb, yb, 5, 0.5);
    const allocations = heap.allocations, params = vi.spyOn(DenseLayer.prototype, "params");
    for (let step = 0; step < 50; step++) net.trainBatch(xb, yb, 5, 0.5);
    expect(heap.allocations).toBe(allocations);
    expect(params).not.toHaveBeenCalled();
    params.mockRestore();
    heap.release(xb);
    heap.release(yb);
    net.dispose();
  });
});
