// Issue 12: a model, data set or batch WebAssembly memory cannot hold is refused with a named
// error before memory grows (memory never shrinks), and the engine stays usable. The 4 GiB case
// is checked for real (the check comes before any allocation); the others lower `heap.limit` on
// an engine of their own so they reach it with a few megabytes.
import { describe, it, expect } from "vitest";
import { createEngine, wasmBytes, Sequential, Dense, SGD, ModelError, DataError, type Engine } from "../../src/index.js";
import { Heap, WASM_MAX_BYTES } from "../../src/core/heap.js";
import { rowsOf, toyClasses } from "./util.js";

const MiB = 2 ** 20;

async function freshEngine(headroom?: number): Promise<Engine> {
  const engine = createEngine(await wasmBytes());
  if (headroom !== undefined) engine.heap.limit = engine.heap.memory.buffer.byteLength + headroom;
  return engine;
}

/** A small model that must still compile, train and predict in `engine` after a refusal. */
async function stillUsable(engine: Engine): Promise<void> {
  const data = toyClasses(32, 4, 3, 7);
  const model = new Sequential({ engine, seed: 3 });
  model.add(new Dense({ units: 8, activation: "relu", inputShape: [4] }));
  model.add(new Dense({ units: 3, activation: "softmax" }));
  model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const history = await model.fit(data.x, data.y, { epochs: 3, batchSize: 8, verbose: 0 });
  expect(history.history.loss.every(Number.isFinite)).toBe(true);
  expect(model.predict(data.x).data.every(Number.isFinite)).toBe(true);
  model.dispose();
}

