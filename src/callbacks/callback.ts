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
    must(typeof key === "string" && key !== "", owner, "monitor", "a log key such as 'val_loss'", key);
    must(mode === "auto" || mode === "min" || mode === "max", owner, "mode", "'auto', 'min' or 'max'", mode);
    must(Number.isFinite(minDelta), owner, "minDelta", "a finite number", minDelta);
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
      const where = `${this.owner}: monitor '${this.key}' is not in the epoch logs (${keys.join(", ")})`;
      throw new ModelError(`${where}${hint}, or monitor one of those`);
    }
    return v;
  }

  /** Whether `current` beats `best` by more than minDelta (Keras' monitor_op(current − minDelta, best)). */
  improves(current: number, best: number): boolean {
    return this.sign > 0 ? current - this.minDelta > best : current + this.minDelta < best;
  }
}

/** Throw "`owner`: `key` must be `want`, got `v`" unless `ok`: the callbacks' option checks. */
export function must(ok: boolean, owner: string, key: string, want: string, v: unknown): void {
  if (!ok) throw new ModelError(`${owner}: ${key} must be ${want}, got ${String(v)}`);
}

/** An integer ≥ 0 (a count of epochs). */
export const epochs = (owner: string, key: string, v: number): void =>
  must(Number.isInteger(v) && v >= 0, owner, key, "an integer ≥ 0 (epochs)", v);

/** Throw on a key the callback does not take: a misspelt option would silently keep its default. */
export function checkOptions(name: string, args: object, keys: readonly string[]): void {
  must(typeof args === "object" && args !== null, name, "options", "an object", args);
  const bad = Object.keys(args).find((k) => !keys.includes(k) && (args as Record<string, unknown>)[k] !== undefined);
  if (bad !== undefined) throw new ModelError(`${name}: unknown option '${bad}'; ${name} takes ${keys.join(", ")}`);
}
