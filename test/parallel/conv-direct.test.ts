// The direct convolution on threads (src/parallel/kernels.ts): convForward cut by images and
// convFilterGrad by blocks of 16 filters give the bits of im2col + gemm / gemmTN on one thread
// (and + b, ReLU in the forward's stores those of addRowVector and relu); maxPool and
// maxPoolBackwardTiled cut by images give their one-thread bits.
import { describe, it, expect } from "vitest";
import { bothWays, type DirectCase } from "../kernels/direct-both-ways.js";
import { threadedEngines, repeatUntilWorkersJoin } from "./engines.js";
import { teamOf } from "../../src/parallel/engine.js";
import type { Engine } from "../../src/index.js";
import { seededValues } from "../helpers.js";

const engines = threadedEngines();
// Big enough to be shared (≥ 10·MIN_PARALLEL_MACS multiply-adds): MNIST's layer on 4 images, and a padded 3-channel one.
const CASES: DirectCase[] = [[4, 28, 28, 1, 5, 1, "valid", 30], [6, 12, 12, 3, 3, 2, "same", 40]];

describe("the direct convolution on threads", () => {
  it.each(CASES)("2 and 3 threads give one thread's im2col + GEMM bits: n=%i %i×%i×%i, k=%i, stride %i, %s, %i filters", (...cs) => {
    const expected = bothWays(engines.one, cs, 11).map(([reference]) => reference);
    for (const team of engines.teams) {
      const before = teamOf(team)!.chunksByWorkers;
      repeatUntilWorkersJoin(team, () => {
        expect(bothWays(team, cs, 11).map(([, direct]) => direct)).toEqual(expected);
      });
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before);
    }
  });

  it("maxPool and maxPoolBackwardTiled (8 images of 24×24×30, 2×2) on 2 and 3 threads give the one-thread bits", () => {
    const run = (e: Engine): Uint32Array[] => {
      const { heap, k } = e, n = 8, h = 24, c = 30, out = n * 12 * 12 * c, floats = (values: number[]) => {
        const p = heap.alloc(values.length * 4);
        heap.f32.set(values, p >>> 2);
        return p;
      };
      const x = floats(seededValues(n * h * h * c, -1, 1, 3)), dy = floats(seededValues(out, -1, 1, 4));
      const y = heap.alloc(out * 4), argmax = heap.alloc(out * 4), dx = heap.alloc(n * h * h * c * 4);
      k.maxPool(x, n, h, h, c, 2, 2, 2, 2, 0, 0, 12, 12, y, argmax);
      k.maxPoolBackwardTiled(dy, argmax, n, h, h, c, 2, 2, dx);
      const bits = [new Uint32Array(heap.f32.buffer, y, out).slice(), new Uint32Array(heap.f32.buffer, argmax, out).slice(),
        new Uint32Array(heap.f32.buffer, dx, n * h * h * c).slice()];
      for (const p of [x, dy, y, argmax, dx].reverse()) heap.release(p);
      return bits;
    };
    const expected = run(engines.one);
    for (const team of engines.teams) {
      const before = teamOf(team)!.chunksByWorkers;
      repeatUntilWorkersJoin(team, () => expect(run(team)).toEqual(expected));
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before);
    }
  });
});
