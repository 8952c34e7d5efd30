// What the built-in callbacks share: the model fit() gives them (TF.js' BaseCallback.setModel) and
// the watched quantity (Keras' monitor, mode, minDelta), read from the epoch logs. A monitor that
// is not in the logs is an error here, where TF.js and Keras only warn: a misspelt 'val_los' would
// otherwise never stop, never save and never lower the rate, silently.
import { ModelError } from "../core/errors.js";
import type { Logs } from "../models/callbacks.js";
import type { Model } from "../models/model.js";

export type MonitorMode = "auto" | "min" | "max";

/** A callback object fit() calls, with the model it trains set before training begins. */
export abstract class Callback {
  /** The model being trained (set by fit() through setModel). */
  protected model?: Model;

  /** Called by fit() before onTrainBegin, as TF.js' callbacks are. */
  setModel(model: Model): void {
    this.model = model;
  }

  /** The model, or an error naming how this callback is meant to be used. */
  protected trained(): Model {
    if (!this.model) throw new ModelError(`${this.constructor.name}: no model; pass the callback to model.fit({callbacks: [...]})`);
    return this.model;
  }
}

/** The watched log key with its direction and the least change that counts as an improvement. */
export class Monitor {
  /** +1 when larger is better, −1 when smaller is. */
  readonly sign: 1 | -1;
  readonly minDelta: number;

  constructor(readonly owner: string, readonly key: string, mode: MonitorMode, minDelta: number) {
    if (typeof key !== "string" || key === "") throw new ModelError(`${owner}: monitor must be a log key such as 'val_loss', got ${String(key)}`);
    if (mode !== "auto" && mode !== "min" && mode !== "max") throw new ModelError(`${owner}: mode must be 'auto', 'min' or 'max', got ${String(mode)}`);
    if (typeof minDelta !== "number" || !Number.isFinite(minDelta)) throw new ModelError(`${owner}: minDelta must be a finite number, got ${String(minDelta)}`);
    // 'auto' as TF.js and Keras: a key naming an accuracy is maximised, anything else minimised.
    this.sign = mode === "max" || (mode === "auto" && key.includes("acc")) ? 1 : -1;
    this.minDelta = Math.abs(minDelta); // TF.js and Keras take the magnitude
  }

  /** The worst possible value, where `best` starts. */
  get worst(): number {
    return -this.sign * Infinity;
  }

  /** The monitored value in `logs`, or an error listing what the logs hold. */
  read(logs: Logs | undefined): number {
    const v = logs?.[this.key];
    if (typeof v !== "number") {
      const keys = Object.keys(logs ?? {}).filter((k) => k !== "batch" && k !== "size");
      const hint = this.key.startsWith("val_") ? "; give fit() validationData or validationSplit" : "";
      throw new ModelError(`${this.owner}: monitor '${this.key}' is not in the epoch logs (${keys.join(", ")})${hint}, or monitor one of those`);
    }
    return v;
  }

  /** Whether `current` beats `best` by more than minDelta (Keras' monitor_op(current − minDelta, best)). */
  improves(current: number, best: number): boolean {
    return this.sign > 0 ? current - this.minDelta > best : current + this.minDelta < best;
  }
}
