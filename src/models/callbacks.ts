// TensorFlow.js' callback hooks and History: fit() calls these and records the epoch logs.
import { ModelError } from "../core/errors.js";

export type Logs = Record<string, number>;
type Hook<A extends unknown[]> = (...args: A) => void | boolean | Promise<void | boolean>;

/** Return false (or set model.stopTraining = true) from any hook to stop after the current batch. */
export interface CustomCallbackArgs {
  onTrainBegin?: Hook<[logs?: Logs]>;
  onTrainEnd?: Hook<[logs?: Logs]>;
  onEpochBegin?: Hook<[epoch: number, logs?: Logs]>;
  onEpochEnd?: Hook<[epoch: number, logs?: Logs]>;
  onBatchBegin?: Hook<[batch: number, logs?: Logs]>;
  onBatchEnd?: Hook<[batch: number, logs?: Logs]>;
}

/** What fit() returns: `history.loss[e]`, `history.accuracy[e]`, `history.val_loss[e]`, … per epoch. */
export class History {
  readonly epoch: number[] = [];
  readonly history: Record<string, number[]> = {};
  constructor(readonly params: { epochs: number; samples: number; batchSize: number; steps: number }) {}

  record(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.history[key] ??= []).push(value);
  }
}

/** Several callback objects called in order; `true` means "keep going". */
export class CallbackList {
  private readonly list: CustomCallbackArgs[];
  /** `check` runs after every hook: fit() uses it to stop if a callback disposed the model. `rename` maps the logs' keys. */
  constructor(callbacks: CustomCallbackArgs | CustomCallbackArgs[] | undefined, private readonly check: () => void = () => {}, private readonly rename?: <T>(logs: Record<string, T>) => Record<string, T>) {
    this.list = callbacks === undefined ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
    this.list.forEach((c, i) => {
      if (typeof c !== "object" || c === null) throw new ModelError(`fit: callbacks${Array.isArray(callbacks) ? `[${i}]` : ""} is ${String(c)}; pass an object with hooks such as {onEpochEnd(epoch, logs) {...}}`);
    });
  }

  /** Give each callback that takes one (TF.js' setModel; the built-in callbacks in src/callbacks/) the model fit() trains. */
  setModel(model: object): void {
    for (const c of this.list) {
      const set = (c as { setModel?: unknown }).setModel;
      if (typeof set === "function") set.call(c, model);
    }
  }

  /** Whether any callback has this hook (so fit builds per-batch logs only when someone reads them). */
  has(hook: keyof CustomCallbackArgs): boolean {
    return this.list.some((c) => c[hook] !== undefined);
  }

  /**
   * Run `hook` of every callback in order; false when any returned false. A boolean when every hook
   * returned synchronously (a synchronous loop needs no promise), else a promise of it.
   */
  call<K extends keyof CustomCallbackArgs>(hook: K, ...args: Parameters<NonNullable<CustomCallbackArgs[K]>>): boolean | Promise<boolean> {
    const last = args.length - 1, logs = args[last];
    if (this.rename && typeof logs === "object") args[last] = this.rename(logs);
    return this.from(0, true, hook, args);
  }

  /** Print the epoch lines from the first hooks (fit() does when it renames the logs, which the loop prints as they are). */
  printEpochs(epochs: number): void {
    let started = 0;
    this.list.unshift({ onEpochBegin: () => void (started = performance.now()), onEpochEnd: (e, logs) => console.log(epochLine(e, epochs, (performance.now() - started) / 1000, logs!)) });
  }

  private from(first: number, go: boolean, hook: keyof CustomCallbackArgs, args: unknown[]): boolean | Promise<boolean> {
    for (let i = first; i < this.list.length; i++) {
      const c = this.list[i], f = c[hook] as ((...a: unknown[]) => unknown) | undefined;
      if (!f) continue;
      const r = f.apply(c, args);
      if (r instanceof Promise) return r.then((v) => this.from(i + 1, go && v !== false, hook, args));
      if (r === false) go = false;
    }
    if (hook !== "onTrainEnd") this.check();
    return go;
  }
}

/** Logs (or History's arrays) with 'accuracy' keys named 'acc', as TF.js and Keras name them for metrics: ['acc']. */
export const renameKeys = <T>(logs: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(logs).map(([k, v]) => [k.replace(/accuracy$/, "acc"), v]));

/** One line per epoch, as Keras prints with verbose=1 and 2. */
export function epochLine(epoch: number, epochs: number, seconds: number, logs: Logs): string {
  const parts = Object.entries(logs).map(([k, v]) => `${k}: ${v.toFixed(4)}`);
  return `Epoch ${epoch + 1}/${epochs} - ${seconds.toFixed(2)}s - ${parts.join(" - ")}`;
}
