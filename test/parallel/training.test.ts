// Training on 2 and 3 threads gives the weights training on one gives, bit for bit: a
// 784-100-10 sigmoid/softmax MNIST-subset model (the benchmark's model) and an odd-shaped one,
// also when memory grows in the middle of the run.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createHash } from "node:crypto";
import { createEngine, wasmBytes, Sequential, Dense, SGD, type Engine, type Inputs, type Labels } from "../../src/index.js";
import { createParallelEngine, teamOf } from "../../src/parallel/engine.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import type { ActivationName } from "../../src/layers/activations.js";
import { weightBytes, rowsOf, seeded } from "../model/util.js";

let one: Engine;
const teams: Engine[] = [];
let mnist: { x: Inputs; labels: Labels };

beforeAll(async () => {
  one = createEngine(await wasmBytes());
  const bytes = await wasmBytes(new URL("../../build/scratchnet.threads.wasm", import.meta.url));
  teams.push(await createParallelEngine(bytes, { threads: 2 }), await createParallelEngine(bytes, { threads: 3 }));
  const { train } = await loadMnist({ trainLimit: 640, testLimit: 1 });
  mnist = { x: train.images, labels: train.labels };
});
afterAll(async () => {
  for (const e of teams) await e.dispose();
});

interface Run { units: number[]; activation: ActivationName; x: Inputs; y: Labels; batchSize: number; epochs: number }

/** SHA-256 of the weights after a fixed SGD run on `engine`; `grow` reserves memory after batch 3. */
async function train(engine: Engine, run: Run, grow = 0): Promise<{ hash: string; grew: boolean }> {
  const [inputs, ...units] = run.units;
  const model = new Sequential({ seed: 7, engine });
  units.forEach((u, i) => model.add(new Dense({ units: u, activation: i === units.length - 1 ? "softmax" : run.activation, ...(i === 0 ? { inputShape: [inputs] } : {}) })));
  model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "sparseCategoricalCrossentropy" });
  const before = engine.k.memory.buffer.byteLength;
  let reserved = 0;
  const onBatchEnd = (batch: number): void => {
    if (grow && batch === 3) reserved = engine.heap.alloc(grow);
  };
  await model.fit(run.x, run.y, { epochs: run.epochs, batchSize: run.batchSize, verbose: 0, callbacks: { onBatchEnd } });
  const grew = engine.k.memory.buffer.byteLength > before;
  const hash = createHash("sha256").update(weightBytes(model)).digest("hex");
  model.dispose();
  if (reserved) engine.heap.release(reserved);
  return { hash, grew };
}

describe("threaded training", () => {
  it("784-100-10 sigmoid/softmax on 640 MNIST images, batch 64: 2 and 3 threads give the one-thread weights", async () => {
    const run: Run = { units: [784, 100, 10], activation: "sigmoid", x: mnist.x, y: mnist.labels, batchSize: 64, epochs: 2 };
    const expected = (await train(one, run)).hash;
    for (const team of teams) {
      const before = teamOf(team)!.chunksByWorkers;
      expect((await train(team, run)).hash).toBe(expected);
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before); // the workers took part
    }
  });

  it("odd shapes (301-133-45-7 tanh, batch 37 with a short last batch) give the one-thread weights", async () => {
    const rows = 260, y = seeded(rows, 5, 0, 7).map(Math.floor);
    const run: Run = { units: [301, 133, 45, 7], activation: "tanh", x: rowsOf(rows, 301, 9), y, batchSize: 37, epochs: 2 };
    const expected = (await train(one, run)).hash;
    for (const team of teams) expect((await train(team, run)).hash).toBe(expected);
  });

  it("memory that grows in the middle of a threaded run keeps the results right", async () => {
    const run: Run = { units: [784, 100, 10], activation: "sigmoid", x: mnist.x, y: mnist.labels, batchSize: 64, epochs: 1 };
    const expected = (await train(one, run)).hash;
    const team = teams[0], size = team.k.memory.buffer.byteLength;
    const grown = await train(team, run, size); // more than is free: the shared memory must grow
    expect(grown.grew).toBe(true);
    expect(grown.hash).toBe(expected);
  });
});
