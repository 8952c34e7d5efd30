// The sparse-input products (assembly/sparse.ts) split by threads — the forward by blocks of rows,
// the backward by blocks of dW's rows — give the one-thread module's bits, which are the dense
// products' bits; and a model with a mostly-zero input trains to the same weights on 1 and 2 threads.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, tensor2d, type Engine } from "../../src/index.js";
import { teamOf } from "../../src/parallel/engine.js";
import { threadedEngines, repeatUntilWorkersJoin } from "./engines.js";
import { MIN_PARALLEL_MACS } from "../../src/parallel/kernels.js";
import { seededValues } from "../helpers.js";

const engines = threadedEngines();

/** rows×cols values in [-1, 1) with about `density` of them nonzero (the rest +0 or -0). */
function sparseValues(rows: number, cols: number, density: number, seed: number): Float32Array {
  const v = seededValues(rows * cols, -1, 1, seed), keep = seededValues(rows * cols, 0, 1, seed + 1);
  return Float32Array.from(v, (x, i) => (keep[i] < density ? x : i % 2 ? -0 : 0));
}

/** z = x·W and dW = xᵀ·dz on `engine`, sparse (sparseForward/Backward) or dense (gemm/gemmTN); their bits. */
function products(engine: Engine, sparse: boolean, rows: number, cols: number, n: number, x: Float32Array, seed: number): Uint32Array[] {
  const heap = engine.heap, k = engine.k;
  const px = heap.alloc(rows * cols * 4), w = heap.alloc(cols * n * 4), z = heap.alloc(rows * n * 4);
  const dz = heap.alloc(rows * n * 4), dw = heap.alloc(cols * n * 4);
  const counts = heap.alloc(rows * 4), lists = heap.alloc(rows * (cols + 4) * 4), colCounts = heap.alloc(cols * 4), colLists = heap.alloc(cols * rows * 4);
  heap.f32.set(x, px >>> 2);
  heap.f32.set(seededValues(cols * n, -1, 1, seed), w >>> 2);
  heap.f32.set(seededValues(rows * n, -1, 1, seed + 2), dz >>> 2);
  heap.f32.fill(NaN, z >>> 2, (z >>> 2) + rows * n);
  heap.f32.fill(NaN, dw >>> 2, (dw >>> 2) + cols * n);
  if (sparse) {
    k.sparseForward(px, rows, cols, counts, lists, w, n, z);
    k.sparseBackward(px, rows, cols, counts, lists, colCounts, colLists, 0, cols, dz, n, dw);
  } else {
    k.gemm(px, w, z, rows, cols, n, 0);
    k.gemmTN(px, dz, dw, cols, rows, n, 0);
  }
  const bits = [z, dw].map((p, i) => new Uint32Array(heap.f32.slice(p >>> 2, (p >>> 2) + (i ? cols : rows) * n).buffer));
  for (const p of [px, w, z, dz, dw, counts, lists, colCounts, colLists]) heap.release(p);
  return bits;
}

const differing = (a: Uint32Array, b: Uint32Array) => a.reduce((s, v, i) => s + (v !== b[i] ? 1 : 0), a.length === b.length ? 0 : Infinity);

// The MNIST batch's shape, and odd ones (n not a multiple of 4 or 32, cols not of 4 or 16).
const shapes: [number, number, number][] = [[64, 784, 100], [37, 501, 33], [9, 517, 130], [128, 96, 41]];

describe("threaded sparse products", () => {
  it("the shapes are above the threshold, so they really are split", () => {
    for (const [rows, cols, n] of shapes) expect(rows * cols * n).toBeGreaterThanOrEqual(10 * MIN_PARALLEL_MACS);
  });

  it("2 and 3 threads give the one-thread sparse bits, which are the dense products' bits", () => {
    shapes.forEach(([rows, cols, n], i) => {
      for (const density of [0.02, 0.2, 0.3]) {
        const x = sparseValues(rows, cols, density, 100 * i);
        const [z, dw] = products(engines.one, true, rows, cols, n, x, 7 * i);
        const [zDense, dwDense] = products(engines.one, false, rows, cols, n, x, 7 * i);
        expect(differing(z, zDense)).toBe(0);
        expect(differing(dw, dwDense)).toBe(0);
        for (const team of engines.teams) {
          const before = teamOf(team)!.chunksByWorkers;
          repeatUntilWorkersJoin(team, () => {
            const [zt, dwt] = products(team, true, rows, cols, n, x, 7 * i);
            expect(differing(zt, z)).toBe(0);
            expect(differing(dwt, dw)).toBe(0);
          });
          expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before);
        }
      }
    });
  });

  it("a model with a mostly-zero 784-column input trains to the same weights on 1 and 2 threads", async () => {
    const rows = 256, cols = 784, x = sparseValues(rows, cols, 0.15, 9);
    const labels = Array.from(seededValues(rows, 0, 9.99, 4), Math.floor);
    const y = new Float32Array(rows * 10);
    labels.forEach((l, r) => (y[r * 10 + l] = 1));
    const train = async (engine: Engine) => {
      const model = new Sequential({ layers: [new Dense({ units: 40, activation: "sigmoid", inputShape: [cols] }), new Dense({ units: 10, activation: "softmax" })], seed: 3, engine });
      model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "categoricalCrossentropy" });
      const history = await model.fit(tensor2d(x, [rows, cols]), tensor2d(y, [rows, 10]), { epochs: 2, batchSize: 64, seed: 5, verbose: 0 });
      const weights = model.getWeights().map((t) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer)));
      model.dispose();
      return { weights, loss: history.history.loss };
    };
    const a = await train(engines.one), b = await train(engines.teams[0]);
    expect(b.loss).toEqual(a.loss);
    expect(b.weights).toEqual(a.weights);
    engines.one.sparseInputs = false;
    try {
      expect((await train(engines.one)).weights).toEqual(a.weights); // and the dense products' weights
    } finally {
      engines.one.sparseInputs = true;
    }
  });
});
