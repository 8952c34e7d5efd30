// Issue 14's optimizers (and a schedule) on 2 and 3 threads give the one-thread weights bit for bit:
// their kernels are elementwise and run on the calling thread; only the GEMMs are split.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { createHash } from "node:crypto";
import {
  createEngine, wasmBytes, Sequential, Dense, SGD, RMSprop, Adagrad, Adadelta, Adamax, AdamW, cosineDecay, type Engine, type Optimizer,
} from "../../src/index.js";
import { createParallelEngine, teamOf } from "../../src/parallel/engine.js";
import { weightBytes, rowsOf, seeded } from "../model/util.js";

let one: Engine;
const teams: Engine[] = [];
let chunksBefore: number[] = [];

beforeAll(async () => {
  one = createEngine(await wasmBytes());
  const bytes = await wasmBytes(new URL("../../build/scratchnet.threads.wasm", import.meta.url));
  teams.push(await createParallelEngine(bytes, { threads: 2 }), await createParallelEngine(bytes, { threads: 3 }));
  chunksBefore = teams.map((t) => teamOf(t)!.chunksByWorkers);
});
afterAll(async () => {
  for (const e of teams) await e.dispose();
});

const MAKE: [string, () => Optimizer][] = [
  ["SGD nesterov", () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true })],
  ["RMSprop centered", () => new RMSprop({ learningRate: 0.01, momentum: 0.3, centered: true })],
  ["Adagrad", () => new Adagrad({ learningRate: 0.05 })],
  ["Adadelta", () => new Adadelta({ learningRate: 1 })],
  ["Adamax", () => new Adamax({ decay: 0.01 })],
  ["AdamW + cosineDecay", () => new AdamW({ learningRate: cosineDecay({ initialLearningRate: 0.01, decaySteps: 10, warmupTarget: 0.02, warmupSteps: 3 }) })],
];

/** SHA-256 of the weights after 2 epochs of a 97-65-5 tanh/softmax model (batch 23, a short last batch). */
async function train(engine: Engine, optimizer: Optimizer): Promise<string> {
  const rows = 150, x = rowsOf(rows, 97, 3), y = seeded(rows, 11, 0, 5).map(Math.floor);
  const model = new Sequential({ seed: 5, engine, layers: [new Dense({ units: 65, activation: "tanh", inputShape: [97] }), new Dense({ units: 5, activation: "softmax" })] });
  model.compile({ optimizer, loss: "sparseCategoricalCrossentropy" });
  await model.fit(x, y, { epochs: 2, batchSize: 23, verbose: 0, seed: 9 });
  const hash = createHash("sha256").update(weightBytes(model)).digest("hex");
  model.dispose();
  return hash;
}

describe("issue 14's optimizers on threads", () => {
  it.each(MAKE)("%s: 2 and 3 threads give the one-thread weights", async (_name, make) => {
    const expected = await train(one, make());
    for (const team of teams) expect(await train(team, make())).toBe(expected);
  });

  it("the workers took part in those runs (over all of them: one small run may finish before a worker takes a chunk)", () => {
    teams.forEach((team, i) => expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(chunksBefore[i]));
  });
});
