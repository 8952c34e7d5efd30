// EarlyStopping as tf.callbacks.earlyStopping (TF.js 4.22 callbacks.ts): its defaults (monitor
// 'val_loss', minDelta 0, patience 0, mode 'auto') and its rule: an epoch improves when the
// monitored value beats the best by more than minDelta; `best` starts at the baseline when given;
// training stops at the epoch where `patience` epochs in a row have not improved. TF.js refuses
// restoreBestWeights; it follows Keras here: the weights of the best epoch (the first epoch's if
// none improved) are put back when training stops, and only then.
import type { Logs } from "../models/callbacks.js";
import { Callback, Monitor, checkOptions, epochs, must, type MonitorMode } from "./callback.js";
import { WeightCopy } from "./weight-copy.js";

export interface EarlyStoppingArgs {
  /** The log key watched (default 'val_loss'). */
  monitor?: string;
  /** The least change that counts as an improvement (default 0). */
  minDelta?: number;
  /** Epochs without improvement after which training stops (default 0: the first one). */
  patience?: number;
  /** 1: print the epoch at which training stopped (default 0). */
  verbose?: number;
  /** 'min', 'max' or 'auto' (default: maximise keys naming an accuracy, minimise the rest). */
  mode?: MonitorMode;
  /** A value the monitored quantity must beat before any epoch counts as an improvement. */
  baseline?: number;
  /** Put back the best epoch's weights when stopping (Keras; default false). */
  restoreBestWeights?: boolean;
}

const OPTIONS = ["monitor", "minDelta", "patience", "verbose", "mode", "baseline", "restoreBestWeights"];

/** Stop fit() when the monitored quantity has stopped improving. */
export class EarlyStopping extends Callback {
  readonly monitor: Monitor;
  readonly patience: number;
  readonly verbose: number;
  readonly baseline?: number;
  readonly restoreBestWeights: boolean;
  /** The best value seen so far, and the epoch that gave it (−1: none beat the start). */
  best = Infinity;
  bestEpoch = -1;
  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch at which training was stopped (−1: it was not). */
  stoppedEpoch = -1;
  private readonly copy = new WeightCopy();

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    checkOptions("EarlyStopping", args, OPTIONS);
    const { monitor = "val_loss", minDelta = 0, patience = 0, verbose = 0, mode = "auto", baseline, restoreBestWeights = false } = args;
    this.monitor = new Monitor("EarlyStopping", monitor, mode, minDelta);
    epochs("EarlyStopping", "patience", patience);
    must(baseline === undefined || Number.isFinite(baseline), "EarlyStopping", "baseline", "a finite number", baseline);
    this.patience = patience;
    this.verbose = verbose;
    this.baseline = baseline;
    this.restoreBestWeights = restoreBestWeights;
  }

  onTrainBegin(): void {
    this.trained();
    this.wait = 0;
    this.stoppedEpoch = this.bestEpoch = -1;
    this.best = this.baseline ?? this.monitor.worst;
    this.copy.release();
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    const current = this.monitor.read(logs), model = this.trained();
    if (this.monitor.improves(current, this.best)) {
      [this.best, this.bestEpoch, this.wait] = [current, epoch, 0];
      if (this.restoreBestWeights) this.copy.take(model);
      return;
    }
    if (this.restoreBestWeights && !this.copy.held) this.copy.take(model); // Keras: the first epoch's, if none improves
    if (++this.wait < this.patience) return;
    this.stoppedEpoch = epoch;
    model.stopTraining = true;
    if (this.restoreBestWeights) this.copy.restore();
  }

  onTrainEnd(): void {
    this.copy.release();
    // Keras' message (TF.js prints the 0-based epoch, and nothing when it is 0).
    if (this.stoppedEpoch >= 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
  }
}
