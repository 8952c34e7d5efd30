// The callbacks on scripted loss sequences: the exact epoch at which each acts, EarlyStopping checked
// live against tf.callbacks.earlyStopping (TF.js 4.22) on the same sequences, the others against the
// epochs Keras' code (callbacks.py: ReduceLROnPlateau.on_epoch_end, LearningRateScheduler) gives.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { EarlyStopping, ReduceLROnPlateau, LearningRateScheduler, ModelCheckpoint, ModelError } from "../../src/index.js";
import type { Model } from "../../src/models/model.js";
import { formatPath } from "../../src/callbacks/model-checkpoint.js";

/** A stand-in model with what these callbacks touch: stopTraining and the optimizer's rate. */
const fake = (lr = 0.1) => ({ name: "m", stopTraining: false, optimizer: { learningRate: lr } }) as unknown as Model;

/** Epochs run until the callback stops training (its index), or −1. */
function stopEpoch(cb: EarlyStopping, seq: number[], key = "val_loss"): number {
  const model = fake();
  cb.setModel(model);
  cb.onTrainBegin();
  for (let e = 0; e < seq.length; e++) {
    cb.onEpochEnd(e, { [key]: seq[e] });
    if (model.stopTraining) return e;
  }
  return -1;
}

async function tfjsStopEpoch(args: tf.CustomCallbackArgs & Record<string, unknown>, seq: number[], key = "val_loss"): Promise<number> {
  const cb = tf.callbacks.earlyStopping(args as never), model = { stopTraining: false };
  Object.assign(cb, { model }); // its setModel insists on a LayersModel; the rule reads only stopTraining
  await cb.onTrainBegin();
  for (let e = 0; e < seq.length; e++) {
    await cb.onEpochEnd(e, { [key]: seq[e] });
    if (model.stopTraining) return e;
  }
  return -1;
}

const falling = [1.0, 0.8, 0.7, 0.69, 0.695, 0.68, 0.7, 0.71, 0.72, 0.73];

describe("EarlyStopping on a scripted sequence", () => {
  const cases: [string, Record<string, unknown>, number[], string, number][] = [
    ["defaults (patience 0)", {}, falling, "val_loss", 4],
    ["patience 2", { patience: 2 }, falling, "val_loss", 7],
    ["patience 2, minDelta 0.02", { patience: 2, minDelta: 0.02 }, falling, "val_loss", 4],
    ["baseline 0.75, patience 1", { baseline: 0.75, patience: 1 }, [0.9, 0.8, 0.76, 0.74, 0.75], "val_loss", 0],
    ["baseline 0.75, patience 3", { baseline: 0.75, patience: 3 }, [0.9, 0.8, 0.74, 0.75, 0.76, 0.77], "val_loss", 5],
    ["accuracy maximised by 'auto'", { monitor: "val_acc", patience: 1 }, [0.5, 0.6, 0.6, 0.7], "val_acc", 2],
    ["mode 'max' on a loss", { monitor: "loss", mode: "max", patience: 1 }, [1, 0.9], "loss", 1],
    ["never stops", { patience: 3 }, [5, 4, 3, 2, 1], "val_loss", -1],
  ];
  for (const [what, args, seq, key, epoch] of cases) {
    it(`${what}: stops at epoch index ${epoch}, as TF.js does`, async () => {
      expect(stopEpoch(new EarlyStopping(args), seq, key)).toBe(epoch);
      expect(await tfjsStopEpoch(args, seq, key)).toBe(epoch);
    });
  }

  it("verbose: prints the epoch (from 1, as Keras; TF.js prints it from 0) at which it stopped", () => {
    const lines: string[] = [], log = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const cb = new EarlyStopping({ verbose: 1 });
      expect(stopEpoch(cb, falling)).toBe(4);
      cb.onTrainEnd();
    } finally {
      console.log = log;
    }
    expect(lines).toEqual(["Epoch 5: early stopping"]);
  });

  it("refuses a monitor missing from the logs (TF.js only warns), a bad mode, patience and unknown options", () => {
    const cb = new EarlyStopping({ monitor: "val_los" });
    cb.setModel(fake());
    cb.onTrainBegin();
    expect(() => cb.onEpochEnd(0, { loss: 1, val_loss: 1 })).toThrow(/monitor 'val_los' is not in the epoch logs \(loss, val_loss\)/);
    expect(() => new EarlyStopping({ mode: "maximum" as never })).toThrow(ModelError);
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/patience must be an integer/);
    expect(() => new EarlyStopping({ patiense: 2 } as never)).toThrow(/unknown option 'patiense'/);
  });
});

