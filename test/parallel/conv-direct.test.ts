// The direct convolution on threads (src/parallel/kernels.ts): convForward cut by images and
// convFilterGrad by blocks of 16 filters give the bits of im2col + gemm / gemmTN on one thread
// (and + b, ReLU in the forward's stores those of addRowVector and relu).
import { describe, it, expect } from "vitest";
import { bothWays, type DirectCase } from "../kernels/direct-both-ways.js";
import { threadedEngines, repeatUntilWorkersJoin } from "./engines.js";
import { teamOf } from "../../src/parallel/engine.js";

const engines = threadedEngines();
// Big enough to be shared (≥ 10·MIN_PARALLEL_MACS multiply-adds): MNIST's layer on 4 images, and a padded 3-channel one.
const CASES: DirectCase[] = [[4, 28, 28, 1, 5, 1, "valid", 30], [6, 12, 12, 3, 3, 2, "same", 40]];

describe("the direct convolution on threads", () => {
  it.each(CASES)("2 and 3 threads give one thread's im2col + GEMM bits: n=%i %i×%i×%i, k=%i, stride %i, %s, %i filters", (...cs) => {
    const [[zRef], [dkRef], [aRef]] = bothWays(engines.one, cs, 11);
    for (const team of engines.teams) {
      const before = teamOf(team)!.chunksByWorkers;
      repeatUntilWorkersJoin(team, () => {
        const [[, z], [, dk], [, a]] = bothWays(team, cs, 11);
        expect(z).toEqual(zRef);
        expect(dk).toEqual(dkRef);
        expect(a).toEqual(aRef);
      });
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before);
    }
  });
});
