// fit() stopped early from a callback (issue 6): model.stopTraining = true (or a hook returning
// false) ends training after the current batch and leaves a consistent model: the history holds
// the epochs that ran (the cut one averaged over its batches, as in Keras), the weights are those
// of the last completed step, predict works and fit() can run again.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { toyClasses, tiny, weightBytes } from "../model/util.js";

const data = toyClasses(40, 4, 3, 21);
const opts = { batchSize: 8, verbose: 0 as const }; // 5 steps an epoch

describe("stopping fit() from a callback", () => {
  it("model.stopTraining in onBatchEnd: history, weights of the last step, predict, and a second fit", async () => {
    const model = tiny({ seed: 4 });
    let epoch = 0, atStop: { weights: Uint8Array; predictions: Float32Array; iterations: number; loss: number } | undefined;
    const callbacks = {
      onEpochBegin: (e: number) => void (epoch = e),
      onBatchEnd: (batch: number, logs?: Record<string, number>) => {
        if (epoch !== 1 || batch !== 2) return;
        model.stopTraining = true;
        atStop = { weights: weightBytes(model), predictions: model.predict(data.x).data, iterations: model.optimizer!.iterations, loss: logs!.loss };
      },
    };
    const history = await model.fit(data.x, data.y, { ...opts, epochs: 4, validationSplit: 0.2, callbacks });
    expect(history.epoch).toEqual([0, 1]);
    expect(history.history.loss).toHaveLength(2);
    expect(history.history.val_loss).toHaveLength(2);
    expect(history.history.loss[1]).toBe(atStop!.loss); // the cut epoch's mean over its 3 batches
    expect(model.optimizer!.iterations).toBe(4 + 3); // 32 training rows: 4 steps, then 3
    expect(atStop!.iterations).toBe(7);
    expect(weightBytes(model)).toEqual(atStop!.weights);
    expect(model.predict(data.x).data).toEqual(atStop!.predictions);
    const [loss] = model.evaluate(data.x.slice(32), data.y.slice(32));
    expect(loss).toBe(history.history.val_loss[1]); // validation ran on the weights it stopped with

    const again = await model.fit(data.x, data.y, { ...opts, epochs: 2 });
    expect(model.stopTraining).toBe(false);
    expect(again.epoch).toEqual([0, 1]);
    expect(model.optimizer!.iterations).toBe(7 + 10);
    expect(weightBytes(model)).not.toEqual(atStop!.weights);
    model.dispose();
  });

  it("returning false from onEpochEnd: the same bits as asking for that many epochs", async () => {
    const stopped = tiny({ seed: 6 }), planned = tiny({ seed: 6 });
    const history = await stopped.fit(data.x, data.y, { ...opts, epochs: 10, callbacks: { onEpochEnd: (e) => e !== 2 } });
    const reference = await planned.fit(data.x, data.y, { ...opts, epochs: 3 });
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(history.history).toEqual(reference.history);
    expect(weightBytes(stopped)).toEqual(weightBytes(planned));
    // Both continue alike: nothing of the stopped run's remaining plan survives in the model.
    await stopped.fit(data.x, data.y, { ...opts, epochs: 2, seed: 5 });
    await planned.fit(data.x, data.y, { ...opts, epochs: 2, seed: 5 });
    expect(weightBytes(stopped)).toEqual(weightBytes(planned));
    stopped.dispose();
    planned.dispose();
  });

  it("stopping in onTrainBegin or onEpochBegin records nothing for the epoch that did not run", async () => {
    const model = tiny({ seed: 8 });
    const before = weightBytes(model);
    let ended = 0;
    const none = await model.fit(data.x, data.y, { ...opts, epochs: 3, callbacks: { onTrainBegin: () => false, onTrainEnd: () => void ended++ } });
    expect(none.epoch).toEqual([]);
    expect(ended).toBe(1);
    expect(weightBytes(model)).toEqual(before);
    expect(model.optimizer!.iterations).toBe(0);
    const one = await model.fit(data.x, data.y, { ...opts, epochs: 3, callbacks: { onEpochBegin: (e) => void (e === 1 && (model.stopTraining = true)) } });
    expect(one.epoch).toEqual([0]);
    expect(model.optimizer!.iterations).toBe(5);
    model.dispose();
  });

  it("a callback that throws ends fit() with its error, frees fit's memory and leaves the model trainable", async () => {
    const model = tiny({ seed: 10 });
    await model.fit(data.x, data.y, { ...opts, epochs: 1 }); // layer buffers reserved: fit's own memory is what remains
    const live = engine().heap.liveBytes;
    let atThrow: Uint8Array | undefined;
    const boom = new Error("callback failed");
    const onBatchEnd = (b: number) => {
      if (b < 3) return;
      atThrow = weightBytes(model);
      throw boom;
    };
    await expect(model.fit(data.x, data.y, { ...opts, epochs: 2, callbacks: { onBatchEnd } })).rejects.toBe(boom);
    expect(engine().heap.liveBytes).toBe(live);
    expect(weightBytes(model)).toEqual(atThrow);
    expect(model.optimizer!.iterations).toBe(5 + 4);
    const history = await model.fit(data.x, data.y, { ...opts, epochs: 1 });
    expect(history.history.loss.every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it("stopping in onBatchBegin still finishes that batch (Keras checks the flag after it)", async () => {
    const model = tiny({ seed: 9 });
    let steps = 0;
    const history = await model.fit(data.x, data.y, { ...opts, epochs: 2, callbacks: { onBatchBegin: (b) => b !== 1, onBatchEnd: () => void steps++ } });
    expect(steps).toBe(2);
    expect(model.optimizer!.iterations).toBe(2);
    expect(history.epoch).toEqual([0]);
    model.dispose();
  });
});
