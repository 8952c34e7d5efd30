// The training loop: epochs × batches over data already in WASM, with callbacks, validation and
// the divergence snapshot, around a step it is given (fit's: models/stack.ts#trainStep). Threads
// are the engine's (its kernels split the products), so nothing here knows of them. The loop is a
// generator of the promises its hooks return: fit() awaits each (train); a synchronous caller whose
// hooks return none runs it straight through (trainSync).
//
// Batch orders, each drawing from `rng` exactly as the code it reproduces:
//  - "shuffle": a Fisher–Yates permutation of the rows each epoch, cut into consecutive batches
//    (Keras' shuffle: true; the course's gen_batch with np.random.permutation).
//  - "sample": each step draws batchSize rows with replacement (seed 003's training cycle,
//    np.random.choice(train_size, batch_size)), `steps` steps an epoch.
//  - "ordered": the rows in order, in consecutive batches (shuffle: false).
//  - "whole": every row in one batch, in order (the course's batch gradient descent).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError } from "../core/errors.js";
import type { DeviceInputs } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import { gatherInputs, gatherTargets } from "../data/batches.js";
import type { Targets } from "../losses/loss.js";
import { metricLogs, type MetricSums } from "../losses/metrics.js";
import { History, epochLine, type CallbackList, type Logs } from "./callbacks.js";
import type { Snapshot } from "./snapshot.js";

export type BatchOrder = "shuffle" | "sample" | "ordered" | "whole";

export interface LoopPlan {
  engine: Engine;
  x: DeviceInputs;
  y: DeviceTargets;
  /** Columns of a target row (the output's units; integer labels take one i32 whatever it is). */
  units: number;
  order: BatchOrder;
  /** Rows per step (ignored by "whole"). */
  batchSize: number;
  /** Steps per epoch: by default the batches that cover the rows once ("sample": as many as that would be). */
  steps?: number;
  epochs: number;
  /** Epoch to start at: the draws of the epochs before it are replayed, so a resumed run repeats an unbroken one. */
  initialEpoch?: number;
  /** The generator of "shuffle" and "sample". */
  rng?: Rng;
  /** One optimisation step on `count` gathered rows; returns the batch's mean loss (not finite: diverged). */
  step(xb: number, y: Targets, count: number): number;
  /** compile()'s metrics: add() sums the step just run into `sums` (none: only the loss is logged). */
  metrics?: { sums: MetricSums; add(y: Targets, count: number): void };
  /** The epoch's loss from Σ step loss × rows and the rows (default the mean, as Keras logs; the course's (Σ + reg) / n needs the sum's own bits). */
  epochLoss?(sum: number, rows: number): number;
  /** The validation logs after each epoch (val_loss, val_accuracy). */
  validate?(): Logs;
  /** Weights and optimizer state taken at each epoch's start, put back when training diverges. */
  snapshot?: Snapshot;
  /** The error thrown when the loss or the weights stop being finite (after the snapshot's restore). */
  diverged(what: string, epoch: number): Error;
  callbacks: CallbackList;
  /** The model's stopTraining flag, which callbacks may set. */
  control: { stopTraining: boolean };
  verbose?: number;
  /** Give the event loop a turn between epochs, at most every 16 ms (fit; a synchronous caller cannot). */
  breathe?: boolean;
}

interface Buffers { idx: number; xb: number; yb: number }

/** Run the loop, awaiting whatever its hooks return. */
export async function train(plan: LoopPlan): Promise<History> {
  const b = reserveBuffers(plan);
  try {
    const run = loop(plan, b);
    let r = run.next();
    while (!r.done) r = await r.value.then((v) => run.next(v), (e) => run.throw(e)); // a hook's error is thrown at its yield
    return r.value;
  } finally {
    releaseBuffers(plan.engine, b);
  }
}

/** Run the loop synchronously: its hooks must not return promises, and it does not breathe. */
export function trainSync(plan: LoopPlan): History {
  const b = reserveBuffers(plan);
  try {
    const r = loop({ ...plan, breathe: false }, b).next();
    if (!r.done) throw new ModelError("a callback returned a Promise to a synchronous training loop; make it synchronous");
    return r.value;
  } finally {
    releaseBuffers(plan.engine, b);
  }
}

const rowsPerStep = (p: LoopPlan) => (p.order === "whole" ? p.x.rows : p.batchSize);

function reserveBuffers(p: LoopPlan): Buffers {
  const heap = p.engine.heap, n = p.x.rows, size = rowsPerStep(p), rows = p.order === "sample" ? size : Math.min(size, n);
  const b: Buffers = { idx: 0, xb: 0, yb: 0 };
  try {
    b.idx = heap.alloc((p.order === "sample" ? size : n) * 4);
    b.xb = heap.alloc(rows * p.x.cols * 4);
    b.yb = heap.alloc(rows * (p.y.sparse ? 1 : p.units) * 4);
  } catch (e) {
    releaseBuffers(p.engine, b);
    throw e;
  }
  return b;
}

function releaseBuffers(engine: Engine, b: Buffers): void {
  for (const p of [b.idx, b.xb, b.yb]) if (p) engine.heap.release(p);
}

