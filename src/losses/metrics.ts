// The metrics compile({metrics}) takes, each logged under the name it was given (as TF.js does:
// 'mae' logs mae and val_mae). Each keeps sums over an epoch's batches and divides at its end:
//   accuracy / acc        Keras' resolution for the loss (losses/accuracy.ts)
//   binaryAccuracy        outputs and targets thresholded at 0.5, per output
//   categoricalAccuracy   argmax of the row against the one-hot row's (or the integer label)
//   precision, recall     per output at the 0.5 threshold, from the epoch's counts (Keras'
//                         Precision and Recall; TF.js' precision counts outputs exactly equal to 1,
//                         which a sigmoid never gives, averages per batch, and it has no 'recall')
//   mae, mse              the mean over every output
// The sums live in a number[] made once per fit() or evaluate(), so a step allocates nothing.
// scratchnet/core has accuracy and acc; the others are src/extras/metrics.ts's (the full build registers them).
import type { Engine } from "../core/engine.js";
import { countCorrect, countJudged } from "./accuracy.js";
import type { LossObjectName, MetricName, Targets } from "./loss.js";

/** Adds one batch's numerator to s[at] and what it is divided by to s[at + 1] (no array made per step). */
export type Add = (e: Engine, loss: LossObjectName, a: number, y: Targets, rows: number, cols: number, s: number[], at: number) => void;

export const put = (s: number[], at: number, top: number, bottom: number) => {
  s[at] += top;
  s[at + 1] += bottom;
};
const accuracy: Add = (e, loss, a, y, rows, cols, s, at) =>
  put(s, at, countCorrect(e, loss, a, y, rows, cols), countJudged(loss, y, rows, cols));

/** scratchnet/core's metrics; src/extras/metrics.ts registers the others (registerMetrics), after these. */
const METRICS = { accuracy, acc: accuracy } as Record<MetricName, Add>;

/** The names compile() accepts. */
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Adds metrics by name (each adds a batch's numerator at s[at] and denominator at s[at + 1]). */
export function registerMetrics(more: Partial<Record<MetricName, Add>>): void {
  Object.assign(METRICS, more);
  METRIC_NAMES.push(...(Object.keys(more) as MetricName[]));
}

/** An epoch's (or an evaluation's) metrics: add() each batch, values() at the end, reset() between. */
export interface MetricSums {
  readonly names: readonly MetricName[];
  add(engine: Engine, a: number, y: Targets, rows: number, cols: number): void;
  /** Metric i of the sums so far (0 when nothing was judged: precision with no predicted positive, as Keras). */
  value(i: number): number;
  reset(): void;
}

/** Sums for `names` (compile()'s metrics) of a model trained with `loss`. */
export function metricSums(names: readonly MetricName[], loss: LossObjectName): MetricSums {
  const sums = new Array<number>(2 * names.length).fill(0), adds = names.map((n) => METRICS[n]);
  return {
    names,
    add(engine, a, y, rows, cols) {
      for (let i = 0; i < adds.length; i++) adds[i](engine, loss, a, y, rows, cols, sums, 2 * i);
    },
    value: (i) => (sums[2 * i + 1] > 0 ? sums[2 * i] / sums[2 * i + 1] : 0),
    reset: () => sums.fill(0),
  };
}

/** Writes each metric into `logs` under the name compile() got ('acc' logs acc, as in TF.js and Keras), `prefix`ed (val_). */
export function metricLogs(m: MetricSums, logs: Record<string, number>, prefix = ""): void {
  for (let i = 0; i < m.names.length; i++) logs[prefix + m.names[i]] = m.value(i);
}
