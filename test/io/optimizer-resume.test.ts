// Every optimizer (and a learning-rate schedule on it) saved after 5 steps, loaded and trained 10
// more gives the bits of an unbroken 15-step run; the file is TensorFlow.js's format (class_name,
// config, state names), which TensorFlow.js 4.22 itself loads for the optimizers it can restore.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import {
  Sequential, Dense, SGD, Adam, RMSprop, Adagrad, Adadelta, Adamax, AdamW, exponentialDecay, cosineDecay, piecewiseConstantDecay,
  ModelError, type Optimizer,
} from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { X, Y, INIT } from "../reference/tfjs-adam.js";

const CASES: [string, () => Optimizer, boolean][] = [
  ["SGD nesterov", () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }), true],
  ["RMSprop centered + momentum", () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true }), true],
  ["Adagrad", () => new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.2 }), true],
  ["Adadelta", () => new Adadelta({ learningRate: 1 }), true],
  // TensorFlow.js 4.22 cannot restore Adamax's state (its setWeights() throws), so it does not load this file.
  ["Adamax with decay", () => new Adamax({ learningRate: 0.02, decay: 0.01 }), false],
  ["AdamW (written as Adam + weightDecay, which TF.js loads as Adam)", () => new AdamW({ learningRate: 0.05, weightDecay: 0.1 }), true],
  ["Adam + exponentialDecay", () => new Adam({ learningRate: exponentialDecay({ initialLearningRate: 0.05, decaySteps: 3, decayRate: 0.8 }) }), true],
  ["SGD + cosineDecay with warmup", () => new SGD({ learningRate: cosineDecay({ initialLearningRate: 0.01, decaySteps: 8, warmupTarget: 0.2, warmupSteps: 4 }) }), true],
  ["RMSprop + piecewiseConstantDecay", () => new RMSprop({ learningRate: piecewiseConstantDecay({ boundaries: [3, 7], values: [0.02, 0.01, 0.002] }) }), true],
];

const fitSteps = (m: Sequential, steps: number) => m.fit(X, Y, { epochs: steps, batchSize: X.length, shuffle: false, verbose: 0 });
const weightsOf = (m: Sequential) => m.getWeights().flatMap((w) => Array.from(w.data));

function model(optimizer: Optimizer): Sequential {
  const m = new Sequential({ layers: [new Dense({ units: 4, activation: "tanh", inputShape: [3] }), new Dense({ units: 2, activation: "linear" })] });
  m.compile({ optimizer, loss: "meanSquaredError" });
  m.setWeights(INIT);
  return m;
}

async function saved(m: Sequential): Promise<ModelArtifacts> {
  let out: ModelArtifacts | undefined;
  await m.save({ save: async (a: ModelArtifacts) => ((out = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } }) });
  return out!;
}

describe("optimizer state saved and loaded", () => {
  it.each(CASES)("%s: save after 5 steps → load → 10 steps = 15 unbroken steps, bit for bit", async (_name, make, tfjsLoads) => {
    const straight = model(make()), first = model(make());
    await fitSteps(straight, 15);
    await fitSteps(first, 5);
    const file = await saved(first), resumed = await loadModel(file);
    expect(resumed.optimizer!.className).toBe(first.optimizer!.className);
    expect(resumed.optimizer!.getConfig()).toEqual(first.optimizer!.getConfig());
    await fitSteps(resumed, 10);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    expect(resumed.optimizer!.learningRate).toBe(straight.optimizer!.learningRate);
    if (tfjsLoads) {
      // TensorFlow.js reads the same file: its class, its config keys, the current rate.
      const theirs = await tf.loadLayersModel(tf.io.fromMemory(file as tf.io.ModelArtifacts));
      const config = theirs.optimizer.getConfig() as Record<string, unknown>;
      expect(config.learningRate).toBe(first.optimizer!.learningRate);
      theirs.dispose();
    }
    for (const m of [straight, first, resumed]) m.dispose();
  });

  it("a schedule's rate is Keras's schedule(iterations) before each step, and its config is saved beside the current rate", async () => {
    const schedule = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: true });
    const m = model(new SGD({ learningRate: schedule }));
    const rates: number[] = [];
    for (let i = 0; i < 5; i++) {
      rates.push(m.optimizer!.learningRate);
      await fitSteps(m, 1);
    }
    expect(rates).toEqual([0.1, 0.1, 0.05, 0.05, 0.025].map(Math.fround));
    const config = (await saved(m)).trainingConfig!.optimizer_config.config!;
    expect(config).toEqual({ learningRate: Math.fround(0.025), learningRateSchedule: { class_name: "ExponentialDecay", config: schedule.getConfig() } });
    expect(() => { m.optimizer!.learningRate = 0.5; }).toThrow(ModelError);
    // Keras's own form, the schedule in learning_rate itself, loads too.
    const file = await saved(m), keras = { class_name: "SGD", config: { learning_rate: { class_name: "ExponentialDecay", config: schedule.getConfig() } } };
    const back = await loadModel({ ...file, trainingConfig: { ...file.trainingConfig!, optimizer_config: keras } });
    expect([back.optimizer!.schedule!.getConfig(), back.optimizer!.learningRate]).toEqual([schedule.getConfig(), Math.fround(0.025)]);
    for (const x of [m, back]) x.dispose();
  });

  it("a learningRate set between epochs (as ReduceLROnPlateau does) is used and saved, and the resumed run goes on with it", async () => {
    const run = async (saveAt?: number) => {
      let m = model(new RMSprop({ learningRate: 0.02, momentum: 0.5 }));
      await fitSteps(m, 4);
      m.optimizer!.learningRate = 0.005;
      if (saveAt !== undefined) {
        const file = await saved(m);
        expect(file.trainingConfig!.optimizer_config.config!.learningRate).toBe(0.005);
        m.dispose();
        m = await loadModel(file);
      }
      await fitSteps(m, 6);
      const w = weightsOf(m);
      m.dispose();
      return w;
    };
    expect(await run(4)).toEqual(await run());
  });

  it("AdamW with weightDecay 0 is Adam bit for bit; with decay it shrinks the weights more", async () => {
    const [adam, w0, w1] = [model(new Adam({ learningRate: 0.05 })), model(new AdamW({ learningRate: 0.05, weightDecay: 0 })), model(new AdamW({ learningRate: 0.05, weightDecay: 1 }))];
    for (const m of [adam, w0, w1]) await fitSteps(m, 10);
    expect(weightsOf(w0)).toEqual(weightsOf(adam));
    const norm = (m: Sequential) => weightsOf(m).reduce((s, x) => s + x * x, 0);
    expect(norm(w1)).toBeLessThan(norm(adam));
    for (const m of [adam, w0, w1]) m.dispose();
  });
});
