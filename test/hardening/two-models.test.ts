// Two models in one module instance (issue 6): they share the WASM memory and the kernels' scratch
// (GEMM's packed blocks), so fit() calls interleaved step by step, with the other model predicting,
// being created (memory growth) or disposed in between, must give each model the bits it gets alone.
import { describe, it, expect } from "vitest";
import { engine, type Sequential } from "../../src/index.js";
import { tiny, toyClasses, weightBytes } from "../model/util.js";

const a = toyClasses(48, 4, 3, 31), b = toyClasses(36, 6, 2, 32);
const makeA = () => tiny({ seed: 11, inputs: 4, hidden: 9, outputs: 3 });
const makeB = () => tiny({ seed: 12, inputs: 6, hidden: 5, outputs: 2, activation: "tanh", optimizer: "sgd" });
const fitA = (m: Sequential, callbacks = {}) => m.fit(a.x, a.y, { epochs: 3, batchSize: 8, validationSplit: 0.25, verbose: 0, callbacks });
const fitB = (m: Sequential, callbacks = {}) => m.fit(b.x, b.y, { epochs: 4, batchSize: 5, verbose: 0, seed: 3, callbacks });

/** Each model trained alone: the reference bits and history. */
async function alone(make: () => Sequential, fit: (m: Sequential) => Promise<{ history: object }>) {
  const m = make();
  const { history } = await fit(m);
  const result = { weights: weightBytes(m), history, predictions: m.predict(m.inputUnits === 4 ? a.x : b.x).data };
  m.dispose();
  return result;
}

describe("two models in one module instance", () => {
  it("fit() calls interleaved batch by batch give each model its solo bits and history", async () => {
    const soloA = await alone(makeA, fitA), soloB = await alone(makeB, fitB);
    const ma = makeA(), mb = makeB();
    const order: string[] = [];
    // An async hook yields to the event loop after every batch, so the two loops alternate.
    const yieldAfter = (tag: string, other: () => Sequential) => ({
      onBatchEnd: async () => {
        order.push(tag);
        other().predict([[0.1, 0.2, 0.3, 0.4, 0.5, 0.6].slice(0, other().inputUnits)]); // the other model's buffers are used in between
        await new Promise((resolve) => setImmediate(resolve));
      },
    });
    const [ha, hb] = await Promise.all([fitA(ma, yieldAfter("a", () => mb)), fitB(mb, yieldAfter("b", () => ma))]);
    const switches = order.filter((t, i) => i > 0 && t !== order[i - 1]).length;
    // They did interleave. How often depends on timing (the loop also breathes every 16 ms): 15 on a loaded CI machine.
    expect(switches).toBeGreaterThan(4);
    expect(weightBytes(ma)).toEqual(soloA.weights);
    expect(weightBytes(mb)).toEqual(soloB.weights);
    expect(ha.history).toEqual(soloA.history);
    expect(hb.history).toEqual(soloB.history);
    ma.dispose();
    mb.dispose();
  });

  it("a model created (growing memory) and another disposed in the middle of a fit change nothing", async () => {
    const soloA = await alone(makeA, fitA), soloB = await alone(makeB, fitB);
    const heap = engine().heap;
    const ma = makeA(), doomed = makeB();
    let mb: Sequential | undefined, grew = false;
    const onBatchEnd = (batch: number) => {
      if (batch === 1 && !mb) {
        doomed.dispose(); // its regions return to the free list while ma trains
        const pages = heap.memory.buffer.byteLength;
        const big = heap.alloc(pages + 65536); // forces memory.grow: every cached view is stale now
        mb = makeB();
        heap.release(big);
        grew = heap.memory.buffer.byteLength > pages;
      }
    };
    await fitA(ma, { onBatchEnd });
    expect(grew).toBe(true);
    expect(weightBytes(ma)).toEqual(soloA.weights);
    await fitB(mb!);
    expect(weightBytes(mb!)).toEqual(soloB.weights);
    expect(ma.predict(a.x).data).toEqual(soloA.predictions);
    ma.dispose();
    mb!.dispose();
  });

  it("two models with the same seed and shape stay independent: training one leaves the other's weights", async () => {
    const first = makeA(), second = makeA();
    const initial = weightBytes(second);
    expect(weightBytes(first)).toEqual(initial);
    await fitA(first);
    expect(weightBytes(second)).toEqual(initial);
    expect(weightBytes(first)).not.toEqual(initial);
    first.dispose();
    expect(weightBytes(second)).toEqual(initial);
    second.dispose();
  });
});
