// src/layers/sparse-input.ts through Dense: a layer with ≥ MIN_COLUMNS inputs whose batch has at
// most MAX_DENSITY nonzeros computes over them (the kernels are spied on to prove which path ran),
// and training, prediction and gradients come out with the dense products' bits, also when the
// WASM memory grows between calls.
import { describe, it, expect, afterEach, vi } from "vitest";
import { engine, Dense, Sequential, SGD, tensor2d } from "../../src/index.js";
import { MAX_DENSITY, MIN_COLUMNS } from "../../src/layers/sparse-input.js";
import { tensorOf, readF32, writeF32, seededValues, seededInts, gradientCheck, GRADIENT_TOLERANCE, denseLayer } from "../helpers.js";
import { weightBytes } from "../model/util.js";

const PAGE = 65536;

afterEach(() => {
  engine().sparseInputs = true;
  vi.restoreAllMocks();
});

/** rows×cols values in [-1, 1) with about `density` of them nonzero, the rest +0 and -0. */
function sparseValues(rows: number, cols: number, density: number, seed: number): Float32Array {
  const v = seededValues(rows * cols, -1, 1, seed), keep = seededValues(rows * cols, 0, 1, seed + 1);
  return Float32Array.from(v, (x, i) => (keep[i] < density ? x : i % 2 ? -0 : 0));
}

/** Calls of the sparse kernels from here on (a second spyOn returns the same spy: count from now), by their `cols` argument. */
function spyOnSparse() {
  const forward = vi.spyOn(engine().k, "sparseForward"), backward = vi.spyOn(engine().k, "sparseBackward");
  const f0 = forward.mock.calls.length, b0 = backward.mock.calls.length;
  return {
    forwards: (cols?: number) => forward.mock.calls.slice(f0).filter((c) => cols === undefined || c[2] === cols).length,
    backwards: (cols?: number) => backward.mock.calls.slice(b0).filter((c) => cols === undefined || c[2] === cols).length,
  };
}

const nonzeroShare = (x: Float32Array) => x.reduce((s, v) => s + (v !== 0 ? 1 : 0), 0) / x.length;

interface Run { weights: Uint8Array; loss: number[]; valLoss: number[]; forwards: number; backwards: number }

/**
 * A cols→hidden→3 network (the hidden layer relu with `hiddenBias`) trained on x with
 * sparseInputs `sparse` (read at every forward pass).
 */
async function train(x: Float32Array, rows: number, cols: number, sparse: boolean, opts: { hidden?: number; hiddenBias?: number; optimizer?: "sgd" | "adam"; fits?: number; between?: () => void } = {}): Promise<Run> {
  const { hidden = 40, hiddenBias = 0, optimizer = "sgd", fits = 1, between } = opts;
  engine().sparseInputs = sparse;
  const spy = spyOnSparse();
  const model = new Sequential({ seed: 4, layers: [
    new Dense({ units: hidden, activation: "relu", inputShape: [cols], biasInitializer: hiddenBias ? { name: "randomUniform", minval: hiddenBias - 0.1, maxval: hiddenBias } : "zeros" }),
    new Dense({ units: 3, activation: "softmax" }),
  ] });
  model.compile({ optimizer: optimizer === "sgd" ? new SGD({ learningRate: 0.2 }) : "adam", loss: "sparseCategoricalCrossentropy" });
  const y = tensor2d(Float32Array.from(seededInts(rows, 3, rows + cols)), [rows, 1]);
  const loss: number[] = [], valLoss: number[] = [];
  for (let f = 0; f < fits; f++) {
    if (f > 0) between?.();
    const h = await model.fit(tensor2d(x, [rows, cols]), y, { epochs: 3, batchSize: 16, seed: 6, verbose: 0, validationSplit: 0.25 });
    loss.push(...h.history.loss);
    valLoss.push(...h.history.val_loss);
  }
  const weights = weightBytes(model);
  model.dispose();
  return { weights, loss, valLoss, forwards: spy.forwards(), backwards: spy.backwards() };
}

