// assembly/memory.ts: heapBase is where the host's Heap starts carving regions.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";

describe("heapBase", () => {
  it("is above the static data, 16-byte aligned for v128, and inside memory", () => {
    const base = engine().k.heapBase();
    expect(base).toBeGreaterThan(0);
    expect(base % 16).toBe(0);
    expect(base).toBeLessThanOrEqual(engine().k.memory.buffer.byteLength);
  });

  it("regions the Heap hands out start at or above it, 16-byte aligned", () => {
    const heap = engine().heap, base = engine().k.heapBase();
    const ptrs = [1, 3, 4, 5, 17, 4096].map((bytes) => heap.alloc(bytes));
    for (const p of ptrs) {
      expect(p).toBeGreaterThanOrEqual(base);
      expect(p % 16).toBe(0);
    }
    for (const p of ptrs.reverse()) heap.release(p);
  });
});
