// Instantiating the threaded module on a memory in use rewrites nothing: its remaining data
// segments hold constants only (scripts/build-wasm.mjs drops the zero ones, which would wipe
// the static packing buffers another instance is using).
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { createParallelEngine } from "../../src/parallel/engine.js";
import { wasmBytes } from "../../src/index.js";

describe("the threaded module's data segments", () => {
  it("a new instance on a memory in use leaves every byte below the heap as it was", async () => {
    const bytes = await wasmBytes(new URL("../../build/scratchnet.threads.wasm", import.meta.url));
    const engine = await createParallelEngine(bytes, { threads: 2 });
    const { heap, k } = engine;
    // A product on the calling thread's instance fills its static packing buffers (below the heap).
    const m = 64, kk = 300, n = 40, a = heap.alloc(m * kk * 4), b = heap.alloc(kk * n * 4), c = heap.alloc(m * n * 4);
    for (let i = 0; i < m * kk; i++) heap.f32[(a >>> 2) + i] = (i % 17) - 8;
    for (let i = 0; i < kk * n; i++) heap.f32[(b >>> 2) + i] = (i % 13) - 6;
    k.gemm(a, b, c, m, kk, n, 0);
    const base = k.heapBase(), before = heap.u8.slice(0, base);
    expect(before.some((x) => x !== 0)).toBe(true);
    const module = await WebAssembly.compile(bytes as ArrayBuffer);
    await WebAssembly.instantiate(module, { env: { memory: k.memory } });
    const after = heap.u8.slice(0, base);
    let changed = 0;
    for (let i = 0; i < base; i++) if (after[i] !== before[i]) changed++;
    expect(changed).toBe(0);
    await engine.dispose();
  });

  it("the threaded module is about the size of the one-thread one (no zero-filled segments)", () => {
    const one = readFileSync(new URL("../../build/scratchnet.wasm", import.meta.url)).length;
    const threads = readFileSync(new URL("../../build/scratchnet.threads.wasm", import.meta.url)).length;
    expect(threads).toBeLessThan(one * 1.1);
  });
});
