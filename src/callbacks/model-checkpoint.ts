// ModelCheckpoint (Keras; TF.js has none): model.save() at the end of each epoch, to any target
// model.save() takes (a URL-like string such as 'file://out/ckpt' or 'indexeddb://m', or an
// IOHandler). A string target is formatted as Keras formats its filepath: '{epoch}' is the epoch
// counted from 1, '{val_loss:.4f}' a log value; saveBestOnly saves only when the monitored value
// beats the best so far (strictly, as Keras' np.less / np.greater). The save is awaited, so the
// next epoch starts once the checkpoint is written.
import type { Logs } from "../models/callbacks.js";
import { save, type SaveConfig, type SaveTarget } from "../models/save-hook.js";
import { Callback, Monitor, checkOptions, must, type MonitorMode } from "./callback.js";

export interface ModelCheckpointArgs {
  /** Where to save: a string model.save() takes (formatted with '{epoch}' and log keys), or an IOHandler. */
  filepath: SaveTarget;
  /** The log key saveBestOnly watches (default 'val_loss'). */
  monitor?: string;
  /** 1: print a line per save (default 0). */
  verbose?: number;
  /** Save only when the monitored value improves (default false: every epoch). */
  saveBestOnly?: boolean;
  /** 'min', 'max' or 'auto' (default: maximise keys naming an accuracy, minimise the rest). */
  mode?: MonitorMode;
  /** The value the first save must beat (Keras' initialValueThreshold). */
  initialValueThreshold?: number;
  /** model.save()'s options (default: the optimizer's state included). */
  saveConfig?: SaveConfig;
}

const OPTIONS = ["filepath", "monitor", "verbose", "saveBestOnly", "mode", "initialValueThreshold", "saveConfig"];

/** Save the model during fit(): every epoch, or when the monitored value improves. */
export class ModelCheckpoint extends Callback {
  readonly filepath: SaveTarget;
  readonly monitor: Monitor;
  readonly saveBestOnly: boolean;
  readonly verbose: number;
  /** The best monitored value saved so far. */
  best: number;
  /** The epochs (from 0) at which a checkpoint was written, in order. */
  readonly saved: number[] = [];
  private readonly initial: number;
  private readonly saveConfig?: SaveConfig;

  constructor(args: ModelCheckpointArgs) {
    super();
    checkOptions("ModelCheckpoint", args, OPTIONS);
    const { filepath, monitor = "val_loss", verbose = 0, saveBestOnly = false, mode = "auto", initialValueThreshold } = args;
    const target = typeof filepath === "string" || typeof filepath?.save === "function";
    must(target, "ModelCheckpoint", "filepath", "a save target such as 'file://out/model-{epoch}' or an IOHandler with save()", filepath);
    const threshold = initialValueThreshold;
    must(threshold === undefined || Number.isFinite(threshold), "ModelCheckpoint", "initialValueThreshold", "a finite number", threshold);
    this.filepath = filepath;
    this.monitor = new Monitor("ModelCheckpoint", monitor, mode, 0);
    this.saveBestOnly = saveBestOnly;
    this.verbose = verbose;
    this.best = this.initial = initialValueThreshold ?? this.monitor.worst;
    this.saveConfig = args.saveConfig;
  }

  onTrainBegin(): void {
    this.trained();
    this.best = this.initial;
    this.saved.length = 0;
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const model = this.trained();
    if (this.saveBestOnly) {
      const current = this.monitor.read(logs);
      if (!this.monitor.improves(current, this.best)) return;
      this.best = current;
    }
    const target = typeof this.filepath === "string" ? formatPath(this.filepath, epoch, logs) : this.filepath;
    await save(model, target, this.saveConfig);
    this.saved.push(epoch);
    if (this.verbose > 0) console.log(`Epoch ${epoch + 1}: saving model to ${typeof target === "string" ? target : "the handler"}`);
  }
}

/** Keras' filepath.format(epoch=epoch + 1, **logs) for the specs it is used with: {key}, {key:02d}, {key:.4f}. */
export function formatPath(path: string, epoch: number, logs: Logs): string {
  const values: Logs = { ...logs, epoch: epoch + 1 };
  const spec = /\{(\w+)(?::(0?)(\d*)(?:\.(\d+))?([df]?))?\}/g; // {key}, {key:02d}, {key:.4f}
  return path.replace(spec, (_, key: string, zero: string, width: string, digits: string, type: string) => {
    const v = values[key];
    const known = ["epoch", ...Object.keys(logs)].join(", ");
    must(v !== undefined, "ModelCheckpoint", `filepath '${path}'`, `made of epoch log keys (${known})`, `{${key}}`);
    const text = type === "d" ? String(Math.round(v)) : digits !== undefined ? v.toFixed(Number(digits)) : String(v);
    return width ? text.padStart(Number(width), zero ? "0" : " ") : text;
  });
}
