// The callbacks that set optimizer.learningRate between epochs (Keras; TF.js has neither). The
// rate they set is the optimizer's own field, so model.save() stores it with the optimizer's state.
import { ModelError } from "../core/errors.js";
import type { Logs } from "../models/callbacks.js";
import type { Model } from "../models/model.js";
import { Callback, Monitor, checkOptions, epochs, must, type MonitorMode } from "./callback.js";

/** Set the optimizer's rate, refusing what no update can use. */
function setRate(owner: string, model: Model, lr: unknown): number {
  must(typeof lr === "number" && lr > 0 && lr < Infinity, owner, "the learning rate", "a positive finite number", lr);
  const optimizer = model.optimizer;
  if (!optimizer) throw new ModelError(`${owner}: ${model.name} has no optimizer; compile it first`);
  return (optimizer.learningRate = lr as number);
}

export interface ReduceLROnPlateauArgs {
  /** The log key watched (default 'val_loss'). */
  monitor?: string;
  /** The rate is multiplied by this (default 0.1; in (0, 1)). */
  factor?: number;
  /** Epochs without improvement before the rate is lowered (default 10). */
  patience?: number;
  /** 1: print each change (default 0). */
  verbose?: number;
  /** 'min', 'max' or 'auto' (default: maximise keys naming an accuracy, minimise the rest). */
  mode?: MonitorMode;
  /** The least change that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Epochs after a reduction during which none is counted (default 0). */
  cooldown?: number;
  /** The rate is never lowered below this (default 0). */
  minLr?: number;
}

const PLATEAU = ["monitor", "factor", "patience", "verbose", "mode", "minDelta", "cooldown", "minLr"];

/** Keras' ReduceLROnPlateau: lower the rate by `factor` when the monitored value stops improving. */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: Monitor;
  readonly factor: number;
  readonly patience: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: number;
  best = Infinity;
  wait = 0;
  cooldownCounter = 0;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    checkOptions("ReduceLROnPlateau", args, PLATEAU);
    const { monitor = "val_loss", factor = 0.1, patience = 10, verbose = 0, mode = "auto" } = args;
    const { minDelta = 1e-4, cooldown = 0, minLr = 0 } = args;
    this.monitor = new Monitor("ReduceLROnPlateau", monitor, mode, minDelta);
    must(factor > 0 && factor < 1, "ReduceLROnPlateau", "factor", "in (0, 1) (the rate is multiplied by it)", factor);
    epochs("ReduceLROnPlateau", "patience", patience);
    epochs("ReduceLROnPlateau", "cooldown", cooldown);
    must(minLr >= 0 && minLr < Infinity, "ReduceLROnPlateau", "minLr", "a finite number ≥ 0", minLr);
    [this.factor, this.patience, this.cooldown, this.minLr, this.verbose] = [factor, patience, cooldown, minLr, verbose];
  }

  onTrainBegin(): void {
    this.trained();
    [this.best, this.wait, this.cooldownCounter] = [this.monitor.worst, 0, 0];
  }

  /** Keras' on_epoch_end, step for step. */
  onEpochEnd(epoch: number, logs?: Logs): void {
    const current = this.monitor.read(logs), model = this.trained();
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    if (this.monitor.improves(current, this.best)) {
      [this.best, this.wait] = [current, 0];
    } else if (this.cooldownCounter === 0 && ++this.wait >= this.patience) {
      const old = model.optimizer!.learningRate;
      if (old > this.minLr) {
        const lr = setRate("ReduceLROnPlateau", model, Math.max(old * this.factor, this.minLr));
        if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${lr}.`);
        [this.cooldownCounter, this.wait] = [this.cooldown, 0];
      }
    }
  }
}

/** Keras' schedule: the epoch (from 0) and the current rate give the epoch's rate. */
export type Schedule = (epoch: number, lr: number) => number;

/** Keras' LearningRateScheduler: at each epoch's start, optimizer.learningRate = schedule(epoch, learningRate). */
export class LearningRateScheduler extends Callback {
  constructor(readonly schedule: Schedule, readonly verbose = 0) {
    super();
    must(typeof schedule === "function", "LearningRateScheduler", "schedule", "a function (epoch, lr) => lr", schedule);
  }

  onTrainBegin(): void {
    this.trained();
  }

  onEpochBegin(epoch: number): void {
    const model = this.trained(), lr = setRate("LearningRateScheduler", model, this.schedule(epoch, model.optimizer!.learningRate));
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }
}
