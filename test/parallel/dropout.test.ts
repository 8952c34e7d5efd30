// A model with Dropout and LeakyReLU (issue 14) through fit, evaluate and predict on the MNIST
// subset: it learns, inference is deterministic (training=false: no mask), and 2 and 3 threads
// give the one-thread weights bit for bit (the masks are drawn on the calling thread).
import { describe, it, expect, beforeAll } from "vitest";
import { createHash } from "node:crypto";
import { Sequential, Dense, Dropout, LeakyReLU, Flatten, Adam, type Engine, type Inputs, type Labels } from "../../src/index.js";
import { teamOf } from "../../src/parallel/engine.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import { weightBytes } from "../model/util.js";
import { threadedEngines } from "./engines.js";

const engines = threadedEngines();
let mnist: { x: Inputs; y: Labels; testX: Inputs; testY: Labels };

beforeAll(async () => {
  const { train, test } = await loadMnist({ trainLimit: 1000, testLimit: 500 });
  mnist = { x: train.images, y: train.labels, testX: test.images, testY: test.labels };
});

/** 28×28 → Flatten → 64 → LeakyReLU → Dropout 0.2 → 10 softmax, Adam, 3 epochs of 32. */
interface Trained { hash: string; accuracy: number; first: number; last: number; predictions: Float32Array[] }

async function train(engine: Engine): Promise<Trained> {
  const model = new Sequential({ seed: 3, engine, layers: [new Flatten({ inputShape: [28, 28] }), new Dense({ units: 64 }),
    new LeakyReLU(), new Dropout({ rate: 0.2, seed: 1 }), new Dense({ units: 10, activation: "softmax" })] });
  model.compile({ optimizer: new Adam({ learningRate: 0.002 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const history = await model.fit(mnist.x, mnist.y, { epochs: 3, batchSize: 32, verbose: 0 });
  const [, accuracy] = model.evaluate(mnist.testX, mnist.testY);
  const predictions = [model.predict(mnist.testX).data, model.predict(mnist.testX).data];
  const hash = createHash("sha256").update(weightBytes(model)).digest("hex");
  model.dispose();
  return { hash, accuracy, first: history.history.loss[0], last: history.history.loss[2], predictions };
}

describe("Dropout and LeakyReLU on 1,000 MNIST images", () => {
  it("learn (test accuracy > 80%), predict twice the same, and train to the same bits on 1, 2 and 3 threads", async () => {
    const one = await train(engines.one);
    expect(one.last).toBeLessThan(one.first);
    console.log(`Dropout/LeakyReLU on 1,000 MNIST images, 3 epochs: test accuracy ${one.accuracy}, loss ${one.first} → ${one.last}`);
    expect(one.accuracy).toBeGreaterThan(0.8); // measured 0.854 on 500 test images (loss 1.39 → 0.433)
    expect(one.predictions[1]).toEqual(one.predictions[0]); // inference draws no mask
    for (const team of engines.teams) {
      const before = teamOf(team)!.chunksByWorkers, r = await train(team);
      expect(r.hash).toBe(one.hash);
      expect(teamOf(team)!.chunksByWorkers).toBeGreaterThan(before); // the workers took part
    }
  });
});
