// Lesson 7 (seed 003): the step-by-step functions on Tensors, checked against the notebook's
// stated facts, finite differences, and a short training cycle on 2,000 MNIST images.
import { describe, it, expect } from "vitest";
import { Tensor, engine } from "../../src/index.js";
import { Rng } from "../../src/core/random.js";
import { Indices } from "../../src/ops/indices.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import { affineForward, affineBackward, softmax, crossEntropyError, oneHot, initParams, trainStep, StepWorkspace, disposeParams, predict, accuracy } from "../../src/course/step-by-step.js";
import { referenceCycle, referenceStep } from "./step-reference.js";
import { imagesToTensors, trainingCycle } from "../../src/course/step-by-step-cycle.js";
import { seededValues } from "../helpers.js";

describe("step by step (lesson 7)", () => {
  it("softmax([1010, 1000, 990]) is finite ≈ [0.99995, 4.54e-5, 2.06e-9]", () => {
    const y = softmax(Tensor.from([1010, 1000, 990], 1, 3)).toArray();
    expect(y[0]).toBeCloseTo(0.99995, 5);
    expect(y[1] / 4.54e-5).toBeCloseTo(1, 2);
    expect(y[2] / 2.06e-9).toBeCloseTo(1, 2);
  });

  it("oneHot and crossEntropyError agree for labels and one-hot rows", () => {
    const t = oneHot([5, 0, 4], 10);
    expect(t.toRows()[0]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const y = softmax(Tensor.from(seededValues(30, -2, 2, 3), 3, 10));
    const fromRows = crossEntropyError(y, t), fromLabels = crossEntropyError(y, Indices.from([5, 0, 4]));
    const d = y.toRows();
    expect(fromRows).toBeCloseTo(-(Math.log(d[0][5]) + Math.log(d[1][0]) + Math.log(d[2][4])) / 3, 5);
    expect(fromLabels).toBe(fromRows);
  });

  it("affineBackward matches central differences of Σ y·g through affineForward", () => {
    const [n, d, h] = [3, 4, 5];
    const x = seededValues(n * d, -1, 1, 1), w = seededValues(d * h, -1, 1, 2), b = seededValues(h, -1, 1, 3);
    const g = seededValues(n * h, -1, 1, 4); // upstream gradient: L = Σ y ⊙ g
    const objective = (xs: number[], ws: number[], bs: number[]) => {
      const [y] = affineForward(Tensor.from(xs, n, d), Tensor.from(ws, d, h), Tensor.from(bs, 1, h));
      return y.toArray().reduce((s, v, i) => s + v * g[i], 0);
    };
    const X = Tensor.from(x, n, d), W = Tensor.from(w, d, h), B = Tensor.from(b, 1, h);
    const [, cache] = affineForward(X, W, B);
    const [dX, dW, db] = affineBackward(Tensor.from(g, n, h), cache);
    const numeric = (v: number[], f: (p: number[]) => number) =>
      v.map((_, i) => {
        const hi = [...v], lo = [...v];
        hi[i] = Math.fround(v[i] + 1e-2);
        lo[i] = Math.fround(v[i] - 1e-2);
        return (f(hi) - f(lo)) / (hi[i] - lo[i]);
      });
    const check = (analytic: Float32Array, num: number[]) => num.forEach((v, i) => expect(analytic[i]).toBeCloseTo(v, 3));
    check(dX!.toArray(), numeric(x, (p) => objective(p, w, b)));
    check(dW.toArray(), numeric(w, (p) => objective(x, p, b)));
    check(db.toArray(), numeric(b, (p) => objective(x, w, p)));
  });

  it("trainStep on five images lowers the loss (cell 22, with the loss returned)", async () => {
    const { train } = await loadMnist({ trainLimit: 5, testLimit: 0 });
    const { x, y } = imagesToTensors(train.images, train.labels);
    const rng = new Rng(engine(), 1);
    const params = initParams(784, 50, 10, rng, 0.1);
    const work = new StepWorkspace(5, params);
    const losses = Array.from({ length: 5 }, () => trainStep(x, y, params, 0.1, work));
    expect(losses[4]).toBeLessThan(losses[0]);
    const before = engine().heap.allocations;
    trainStep(x, y, params, 0.1, work);
    expect(engine().heap.allocations).toBe(before); // a step with a workspace allocates nothing
    for (const t of [work, x, y, rng]) t.dispose();
    disposeParams(params);
  });

  it("the full cycle (minibatches sampled with replacement) learns 2,000 MNIST images well above chance", async () => {
    const { train, test } = await loadMnist({ trainLimit: 2000, testLimit: 1000 });
    const tr = imagesToTensors(train.images, train.labels), te = imagesToTensors(test.images, test.labels);
    const r = trainingCycle(tr.x, tr.y, te.x, te.y, { itersNum: 400, activation: "relu", seed: 1 });
    expect(r.testAccList).toHaveLength(20); // 2000 / 100 = 20 iterations an epoch
    expect(r.testAccList[0]).toBeLessThan(0.3);
    expect(r.testAccList.at(-1)!).toBeGreaterThan(0.75);
    expect(r.trainLossList.at(-1)!).toBeLessThan(r.trainLossList[0]);
    disposeParams(r.params);
    for (const t of [tr.x, tr.y, te.x, te.y]) t.dispose();
  });

  it("on the Dense layers, trainStep and trainingCycle keep the notebook's step's bits (sparse MNIST rows, sigmoid and relu)", async () => {
    const { train } = await loadMnist({ trainLimit: 300, testLimit: 0 });
    const { x, y } = imagesToTensors(train.images, train.labels);
    for (const activation of ["sigmoid", "relu"] as const) {
      const r1 = new Rng(engine(), 9), r2 = new Rng(engine(), 9), p = initParams(784, 20, 10, r1, 0.1, activation), q = initParams(784, 20, 10, r2, 0.1, activation);
      const ref = referenceStep(300, q), work = new StepWorkspace(300, p);
      for (let i = 0; i < 3; i++) expect(trainStep(x, y, p, 0.1, i === 0 ? undefined : work)).toBe(ref.step(x.ptr, y.ptr, 0.1));
      for (const name of ["W1", "b1", "W2", "b2"] as const) expect(Array.from(p[name].data), `${activation} ${name}`).toEqual(Array.from(q[name].data));
      const cycle = trainingCycle(x, y, x, y, { itersNum: 7, batchSize: 50, hiddenSize: 20, weightInitStd: 0.1, activation, seed: 4 });
      const r3 = new Rng(engine(), 4), s = initParams(784, 20, 10, r3, 0.1, activation);
      expect(cycle.trainLossList).toEqual(referenceCycle(x, y, s, r3, 7, 50, 0.1));
      expect(Array.from(cycle.params.W1.data)).toEqual(Array.from(s.W1.data));
      const yHat = predict(s, x), labels = y.toArray();
      const right = labels.filter((t, r) => { const row = Array.from(yHat.data.subarray(r * 10, r * 10 + 10)); return row.indexOf(Math.max(...row)) === t; }).length;
      expect(accuracy(s, x, y)).toBe(right / 300);
      for (const t of [ref, work, r1, r2, r3, yHat]) t.dispose();
      for (const params of [p, q, s, cycle.params]) disposeParams(params);
    }
    x.dispose();
    y.dispose();
  });

  it("params are views of the layers: disposeParams frees them, and a view used after it throws", () => {
    const x = Tensor.from(seededValues(12, 0, 1, 2), 2, 6), y = Indices.from([0, 2]);
    const before = engine().heap.liveBytes, rng = new Rng(engine(), 1), p = initParams(6, 4, 3, rng);
    expect([p.W1.shape, p.b1.shape, p.W2.shape, p.b2.shape]).toEqual([[6, 4], [1, 4], [4, 3], [1, 3]]);
    trainStep(x, y, p);
    disposeParams(p);
    rng.dispose();
    expect(() => p.W1.data).toThrow(/disposed/);
    expect(engine().heap.liveBytes).toBe(before);
    x.dispose();
    y.dispose();
  });
});