describe("Dense over a sparse input gives the dense products' bits", () => {
  it("training on mostly-zero data: the same weights and losses with sparseInputs on and off (SGD and Adam)", async () => {
    const rows = 96, cols = 64, x = sparseValues(rows, cols, 0.12, 1);
    expect(nonzeroShare(x)).toBeLessThan(MAX_DENSITY);
    for (const optimizer of ["sgd", "adam"] as const) {
      const on = await train(x, rows, cols, true, { optimizer }), off = await train(x, rows, cols, false, { optimizer });
      expect(on.forwards).toBeGreaterThan(0); // the sparse path really ran…
      expect(on.backwards).toBeGreaterThan(0);
      expect(off.forwards + off.backwards).toBe(0); // …and the other run really was dense
      expect(on.loss).toEqual(off.loss);
      expect(on.valLoss).toEqual(off.valLoss);
      expect(on.weights).toEqual(off.weights);
      expect(on.loss.every(Number.isFinite)).toBe(true);
    }
  });

  it("a sparse training step allocates nothing, and disposing the model frees the lists", async () => {
    const heap = engine().heap, live = heap.liveBytes, rows = 64, cols = 100, x = sparseValues(rows, cols, 0.1, 11);
    const spy = spyOnSparse();
    const model = new Sequential({ seed: 2, layers: [new Dense({ units: 20, activation: "relu", inputShape: [cols] }), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    const seen: number[][] = [];
    const onBatchEnd = () => void seen.push([heap.allocations, heap.memory.buffer.byteLength]);
    await model.fit(tensor2d(x, [rows, cols]), tensor2d(Float32Array.from(seededInts(rows, 3, 1)), [rows, 1]), { epochs: 3, batchSize: 16, verbose: 0, callbacks: { onBatchEnd } });
    expect(spy.forwards(cols)).toBe(12);
    expect(spy.backwards(cols)).toBe(12);
    expect(seen.length).toBe(12);
    expect(seen.at(-1)).toEqual(seen[0]);
    model.dispose();
    expect(heap.liveBytes).toBe(live);
  });

  it("a hidden relu layer whose output is mostly zeros makes the next Dense (48 inputs) go sparse too, same bits", async () => {
    const rows = 64, cols = 40, x = sparseValues(rows, cols, 0.5, 2); // the first layer's input is too dense to skip
    const on = await train(x, rows, cols, true, { hidden: 48, hiddenBias: -0.6 }), off = await train(x, rows, cols, false, { hidden: 48, hiddenBias: -0.6 });
    const spy = spyOnSparse();
    await train(x, rows, cols, true, { hidden: 48, hiddenBias: -0.6 });
    expect(spy.forwards(48)).toBeGreaterThan(0);
    expect(spy.backwards(48)).toBeGreaterThan(0);
    expect(spy.forwards(40)).toBe(0);
    expect(on.loss).toEqual(off.loss);
    expect(on.weights).toEqual(off.weights);
  });

  it("dense data (density > MAX_DENSITY) is not skipped, and trains to the same bits either way", async () => {
    const rows = 64, cols = 48, x = sparseValues(rows, cols, 0.6, 3);
    expect(nonzeroShare(x)).toBeGreaterThan(MAX_DENSITY);
    const on = await train(x, rows, cols, true), off = await train(x, rows, cols, false);
    expect(on.forwards).toBe(0);
    expect(on.loss).toEqual(off.loss);
    expect(on.weights).toEqual(off.weights);
  });

  it("predict on one mostly-zero row (and an all-zero one) gives the same bits both ways", () => {
    const cols = 784, row = sparseValues(1, cols, 0.15, 4), zeros = new Float32Array(cols);
    const predict = (sparse: boolean, x: Float32Array) => {
      engine().sparseInputs = sparse;
      const spy = spyOnSparse();
      const model = new Sequential({ seed: 5, layers: [new Dense({ units: 100, activation: "sigmoid", inputShape: [cols] }), new Dense({ units: 10, activation: "softmax" })] });
      const out = model.predict(tensor2d(x, [1, cols])).data;
      model.dispose();
      return { bits: Array.from(new Uint32Array(out.buffer, out.byteOffset, out.length)), forwards: spy.forwards(cols) };
    };
    for (const x of [row, zeros]) {
      const on = predict(true, x), off = predict(false, x);
      expect(on.forwards).toBe(1);
      expect(off.forwards).toBe(0);
      expect(on.bits).toEqual(off.bits);
    }
  });
});

describe("when a batch goes sparse", () => {
  it(`at most MAX_DENSITY (${MAX_DENSITY}) of the batch nonzero, and ≥ MIN_COLUMNS (${MIN_COLUMNS}) inputs`, () => {
    const goes = (cols: number, rows: number, nonzeros: number) => {
      const layer = denseLayer({ units: 5, inputShape: [cols] }, cols, rows);
      const xs = new Float32Array(rows * cols);
      for (let i = 0; i < nonzeros; i++) xs[Math.floor((i * xs.length) / nonzeros)] = 0.5 + (i % 3);
      const x = tensorOf(xs, rows, cols), spy = spyOnSparse();
      layer.forward(x.ptr, rows, true);
      layer.dispose();
      x.dispose();
      vi.restoreAllMocks();
      return spy.forwards() === 1;
    };
    const limit = Math.floor(MAX_DENSITY * 64 * 50);
    expect(goes(50, 64, limit)).toBe(true);
    expect(goes(50, 64, limit + 1)).toBe(false);
    expect(goes(50, 64, 0)).toBe(true);
    expect(goes(MIN_COLUMNS, 4, 3)).toBe(true);
    expect(goes(MIN_COLUMNS - 1, 4, 3)).toBe(false);
  });
});

describe("gradients through a Dense whose input is sparse match central differences", () => {
  it.each([["tanh", 40, 6, 5], ["sigmoid", 64, 37, 3]] as const)("%s, %i inputs → %i units, %i rows", (activation, inputs, units, rows) => {
    const layer = denseLayer({ units, activation, inputShape: [inputs], biasInitializer: { name: "randomUniform", minval: -0.5, maxval: 0.5 } }, inputs, rows);
    const xs = Array.from(sparseValues(rows, inputs, 0.15, inputs)), g = seededValues(rows * units, -1, 1, units);
    const x = tensorOf(xs, rows, inputs), dx = tensorOf(new Array(rows * inputs).fill(0), rows, inputs);
    const loss = () => readF32(layer.forward(x.ptr, rows, true), rows * units).reduce((s, v, i) => s + v * g[i], 0);
    const spy = spyOnSparse();
    loss();
    writeF32(layer.outputGrad, g);
    layer.backward(x.ptr, rows, dx.ptr, false);
    expect([spy.forwards(inputs), spy.backwards(inputs)]).toEqual([1, 1]); // dW came from the sparse product
    for (const p of layer.params()) {
      const w0 = readF32(p.value, p.size);
      const check = gradientCheck((w) => (writeF32(p.value, w), loss()), w0, readF32(p.grad, p.size));
      writeF32(p.value, w0);
      expect(check.error, p.name).toBeLessThan(GRADIENT_TOLERANCE);
    }
    // dx also where x is zero: the skipped terms still have a gradient (gemmNT computes it over all of x).
    const check = gradientCheck((v) => (x.data.set(v), loss()), xs, dx.data);
    expect(check.error, "dx").toBeLessThan(GRADIENT_TOLERANCE);
    expect(xs.some((v, i) => v === 0 && check.analytic[i] !== 0)).toBe(true);
    layer.dispose();
    x.dispose();
    dx.dispose();
  });
});

describe("WASM memory growth between calls", () => {
  /** Allocate pages until the memory has had to grow, then free them (the model's pointers stay, every view is new). */
  const grow = () => {
    const heap = engine().heap, before = heap.memory.buffer.byteLength, taken: number[] = [];
    while (heap.memory.buffer.byteLength === before) taken.push(heap.alloc(PAGE));
    for (const p of taken) heap.release(p);
    expect(heap.memory.buffer.byteLength).toBeGreaterThan(before);
  };

  it("two fit calls with memory.grow between them give the weights and losses of the same calls without", async () => {
    const rows = 64, cols = 100, x = sparseValues(rows, cols, 0.1, 7);
    const plain = await train(x, rows, cols, true, { fits: 2 });
    const grown = await train(x, rows, cols, true, { fits: 2, between: grow });
    const dense = await train(x, rows, cols, false, { fits: 2, between: grow });
    expect(grown.forwards).toBeGreaterThan(0);
    expect(grown.loss).toEqual(plain.loss);
    expect(grown.weights).toEqual(plain.weights);
    expect(dense.weights).toEqual(plain.weights);
  });

  it("predict calls with memory.grow between them give the same bits as without, and as the dense products", () => {
    const cols = 784, x = sparseValues(20, cols, 0.15, 8);
    const run = (sparse: boolean, growing: boolean) => {
      engine().sparseInputs = sparse;
      const model = new Sequential({ seed: 9, layers: [new Dense({ units: 50, activation: "relu", inputShape: [cols] }), new Dense({ units: 10, activation: "softmax" })] });
      const outs: number[][] = [];
      for (const r of [1, 20, 1, 3]) {
        if (growing) grow();
        const out = model.predict(tensor2d(x.subarray(0, r * cols), [r, cols])).data;
        outs.push(Array.from(new Uint32Array(out.buffer, out.byteOffset, out.length)));
      }
      model.dispose();
      return outs;
    };
    const spy = spyOnSparse();
    const grown = run(true, true);
    expect(spy.forwards(cols)).toBe(4);
    expect(grown).toEqual(run(true, false));
    expect(grown).toEqual(run(false, true));
    expect(grown[2]).toEqual(grown[1].slice(0, 10)); // the first row alone is the first row of the batch
  });
});

describe("engine().sparseInputs", () => {
  it("is read at every forward pass: turned off after a fit, the next passes run dense; turned on again, sparse", async () => {
    const rows = 8, cols = 40, x = new Float32Array(rows * cols);
    for (let i = 0; i < x.length; i += 9) x[i] = 1;
    const m = new Sequential({ seed: 1, layers: [new Dense({ units: 3, inputShape: [cols] })] });
    m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "meanSquaredError" });
    const spy = spyOnSparse();
    await m.fit(tensor2d(x, [rows, cols]), tensor2d(new Float32Array(rows * 3), [rows, 3]), { epochs: 1, batchSize: rows, verbose: 0 });
    expect(spy.forwards()).toBe(1);
    expect(spy.backwards()).toBe(1);
    const sparse = m.predict(tensor2d(x, [rows, cols])).data;
    expect(spy.forwards()).toBe(2);
    engine().sparseInputs = false;
    const dense = m.predict(tensor2d(x, [rows, cols])).data;
    await m.fit(tensor2d(x, [rows, cols]), tensor2d(new Float32Array(rows * 3), [rows, 3]), { epochs: 1, batchSize: rows, verbose: 0 });
    expect(spy.forwards()).toBe(2);
    expect(spy.backwards()).toBe(1);
    expect(Array.from(dense)).toEqual(Array.from(sparse));
    engine().sparseInputs = true;
    m.predict(tensor2d(x, [rows, cols]));
    expect(spy.forwards()).toBe(3);
    m.dispose();
  });
});
