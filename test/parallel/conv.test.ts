// A small CNN trained on 2 and 3 threads gives the weights one thread gives, bit for bit: Conv2D's
// GEMMs (col·K, colᵀ·dz, dz·Kᵀ) split by threads, and im2col/col2im run on the calling thread.
import { describe, it, expect } from "vitest";
import { Sequential, Conv2D, Flatten, Dense, Adam, tensor4d, type Engine } from "../../src/index.js";
import { teamOf } from "../../src/parallel/engine.js";
import { seededValues } from "../helpers.js";
import { threadedEngines } from "./engines.js";

const engines = threadedEngines();
const N = 64, H = 8, W = 8, C = 2;
const XS = seededValues(N * H * W * C, 0, 1, 5), LABELS = Array.from({ length: N }, (_, i) => (i * 7) % 3);

/** The weights' bits after 2 epochs (Adam, batch 16, seeded initialisation) on `engine`. */
async function trained(engine: Engine): Promise<Uint32Array[]> {
  const m = new Sequential({ seed: 3, engine, layers: [
    new Conv2D({ filters: 8, kernelSize: 3, padding: "same", activation: "relu", inputShape: [H, W, C] }),
    new Conv2D({ filters: 6, kernelSize: [3, 2], strides: [2, 1], activation: "tanh" }), // dx of the first by col2im
    new Conv2D({ filters: 4, kernelSize: 1 }), // the 1×1 path: no im2col
    new Flatten(), new Dense({ units: 3, activation: "softmax" }),
  ] });
  m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
  await m.fit(tensor4d(XS, [N, H, W, C]), LABELS, { epochs: 2, batchSize: 16, verbose: 0 });
  const weights = m.getWeights().map((w) => new Uint32Array(w.data.buffer, w.data.byteOffset, w.data.length)); // the bits
  m.dispose();
  return weights;
}

describe("Conv2D on threads", () => {
  it("2 and 3 threads train the one-thread weights bit for bit (3 convolutions, 2 epochs), the workers taking part", async () => {
    const expected = await trained(engines.one);
    for (const team of engines.teams) {
      // A sleeping worker may wake too late for a small run on 2 loaded cores (test/parallel/engines.ts):
      // train again, each run bit for bit, until one had the workers' chunks in it (up to 30 s).
      const state = teamOf(team)!, before = state.chunksByWorkers, until = performance.now() + 30_000;
      do expect(await trained(team)).toEqual(expected);
      while (state.chunksByWorkers === before && performance.now() < until);
      expect(state.chunksByWorkers).toBeGreaterThan(before);
    }
  });
});
