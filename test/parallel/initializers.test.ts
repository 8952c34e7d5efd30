// Issue 14's initialisers (the orthogonal kernel among them) and a training with EarlyStopping on 2
// and 3 threads give the one-thread weights, bit for bit: the draws and the factorisation run on the
// calling thread, and the callbacks only read the logs.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, EarlyStopping, type Engine, type InitializerSpec } from "../../src/index.js";
import { threadedEngines } from "./engines.js";
import { toyClasses } from "../model/util.js";

const engines = threadedEngines();
const data = toyClasses(200, 40, 4, 3);
const SPECS: InitializerSpec[] = [
  { name: "orthogonal", gain: 1.3 }, "heNormal", "glorotNormal", { name: "varianceScaling", scale: 0.7, mode: "fanOut", distribution: "uniform" },
];

async function run(engine: Engine): Promise<{ weights: Float32Array[]; epochs: number }> {
  const model = new Sequential({ seed: 21, engine });
  SPECS.forEach((kernelInitializer, i) => {
    const last = i === SPECS.length - 1;
    model.add(new Dense({ units: last ? 4 : 64, activation: last ? "softmax" : "tanh", kernelInitializer, ...(i ? {} : { inputShape: [40] }) }));
  });
  model.compile({ optimizer: new SGD({ learningRate: 0.2, momentum: 0.9 }), loss: "sparseCategoricalCrossentropy" });
  const callbacks = new EarlyStopping({ patience: 2, restoreBestWeights: true });
  const h = await model.fit(data.x, data.y, { epochs: 30, batchSize: 32, verbose: 0, validationSplit: 0.25, callbacks });
  const weights = model.getWeights().map((w) => w.data);
  model.dispose();
  return { weights, epochs: h.epoch.length };
}

describe("initializers and EarlyStopping on threads", () => {
  it("2 and 3 threads give the one-thread weights and stop at the same epoch", async () => {
    const expected = await run(engines.one);
    expect(expected.epochs).toBeLessThan(30); // it did stop early
    for (const team of engines.teams) expect(await run(team)).toEqual(expected);
  });
});
