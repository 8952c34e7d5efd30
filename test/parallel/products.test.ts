// N threads compute the same bits as one: raw products of odd shapes and the elementwise split,
// on a threaded engine (shared memory, worker instances) against the one-thread module.
import { describe, it, expect, vi } from "vitest";
import type { Engine } from "../../src/index.js";
import { teamOf } from "../../src/parallel/engine.js";
import { threadedEngines, repeatUntilWorkersJoin } from "./engines.js";
import { MIN_PARALLEL_MACS, MIN_PARALLEL_ELEMENTS, MIN_PARALLEL_EXP_ELEMENTS, MIN_PARALLEL_GATHER } from "../../src/parallel/kernels.js";
import { seededValues } from "../helpers.js";
import { elementwiseKernels } from "../../src/core/activations.js";

const engines = threadedEngines();

type Form = "gemm" | "gemmTN" | "gemmNT";

/** Elements whose bits differ (vitest's deep equality on 400k-element arrays takes seconds). */
function differing(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

const cache = new Map<string, Float32Array>();
/** Seeded values, made once per (n, seed): the one-thread and threaded runs read the same ones. */
const values = (n: number, seed: number): Float32Array => {
  const key = `${n}/${seed}`;
  if (!cache.has(key)) cache.set(key, Float32Array.from(seededValues(n, -1, 1, seed)));
  return cache.get(key)!;
};

/** C = op(A)·op(B) (or C += … onto a seeded C) on `engine`; returns C's bits. */
function product(engine: Engine, form: Form, m: number, k: number, n: number, accumulate: boolean, seed: number): Uint32Array {
  const heap = engine.heap;
  const a = heap.alloc(m * k * 4), b = heap.alloc(k * n * 4), c = heap.alloc(m * n * 4);
  heap.f32.set(values(m * k, seed), a >>> 2);
  heap.f32.set(values(k * n, seed + 1), b >>> 2);
  heap.f32.set(values(m * n, seed + 2), c >>> 2);
  engine.k[form](a, b, c, m, k, n, accumulate ? 1 : 0);
  const bits = new Uint32Array(heap.f32.slice(c >>> 2, (c >>> 2) + m * n).buffer);
  heap.release(a); heap.release(b); heap.release(c);
  return bits;
}

// Shapes above the parallel threshold, cut by rows (n ≤ m) and by columns, with sizes that are
// not multiples of the blocks, and the training products of a 784-100-10 MNIST model (the small
// ones of its output layer too: 64×100×10, 64×10×100, 100×64×10).
const shapes: [number, number, number][] = [[64, 784, 100], [784, 64, 100], [67, 1001, 29], [29, 1001, 67], [301, 37, 403], [9, 4099, 57], [130, 257, 130],
  [64, 100, 10], [64, 10, 100], [100, 64, 10], [13, 400, 11]];

describe("threaded products", () => {
  it("the shapes exceed the threshold, so they really are split", () => {
    for (const [m, k, n] of shapes) expect(m * k * n).toBeGreaterThanOrEqual(MIN_PARALLEL_MACS);
  });

  it("the workers do compute chunks (else these tests would only check the calling thread)", () => {
    for (const team of engines.teams) {
      repeatUntilWorkersJoin(team, () => product(team, "gemm", 512, 512, 512, false, 1));
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(0);
    }
  });

  for (const form of ["gemm", "gemmTN", "gemmNT"] as const) {
    it(`${form}: 2 and 3 threads give the one-thread bits, with and without accumulate`, () => {
      shapes.forEach(([m, k, n], i) => {
        for (const accumulate of [false, true]) {
          const expected = product(engines.one, form, m, k, n, accumulate, 10 * i);
          for (const team of engines.teams) expect(differing(product(team, form, m, k, n, accumulate, 10 * i), expected)).toBe(0);
        }
      });
    });
  }

  it("elementwise activations split by threads give the one-thread bits", () => {
    const n = 3 * MIN_PARALLEL_ELEMENTS + 5;
    const x = seededValues(n, -8, 8, 3);
    // Every element-by-element kernel of the activation table; the costly ones (sigmoid, tanh) are
    // split from fewer elements: also the MNIST hidden layer's 64×100 and an odd length.
    const cases = elementwiseKernels().flatMap(({ kernel, costly }) => costly ? [[kernel, n], [kernel, 6400], [kernel, MIN_PARALLEL_EXP_ELEMENTS + 3]] as const : [[kernel, n]] as const);
    for (const [name, size] of cases) {
      const run = (engine: Engine) => {
        const heap = engine.heap, p = heap.alloc(size * 4), q = heap.alloc(size * 4);
        heap.f32.set(x.slice(0, size), p >>> 2);
        engine.k[name](p, q, size);
        const bits = new Uint32Array(heap.f32.slice(q >>> 2, (q >>> 2) + size).buffer);
        heap.release(p); heap.release(q);
        return bits;
      };
      const expected = run(engines.one);
      for (const team of engines.teams) expect(differing(run(team), expected)).toBe(0);
    }
  });

  it("byte-row gathers split by rows give the one-thread bits (the MNIST batch, and odd sizes)", () => {
    const rows = 1000, cols = 787, src = Uint8Array.from(seededValues(rows * cols, 0, 255.99, 5), Math.floor);
    for (const count of [64, 37, Math.ceil(MIN_PARALLEL_GATHER / cols) + 1]) {
      expect(count * cols).toBeGreaterThanOrEqual(MIN_PARALLEL_GATHER);
      const idx = Int32Array.from(seededValues(count, 0, rows - 0.01, count), Math.floor);
      const run = (engine: Engine) => {
        const heap = engine.heap, s = heap.alloc(rows * cols), i = heap.alloc(count * 4), d = heap.alloc(count * cols * 4);
        heap.u8.set(src, s); heap.i32.set(idx, i >>> 2);
        engine.k.gatherRowsU8(s, i, d, count, cols, 1 / 255);
        const bits = new Uint32Array(heap.f32.slice(d >>> 2, (d >>> 2) + count * cols).buffer);
        heap.release(d); heap.release(i); heap.release(s);
        return bits;
      };
      const expected = run(engines.one);
      expect(expected.some((b) => b !== 0)).toBe(true);
      for (const team of engines.teams) {
        const before = teamOf(team)!.chunksByWorkers;
        repeatUntilWorkersJoin(team, () => expect(differing(run(team), expected)).toBe(0));
        expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before);
      }
    }
  });

  it("a kernel that traps on any thread makes the call throw, not give a silent wrong answer", async () => {
    const team = engines.teams[0], m = 256, k = 1024, n = 8; // n ≤ m: cut by rows
    expect(m * k * n).toBeGreaterThanOrEqual(MIN_PARALLEL_MACS);
    const heap = team.heap, a = heap.calloc(m * k * 4), b = heap.calloc(k * n * 4);
    const end = team.k.memory.buffer.byteLength;
    const c = end - (m / 2) * n * 4; // the first half of C fits in memory, the second does not
    // Whichever thread claims a chunk past the end traps: the calling thread's RuntimeError, or
    // the ModelError that reports a worker's; either way the call throws.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => team.k.gemm(a, b, c, m, k, n, 0)).toThrow(/memory access out of bounds|a kernel failed in worker/);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let a worker's message arrive while the spy is on
    logged.mockRestore();
    // The engine still works afterwards.
    expect(differing(product(team, "gemm", 64, 784, 100, false, 1), product(engines.one, "gemm", 64, 784, 100, false, 1))).toBe(0);
    heap.release(a); heap.release(b);
  });
});
