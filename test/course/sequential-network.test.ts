// Seed 002's SequentialNetwork: layers linked both ways, the course's describe() text, the
// gradient of ½Σ(a − y)² through DenseLayer/ActivationLayer against central differences, the
// update W −= (lr / batch)·ΣΔW, and a 2,000-image MNIST subset whose test count rises per epoch.
import { describe, it, expect } from "vitest";
import { engine, ShapeError, ModelError } from "../../src/index.js";
import { SequentialNetwork, DenseLayer, ActivationLayer, MSE } from "../../src/course/sequential-network.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import type { Rng } from "../../src/core/random.js";
import { tensorOf, readF32, writeF32, seededValues, gradientCheck, GRADIENT_TOLERANCE, i32Of } from "../helpers.js";

const quiet = () => {};

/** 4 → 3 (sigmoid) → 2 (sigmoid, or linear when `linearOutput`). */
function tinyNet(linearOutput = false, seed = 3): SequentialNetwork {
  const net = new SequentialNetwork({ seed, print: quiet });
  net.add(new DenseLayer(4, 3));
  net.add(new ActivationLayer(3));
  net.add(new DenseLayer(3, 2));
  if (!linearOutput) net.add(new ActivationLayer(2));
  return net;
}

describe("SequentialNetwork (seed 002): structure", () => {
  it("links each added layer to the one before, both ways", () => {
    const net = tinyNet();
    const [a, b, c, d] = net.layers;
    expect(a.previous).toBeUndefined();
    expect([a.next, b.previous, b.next, c.previous, c.next, d.previous]).toEqual([b, a, c, b, d, c]);
    expect(d.next).toBeUndefined();
    const x = tensorOf(seededValues(8, -1, 1, 1), 2, 4);
    net.singleForward(x.ptr, 2);
    expect(b.getForwardInput()).toBe(a.outputData); // the course's get_forward_input
    expect(a.getForwardInput()).toBe(x.ptr);
    expect(c.getBackwardInput()).toBe(d.outputDelta); // the course's get_backward_input
    x.dispose();
    net.dispose();
  });

  it("prints 'Initialize Network...' and each layer's describe() as it is added, as the course does", () => {
    const lines: string[] = [];
    const net = new SequentialNetwork({ print: (l) => lines.push(l) });
    net.add(new DenseLayer(784, 392));
    net.add(new ActivationLayer(392));
    expect(lines).toEqual(["Initialize Network...", "|--- DenseLayer\n |-- dimensions: (784, 392)", "|-- ActivationLayer\n |-- dimensions: (392, 392)"]);
    expect(net.describe()).toBe(lines.slice(1).join("\n"));
    net.dispose();
  });

  it("refuses a layer whose input does not match, and a layer already in a network", () => {
    const net = tinyNet();
    expect(() => net.add(new DenseLayer(5, 1))).toThrow(ShapeError);
    expect(() => net.add(new DenseLayer(5, 1))).toThrow(/input_dim 2/);
    expect(() => net.add(net.layers[1])).toThrow(ModelError);
    expect(() => new DenseLayer(0, 3)).toThrow(/input_dim/);
    net.dispose();
  });
});