/** The rate after each epoch end of a ReduceLROnPlateau fed `seq`. */
function rates(cb: ReduceLROnPlateau, seq: number[], lr = 1): number[] {
  const model = fake(lr);
  cb.setModel(model);
  cb.onTrainBegin();
  return seq.map((v, e) => (cb.onEpochEnd(e, { val_loss: v }), model.optimizer!.learningRate));
}

describe("ReduceLROnPlateau on a scripted sequence (Keras' rule)", () => {
  it("patience 2: lowers the rate at the second epoch in a row without improvement", () => {
    const seq = [1, 0.9, 0.95, 0.92, 0.91, 0.8, 0.85, 0.86];
    expect(rates(new ReduceLROnPlateau({ patience: 2, factor: 0.5 }), seq)).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25]);
  });

  it("cooldown 2 holds off the next reduction, minDelta counts, minLr is a floor", () => {
    const flat = [1, 1, 1, 1, 1, 1, 1, 1];
    // Keras counts the cooldown down at the start of on_epoch_end: cooldown 2 holds one epoch
    const cooled = rates(new ReduceLROnPlateau({ patience: 1, factor: 0.5, cooldown: 2 }), flat);
    expect(cooled).toEqual([1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.0625]);
    expect(rates(new ReduceLROnPlateau({ patience: 1, factor: 0.5, minDelta: 0.2 }), [1, 0.85, 0.7, 0.6])).toEqual([1, 0.5, 0.5, 0.25]);
    expect(rates(new ReduceLROnPlateau({ patience: 1, factor: 0.1, minLr: 0.05 }), flat.slice(0, 4))).toEqual([1, 0.1, 0.05, 0.05]);
  });

  it("refuses factor ≥ 1 (Keras too) and ≤ 0", () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/factor must be in \(0, 1\)/);
    expect(() => new ReduceLROnPlateau({ factor: 0 })).toThrow(ModelError);
  });
});

describe("LearningRateScheduler", () => {
  it("sets schedule(epoch, lr) at each epoch's start and refuses a rate no update can use", () => {
    const model = fake(0.1), cb = new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr / 2));
    cb.setModel(model);
    const seen = [0, 1, 2, 3].map((e) => (cb.onEpochBegin(e), model.optimizer!.learningRate));
    expect(seen).toEqual([0.1, 0.1, 0.05, 0.025]);
    const bad = new LearningRateScheduler(() => NaN);
    bad.setModel(model);
    expect(() => bad.onEpochBegin(0)).toThrow(/positive finite number, got NaN/);
  });
});

describe("ModelCheckpoint", () => {
  it("formats the filepath as Keras does", () => {
    expect(formatPath("file://out/m-{epoch:02d}-{val_loss:.3f}", 4, { val_loss: 0.12345 })).toBe("file://out/m-05-0.123");
    expect(formatPath("indexeddb://m{epoch}", 0, {})).toBe("indexeddb://m1");
    const missing = () => formatPath("file://m-{val_acc}", 0, { loss: 1 });
    expect(missing).toThrow(/must be made of epoch log keys \(epoch, loss\), got \{val_acc\}/);
  });

  it("refuses a target that is neither a string nor a handler", () => {
    expect(() => new ModelCheckpoint({ filepath: 3 as never })).toThrow(/filepath must be a save target/);
  });
});