/** Draw the next epoch's order into idx ("shuffle": a permutation; the others need nothing here). */
function beginEpoch(p: LoopPlan, idx: number): void {
  if (p.order === "shuffle") p.rng!.shuffle(idx, p.x.rows);
}

/** The rows of step `s`: drawn into idx ("sample") or a slice of it; returns the offset of the first. */
function beginStep(p: LoopPlan, idx: number, s: number, size: number): number {
  if (p.order !== "sample") return s * size;
  p.engine.k.sampleIndices(p.rng!.state, idx, size, p.x.rows);
  return 0;
}

function* loop(p: LoopPlan, b: Buffers): Generator<Promise<unknown>, History, unknown> {
  const k = p.engine.k, n = p.x.rows, size = rowsPerStep(p), cb = p.callbacks, control = p.control;
  const steps = p.steps ?? Math.ceil(n / size);
  const history = new History({ epochs: p.epochs, samples: n, batchSize: size, steps });
  const targets: Targets = { ptr: b.yb, sparse: p.y.sparse };
  const batchHooks = cb.has("onBatchEnd") || cb.has("onBatchBegin"), metrics = p.metrics;
  const initialEpoch = p.initialEpoch ?? 0;
  control.stopTraining = false;
  if (p.order !== "sample") k.iota(b.idx, n);
  for (let e = 0; e < initialEpoch; e++) { // the draws of the epochs already trained
    beginEpoch(p, b.idx);
    if (p.order === "sample") for (let s = 0; s < steps; s++) beginStep(p, b.idx, s, size);
  }
  let breathed = performance.now(), r = cb.call("onTrainBegin");
  if (!(typeof r === "boolean" ? r : yield r)) control.stopTraining = true;
  for (let epoch = initialEpoch; epoch < p.epochs && !control.stopTraining; epoch++) {
    const started = performance.now();
    r = cb.call("onEpochBegin", epoch);
    if (!(typeof r === "boolean" ? r : yield r)) control.stopTraining = true;
    if (control.stopTraining) break; // stopped before any batch: this epoch did not happen, record nothing
    beginEpoch(p, b.idx);
    p.snapshot?.take();
    let lossSum = 0, seen = 0;
    metrics?.sums.reset();
    for (let s = 0; s < steps && !control.stopTraining; s++) {
      const start = beginStep(p, b.idx, s, size), count = Math.min(size, p.order === "sample" ? size : n - start);
      if (batchHooks) {
        r = cb.call("onBatchBegin", s, { batch: s, size: count });
        if (!(typeof r === "boolean" ? r : yield r)) control.stopTraining = true;
      }
      gatherInputs(k, p.x, b.idx + start * 4, count, b.xb);
      gatherTargets(k, p.y, b.idx + start * 4, count, b.yb, p.units);
      const loss = p.step(b.xb, targets, count);
      if (!Number.isFinite(loss)) throw diverged(p, `the loss became ${loss} at epoch ${epoch + 1}, batch ${s + 1}`, epoch);
      lossSum += loss * count;
      seen += count;
      metrics?.add(targets, count);
      if (batchHooks) {
        // Running averages over the epoch so far, as Keras' progress bar shows: the last batch's
        // figures are the epoch's, so nothing jumps at the epoch end.
        const mean = lossSum / seen;
        const logs: Logs = { batch: s, size: count, loss: mean };
        if (metrics) metricLogs(metrics.sums, logs);
        r = cb.call("onBatchEnd", s, logs);
        if (!(typeof r === "boolean" ? r : yield r)) control.stopTraining = true;
      }
    }
    // A finite loss can still be followed by an update that overflows (the epoch's last batch
    // has no next loss to catch it): check before the next snapshot or validation reads them.
    if (p.snapshot?.weightsNonFinite()) throw diverged(p, `the weights became NaN or Infinity by epoch ${epoch + 1}, batch ${Math.ceil(seen / size)}`, epoch);
    const logs: Logs = { loss: p.epochLoss ? p.epochLoss(lossSum, seen) : lossSum / Math.max(1, seen) };
    if (metrics) metricLogs(metrics.sums, logs);
    if (p.validate) Object.assign(logs, p.validate());
    history.record(epoch, logs);
    if (p.verbose) console.log(epochLine(epoch, p.epochs, (performance.now() - started) / 1000, logs));
    r = cb.call("onEpochEnd", epoch, logs);
    if (!(typeof r === "boolean" ? r : yield r)) control.stopTraining = true;
    // Let the page or process breathe between epochs, at most every 16 ms: a timer costs ≥ 1 ms,
    // which would dominate the thousands of tiny epochs of XOR-sized problems.
    if (p.breathe && performance.now() - breathed > 16) {
      yield new Promise((resolve) => setTimeout(resolve, 0));
      breathed = performance.now();
    }
  }
  r = cb.call("onTrainEnd", history.history.loss ? lastLogs(history) : undefined);
  if (typeof r !== "boolean") yield r;
  return history;
}

function diverged(p: LoopPlan, what: string, epoch: number): Error {
  p.snapshot?.restore();
  return p.diverged(what, epoch);
}

function lastLogs(history: History): Logs {
  return Object.fromEntries(Object.entries(history.history).map(([key, v]) => [key, v[v.length - 1]]));
}