/** Run `refused`, expect it to throw `kind` matching every pattern, and memory and live bytes untouched. */
async function expectRefused(engine: Engine, kind: typeof ModelError | typeof DataError, patterns: RegExp[], refused: () => unknown): Promise<string> {
  const heap = engine.heap, bytes = heap.memory.buffer.byteLength, live = heap.liveBytes;
  let error: unknown;
  try {
    await refused();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(kind);
  const message = (error as Error).message;
  for (const p of patterns) expect(message).toMatch(p);
  expect(heap.memory.buffer.byteLength).toBe(bytes); // nothing grown for a refused request
  expect(heap.liveBytes).toBe(live); // nothing left allocated
  return message;
}

describe("a model too big for WebAssembly memory", () => {
  it("the one-thread engine's limit is 4 GiB, the most a 32-bit WebAssembly memory addresses", async () => {
    expect((await freshEngine()).heap.limit).toBe(4 * 1024 * MiB);
    expect(WASM_MAX_BYTES).toBe(65536 * 65536);
  });

  it("Dense(30000) on 30,000 inputs with Adam: compile() names its needs, the limit and the fix, before growing memory", async () => {
    const engine = await freshEngine();
    const model = new Sequential({ engine });
    model.add(new Dense({ units: 30000, inputShape: [30000] }));
    // 900,030,000 weights × 4 bytes = 3,600.1 MB each for weights, gradients; Adam's m and v twice that.
    const message = await expectRefused(engine, ModelError, [
      /^compile\(\): sequential_\d+ with Adam \(weights 3,600\.1 MB, gradients 3,600\.1 MB, optimizer state 7,200\.2 MB, fit\(\)'s undo copy 10,800\.4 MB, batch buffers 23\.2 MB\) needs 25,224\.0 MB/,
      /4,294\.7 MB of its 4,295\.0 MB \(4 GiB/, /Nothing was allocated/, /fewer units or inputs \(900,030,000 weights; [\d,]+ would fit\)\.$/,
    ], () => model.compile({ optimizer: "adam", loss: "meanSquaredError" }));
    expect(message).not.toMatch(/RangeError|Unable to grow/);
    // With Adam a weight takes 7 floats (weights, gradients, m, v, and the undo copy of weights, m and v) of
    // what is free less the batch buffers: 32 rows of outputs and gradients, the sparse-input lists and x, y.
    const batch = (2 * 32 * 30000 + (32 + 32 * 30004 + 30000 + 30000 * 32)) * 4 + 32 * 60000 * 4;
    expect(message).toContain(`; ${Math.floor((engine.heap.available - batch) / 28).toLocaleString("en-US")} would fit)`);
    // Plain SGD would still need 3 floats a weight, 10.8 GB: not suggested, as it cannot fit either.
    expect(message).not.toMatch(/SGD without momentum/);
    expect(model.layers[0].built).toBe(false); // nothing was built
    await stillUsable(engine);
  });

  it("a model that fits alone but not beside another is refused, and fits once the other is disposed", async () => {
    const engine = await freshEngine(12 * MiB);
    const make = () => {
      const m = new Sequential({ engine });
      m.add(new Dense({ units: 300, inputShape: [1000] })); // 300,300 weights: 1.2 MB each copy, 7 copies with Adam
      return m;
    };
    const first = make();
    first.compile({ optimizer: "adam", loss: "meanSquaredError" });
    const second = make();
    await expectRefused(engine, ModelError, [/\) needs 8\.9 MB/, / 7\.\d MB of its 12\.9 MB limit is free/, /, or SGD without momentum \(no optimizer state\)\.$/], () =>
      second.compile({ optimizer: "adam", loss: "meanSquaredError" }),
    );
    first.dispose();
    second.compile({ optimizer: "adam", loss: "meanSquaredError" });
    second.dispose();
    await stillUsable(engine);
  });
});

describe("data and batches too big for WebAssembly memory", () => {
  it("fit, predict and evaluate refuse a data set that cannot fit with a DataError naming rows × columns", async () => {
    const engine = await freshEngine(6 * MiB);
    const model = new Sequential({ engine });
    model.add(new Dense({ units: 2, inputShape: [1000] }));
    model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: "meanSquaredError" });
    const x = { data: new Float32Array(2000 * 1000), shape: [2000, 1000] as [number, number] }; // 8 MB as floats
    const y = { data: new Float32Array(2000 * 2), shape: [2000, 2] as [number, number] };
    const patterns = (what: string) => [new RegExp(`^${what} \\(2000 rows × 1000 columns\\) needs 8\\.0 MB of WebAssembly memory; \\d\\.\\d MB of its 6\\.6 MB limit is free`), /fewer rows at a time/, /Uint8Array/];
    await expectRefused(engine, DataError, patterns("fit: x"), () => model.fit(x, y, { verbose: 0 }));
    await expectRefused(engine, DataError, patterns("predict: x"), () => model.predict(x));
    await expectRefused(engine, DataError, patterns("evaluate: x"), () => model.evaluate(x, y));
    // The same pixels as bytes take a quarter of the room and fit (with 256-row batch buffers: 2 MB of nonzero lists, 1 MB gathered).
    expect(model.predict({ data: new Uint8Array(2000 * 1000), shape: [2000, 1000] }).shape).toEqual([2000, 2]);
    model.dispose();
    await stillUsable(engine);
  });

  it("a batch whose layer buffers cannot fit is refused with the rows, the layers and a batchSize that fits", async () => {
    const engine = await freshEngine(6 * MiB);
    const model = new Sequential({ engine });
    model.add(new Dense({ units: 4000, inputShape: [4] })); // per row: 32 KB of outputs and gradients, 32 KB of the next layer's nonzero lists
    model.add(new Dense({ units: 1 }));
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const x = rowsOf(512, 4, 5), y = rowsOf(512, 1, 6);
    await expectRefused(engine, ModelError, [/^a batch of 512 rows \(dense_\d+: 512 × 4000, dense_\d+: 512 × 1\) needs 32\.8 MB/, /use batchSize 64 or less/], () => model.predict(x, { batchSize: 512 }));
    await expectRefused(engine, ModelError, [/a batch of 512 rows/], () => model.fit(x, y, { batchSize: 512, verbose: 0 }));
    await expectRefused(engine, ModelError, [/a batch of 512 rows/], () => model.evaluate(x, y, { batchSize: 512 }));
    await model.fit(x, y, { batchSize: 64, epochs: 1, verbose: 0 }); // a batch that fits trains
    expect(model.predict(x, { batchSize: 64 }).data.every(Number.isFinite)).toBe(true);
    model.dispose();
    await stillUsable(engine);
  });
});

describe("Heap limit", () => {
  it("an allocation past the limit throws a ModelError naming the bytes and the limit, without growing memory", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new Heap(memory, 0, 4 * 65536);
    const kept = heap.alloc(65536 * 2);
    expect(() => heap.alloc(65536 * 3, { what: "the test buffer", fix: "ask for less" })).toThrow(
      /^the test buffer needs 0\.2 MB of WebAssembly memory; 0\.1 MB of its 0\.3 MB limit is free\. Nothing was allocated\. To fit: ask for less\.$/,
    );
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    heap.release(kept);
    expect(heap.liveBytes).toBe(0);
    expect(heap.alloc(65536 * 3)).toBeGreaterThanOrEqual(0); // the room is there again
  });

  it("a runtime that refuses to grow before the limit (a browser's smaller maximum) gives the same ModelError", () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const heap = new Heap(memory, 0, 16 * 65536); // the heap believes it may have more than the runtime gives
    expect(() => heap.alloc(65536 * 4)).toThrow(ModelError);
    expect(() => heap.alloc(65536 * 4)).toThrow(/a buffer needs 0\.3 MB .*, but this runtime refused to grow memory past 0\.1 MB \(RangeError/);
    expect(heap.liveBytes).toBe(0);
    expect(heap.alloc(65536 * 2)).toBe(0); // what does fit is still handed out
  });
});