describe("SequentialNetwork (seed 002): gradients and the update", () => {
  const rows = 3;
  const xs = seededValues(rows * 4, -2, 2, 11), ys = seededValues(rows * 2, 0, 1, 12);

  it.each([false, true])("ΣΔW, ΣΔb match central differences of Σ ½‖a − y‖² (linear output: %s)", (linearOutput) => {
    const net = tinyNet(linearOutput);
    const x = tensorOf(xs, rows, 4), y = tensorOf(ys, rows, 2);
    net.forwardBackward(x.ptr, y.ptr, rows);
    const loss = () => MSE.lossFunction(engine(), net.singleForward(x.ptr, rows), y.ptr, rows * 2);
    for (const p of net.layers.flatMap((l) => l.params())) {
      const analytic = readF32(p.grad, p.size), values = readF32(p.value, p.size);
      const check = gradientCheck((v) => (writeF32(p.value, v), loss()), values, analytic);
      writeF32(p.value, values); // centralDiff leaves its last point written: restore before the next parameter
      expect(check.error, p.name).toBeLessThan(GRADIENT_TOLERANCE);
    }
    x.dispose();
    y.dispose();
    net.dispose();
  });

  it("summing per-sample deltas equals the one batched product", () => {
    const net = tinyNet();
    const params = net.layers.flatMap((l) => l.params());
    const summed = params.map((p) => new Array<number>(p.size).fill(0));
    for (let r = 0; r < rows; r++) {
      const x = tensorOf(xs.slice(r * 4, r * 4 + 4), 1, 4), y = tensorOf(ys.slice(r * 2, r * 2 + 2), 1, 2);
      net.forwardBackward(x.ptr, y.ptr, 1);
      params.forEach((p, i) => readF32(p.grad, p.size).forEach((g, j) => (summed[i][j] += g)));
      x.dispose();
      y.dispose();
    }
    const x = tensorOf(xs, rows, 4), y = tensorOf(ys, rows, 2);
    net.forwardBackward(x.ptr, y.ptr, rows);
    params.forEach((p, i) => readF32(p.grad, p.size).forEach((g, j) => expect(g).toBeCloseTo(summed[i][j], 5)));
    x.dispose();
    y.dispose();
    net.dispose();
  });

  it("trainBatch steps every parameter by (learning_rate / batch size) · ΣΔ", () => {
    const net = tinyNet();
    const x = tensorOf(xs, rows, 4), y = tensorOf(ys, rows, 2);
    const params = net.layers.flatMap((l) => l.params());
    const before = params.map((p) => readF32(p.value, p.size));
    net.trainBatch(x.ptr, y.ptr, rows, 3.0);
    params.forEach((p, i) => {
      const grad = readF32(p.grad, p.size), after = readF32(p.value, p.size);
      after.forEach((w, j) => expect(w).toBeCloseTo(before[i][j] - (3.0 / rows) * grad[j], 5));
    });
    x.dispose();
    y.dispose();
    net.dispose();
  });
});

describe("SequentialNetwork (seed 002): train on the library's loop", () => {
  it("gives the weights of the course's loop written out (shuffle the indices each epoch, consecutive minibatches, trainBatch), bit for bit", () => {
    const n = 13, batch = 4, epochs = 3, xs13 = seededValues(n * 4, -2, 2, 21), ys13 = seededValues(n * 2, 0, 1, 22);
    const net = tinyNet(false, 5), ref = tinyNet(false, 5);
    net.train({ x: { data: xs13, shape: [n, 4] }, y: { data: ys13, shape: [n, 2] } }, epochs, batch, 0.7);
    // The reference draws from ref's own generator, which made ref's weights just as net's made net's.
    const rng = (ref as unknown as { rng: Rng }).rng, x = tensorOf(xs13, n, 4), y = tensorOf(ys13, n, 2);
    const idx = i32Of(Array.from({ length: n }, (_, i) => i)), xb = engine().heap.alloc(batch * 16), yb = engine().heap.alloc(batch * 8);
    for (let e = 0; e < epochs; e++) {
      rng.shuffle(idx, n);
      for (let start = 0; start < n; start += batch) {
        const count = Math.min(batch, n - start);
        engine().k.gatherRows(x.ptr, idx + start * 4, xb, count, 4);
        engine().k.gatherRows(y.ptr, idx + start * 4, yb, count, 2);
        ref.trainBatch(xb, yb, count, 0.7);
      }
    }
    const weights = (m: SequentialNetwork) => m.layers.flatMap((l) => l.params()).map((p) => readF32(p.value, p.size));
    expect(weights(net)).toEqual(weights(ref));
    for (const p of [idx, xb, yb]) engine().heap.release(p);
    for (const t of [x, y, net, ref]) t.dispose();
  });
});

describe("SequentialNetwork (seed 002): MNIST, 2,000 training images", () => {
  it("784-30-10, MSE, lr 3.0, batch 10: the test count rises each epoch and memory is returned", async () => {
    const { train, test } = await loadMnist({ trainLimit: 2000, testLimit: 500 });
    const live = engine().heap.liveBytes;
    const lines: string[] = [];
    const net = new SequentialNetwork({ seed: 42, print: (l) => lines.push(l) });
    net.add(new DenseLayer(784, 30));
    net.add(new ActivationLayer(30));
    net.add(new DenseLayer(30, 10));
    net.add(new ActivationLayer(10));
    const result = net.train(train, 3, 10, 3.0, test);
    expect(result.total).toBe(500);
    expect(result.correct).toHaveLength(3);
    expect(result.correct[1]).toBeGreaterThan(result.correct[0]);
    expect(result.correct[2]).toBeGreaterThan(result.correct[1]);
    expect(result.correct[2]).toBeGreaterThan(300); // 60%, against 10% by chance
    expect(lines.slice(-3)).toEqual(result.correct.map((c, k) => `Epoch ${k}: ${c} / 500`));
    expect(net.evaluate(test)).toBe(result.correct[2]);
    net.dispose();
    expect(engine().heap.liveBytes).toBe(live);
  });
});
