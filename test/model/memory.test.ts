// STYLE 2.3: WASM owns the bytes, the Heap owns the policy. Growth in the middle of fit() must
// not change a single bit, views must be re-made after growth, and a step must allocate nothing.
import { describe, it, expect } from "vitest";
import { engine, Tensor, ModelError } from "../../src/index.js";
import { tiny, toyClasses, weightBytes } from "./util.js";

const data = toyClasses(64, 4, 3, 11);
const PAGE = 65536;

async function train(growEvery: number): Promise<Uint8Array> {
  const model = tiny({ seed: 5 });
  const heap = engine().heap;
  const onBatchEnd = (batch: number) => {
    if (batch % growEvery !== 0) return;
    const big = heap.alloc(heap.memory.buffer.byteLength + 4 * PAGE); // cannot fit: memory.grow
    heap.release(big);
  };
  await model.fit(data.x, data.y, { epochs: 3, batchSize: 8, verbose: 0, callbacks: { onBatchEnd } });
  const bytes = weightBytes(model);
  model.dispose();
  return bytes;
}

describe("WASM memory growth", () => {
  it("growing memory in the middle of fit() gives bit-identical weights", async () => {
    const plain = await train(Number.MAX_SAFE_INTEGER);
    const before = engine().heap.memory.buffer.byteLength;
    const grown = await train(3);
    expect(engine().heap.memory.buffer.byteLength).toBeGreaterThan(before); // growth did happen
    expect(grown).toEqual(plain);
  });

  it("a view taken before growth is stale; Tensor.data after growth reads and writes", () => {
    const heap = engine().heap;
    const t = Tensor.from([1, 2, 3, 4, 5, 6], 2, 3);
    // The hazard: this Float32Array is bound to the ArrayBuffer of the memory *before* grow.
    // After memory.grow that buffer is detached — length 0, reads undefined, writes dropped,
    // and nothing throws. Never keep a view across an allocation; ask t.data again.
    const stale = t.data;
    const big = heap.alloc(heap.memory.buffer.byteLength + PAGE);
    expect(stale.length).toBe(0);
    expect(stale[0]).toBeUndefined();
    stale[1] = 99; // silently dropped
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    t.data[4] = -7;
    expect(heap.f32[(t.ptr >>> 2) + 4]).toBe(-7);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, -7, 6]);
    heap.release(big);
    t.dispose();
  });

  it("a disposed Tensor's data throws a named error", () => {
    const t = Tensor.zeros(3, 3);
    t.dispose();
    expect(() => t.data).toThrow(ModelError);
    expect(() => t.data).toThrow(/disposed/);
    expect(() => t.toArray()).toThrow(/disposed/);
    t.dispose(); // a second dispose is harmless
  });
});

describe("Heap reuse", () => {
  it("1,000 create/compile/fit/dispose cycles do not grow memory; liveBytes returns to its start", async () => {
    const heap = engine().heap;
    const x = data.x.slice(0, 8), y = data.y.slice(0, 8);
    const startLive = heap.liveBytes;
    let afterWarmup = 0;
    for (let i = 0; i < 1000; i++) {
      const model = tiny({ seed: i });
      await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
      model.predict(x);
      model.evaluate(x, y);
      model.dispose();
      if (i === 4) afterWarmup = heap.memory.buffer.byteLength;
      expect(heap.liveBytes).toBe(startLive);
    }
    expect(heap.memory.buffer.byteLength).toBe(afterWarmup);
  });
});

describe("a training step allocates nothing", () => {
  it("heap.allocations and memory size do not change between the first and last onBatchEnd", async () => {
    const heap = engine().heap;
    const model = tiny({ seed: 3 });
    const seen: { allocations: number; bytes: number }[] = [];
    const onBatchEnd = () => void seen.push({ allocations: heap.allocations, bytes: heap.memory.buffer.byteLength });
    await model.fit(data.x, data.y, { epochs: 13, batchSize: 8, verbose: 0, callbacks: { onBatchEnd } });
    expect(seen.length).toBe(104);
    expect(seen.at(-1)).toEqual(seen[0]);
    model.dispose();
  });

  it("with validation, memory and live bytes stay level from epoch to epoch", async () => {
    const heap = engine().heap;
    const model = tiny({ seed: 3 });
    const seen: number[][] = [];
    const onEpochEnd = () => void seen.push([heap.liveBytes, heap.memory.buffer.byteLength]);
    await model.fit(data.x, data.y, { epochs: 6, batchSize: 8, verbose: 0, validationSplit: 0.25, callbacks: { onEpochEnd } });
    expect(new Set(seen.map((s) => s.join())).size).toBe(1);
    model.dispose();
  });
});
