// Pooling layers in a model trained on 1, 2 and 3 threads: the pooling kernels run on the calling
// thread, the Dense products are shared with the workers, and the weights come out bit for bit the same.
import { describe, it, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import {
  Sequential, Dense, Flatten, Reshape, MaxPooling2D, AveragePooling2D, Adam, type Engine, type Inputs, type Labels,
} from "../../src/index.js";
import { teamOf } from "../../src/parallel/engine.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import { weightBytes } from "../model/util.js";
import { threadedEngines } from "./engines.js";

const engines = threadedEngines();
let mnist: { x: Inputs; y: Labels };

beforeAll(async () => {
  const { train } = await loadMnist({ trainLimit: 500, testLimit: 1 });
  mnist = { x: train.images, y: train.labels };
});

/** 784 → 128 relu → [8, 8, 2] → average 3×3 'same' stride 1 → max 2×2 → 10 softmax, Adam, 2 epochs of 32; the weights' hash. */
async function train(engine: Engine): Promise<{ hash: string; first: number; last: number }> {
  const model = new Sequential({ seed: 4, engine, layers: [new Flatten({ inputShape: [28, 28] }),
    new Dense({ units: 128, activation: "relu" }), new Reshape({ targetShape: [8, 8, 2] }), new AveragePooling2D({ poolSize: 3, strides: 1, padding: "same" }), new MaxPooling2D(),
    new Flatten(), new Dense({ units: 10, activation: "softmax" })] });
  model.compile({ optimizer: new Adam({ learningRate: 0.002 }), loss: "sparseCategoricalCrossentropy" });
  const history = await model.fit(mnist.x, mnist.y, { epochs: 2, batchSize: 32, verbose: 0 });
  const hash = createHash("sha256").update(weightBytes(model)).digest("hex");
  model.dispose();
  return { hash, first: history.history.loss[0], last: history.history.loss[1] };
}

describe("pooling on threads", () => {
  it("trains to the same bits on 1, 2 and 3 threads (2 epochs of 500 MNIST images)", async () => {
    const one = await train(engines.one);
    expect(one.last).toBeLessThan(one.first);
    for (const team of engines.teams) {
      const before = teamOf(team)!.chunksByWorkers, r = await train(team);
      expect(r.hash).toBe(one.hash);
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before); // the workers took part
    }
  });
});
