// Training that goes wrong (issue 6): a loss that turns NaN/Infinity stops fit() with a
// TrainingError naming the epoch and the batch, and the model keeps weights from before the bad
// step: the step whose loss is not finite writes nothing, and fit() puts back the weights and the
// optimizer state of that epoch's start (known good: the retry the message suggests starts there).
import { describe, it, expect } from "vitest";
import { engine, Sequential, Dense, SGD, TrainingError, type Optimizer } from "../../src/index.js";
import { weightBytes } from "../model/util.js";

const x = Array.from({ length: 24 }, (_, i) => [(i % 6) / 6, Math.floor(i / 6) / 4, ((i * 7) % 5) / 5]);
const y = x.map(([a, b, c]) => [a - 2 * b + c]);

function linear(learningRate: number): Sequential {
  const model = new Sequential({ seed: 3, layers: [new Dense({ units: 4, activation: "linear", inputShape: [3] }), new Dense({ units: 1 })] });
  model.compile({ optimizer: new SGD({ learningRate, momentum: 0.9 }), loss: "meanSquaredError" });
  return model;
}

/** The optimizer's state buffers (SGD momentum's velocity) as bytes. */
function stateBytes(optimizer: Optimizer): number[] {
  const u8 = engine().heap.u8;
  return optimizer.stateBuffers().flatMap((b) => Array.from(u8.subarray(b.ptr, b.ptr + b.size * 4)));
}

/** Whether weight bytes (float32) hold only finite values. */
const finite = (b: Uint8Array) => new Float32Array(b.slice().buffer).every(Number.isFinite);

async function failure(run: Promise<unknown>): Promise<TrainingError> {
  const error = await run.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TrainingError);
  return error as TrainingError;
}

describe("an exploding loss", () => {
  /** Train a one-unit linear regression, one step per epoch, until it diverges; record the state after every step. */
  async function diverge(learningRate: number) {
    const model = new Sequential({ seed: 3, layers: [new Dense({ units: 1, inputShape: [3] })] });
    model.compile({ optimizer: new SGD({ learningRate, momentum: 0.9 }), loss: "meanSquaredError" });
    const start = { weights: weightBytes(model), state: stateBytes(model.optimizer!), iterations: 0 };
    const seen: (typeof start)[] = [];
    const onBatchEnd = () => void seen.push({ weights: weightBytes(model), state: stateBytes(model.optimizer!), iterations: model.optimizer!.iterations });
    const error = await failure(model.fit(x, y, { epochs: 1000, batchSize: 24, verbose: 0, callbacks: { onBatchEnd } }));
    return { model, error, seen: [start, ...seen] };
  }

  it("whose loss overflows: the message names the step, and the weights are those before it, bit for bit", async () => {
    // lr 5 with momentum: the weights grow every step; the loss (≈ w²) overflows float32 first.
    const { model, error, seen } = await diverge(5);
    const before = seen.at(-1)!; // the state after the last completed step, which the bad step started from
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((s) => finite(s.weights))).toBe(true); // no step before it wrote a NaN or Infinity
    expect(error.message).toMatch(new RegExp(`^the loss became (Infinity|NaN) at epoch ${seen.length}, batch 1: training diverged`));
    expect(weightBytes(model)).toEqual(before.weights);
    expect(stateBytes(model.optimizer!)).toEqual(before.state);
    expect(model.optimizer!.iterations).toBe(before.iterations);
    model.dispose();
  });

  it("whose update overflows the weights: the message names that step, and the weights are those before it", async () => {
    // lr 3 with momentum: here the update overflows the weights while the loss before it was finite.
    const { model, error, seen } = await diverge(3);
    const bad = seen.length - 1, before = seen[bad - 1]; // the last recorded step wrote the Infinity
    expect(finite(seen[bad].weights)).toBe(false);
    expect(finite(before.weights)).toBe(true);
    expect(error.message).toMatch(new RegExp(`^the weights became NaN or Infinity by epoch ${bad}, batch 1: training diverged`));
    expect(weightBytes(model)).toEqual(before.weights);
    expect(stateBytes(model.optimizer!)).toEqual(before.state);
    expect(model.optimizer!.iterations).toBe(before.iterations);
    model.dispose();
  });

  it("in the middle of an epoch: names that epoch and batch, restores that epoch's start, and the suggested retry trains", async () => {
    const model = linear(0.01), twin = linear(0.01);
    let startOfEpoch2: Uint8Array | undefined, state: number[] = [];
    const callbacks = {
      onEpochBegin: (e: number) => void (e === 1 && ((startOfEpoch2 = weightBytes(model)), (state = stateBytes(model.optimizer!)))),
      // Batch 2 of epoch 2 runs with a learning rate of 1e30: its update is finite but enormous,
      // and the loss of batch 3 overflows.
      onBatchEnd: (b: number) => void (startOfEpoch2 && b === 0 && (model.optimizer!.learningRate = 1e30)),
    };
    const error = await failure(model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, callbacks }));
    expect(error.message).toMatch(/the loss became (Infinity|NaN) at epoch 2, batch 3: training diverged/);
    expect(error.message).toMatch(/restored to the start of epoch 2/);
    expect(error.message).toMatch(/now 1e\+30; try 1e\+29/);
    expect(weightBytes(model)).toEqual(startOfEpoch2);
    expect(stateBytes(model.optimizer!)).toEqual(state);
    expect(model.optimizer!.iterations).toBe(3); // the three steps of epoch 1
    expect(model.predict(x).data.every(Number.isFinite)).toBe(true);

    // The twin trains epoch 1 only: the same weights AND velocity, so the same retry gives the same bits.
    await twin.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(weightBytes(twin)).toEqual(startOfEpoch2);
    model.optimizer!.learningRate = 0.01;
    const history = await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 9 });
    await twin.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, seed: 9 });
    expect(weightBytes(model)).toEqual(weightBytes(twin));
    expect(history.history.loss.every(Number.isFinite)).toBe(true);
    model.dispose();
    twin.dispose();
  });

  it("at the very first step (inputs at float32's limit overflow the output): nothing changed, the optimizer took no step, and no memory is kept", async () => {
    const live = engine().heap.liveBytes;
    const model = new Sequential({ seed: 1, layers: [new Dense({ units: 2, inputShape: [2], kernelInitializer: "ones" })] });
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "meanSquaredError" });
    const before = weightBytes(model);
    const error = await failure(model.fit([[3e38, 3e38], [1, 2]], [[0, 0], [1, 1]], { epochs: 2, batchSize: 2, verbose: 0 }));
    expect(error.message).toMatch(/the loss became (Infinity|NaN) at epoch 1, batch 1/);
    expect(weightBytes(model)).toEqual(before);
    expect(model.optimizer!.iterations).toBe(0);
    model.dispose();
    expect(engine().heap.liveBytes).toBe(live); // fit's buffers were released with the error
  });
});
