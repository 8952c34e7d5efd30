// model.fit(): minibatch training. Data is uploaded to WASM once; each step gathers a batch by
// index, runs forward, the fused loss gradient, backward and the optimizer — kernel calls on
// pointers only, with no JS allocation and no array copied between JS and WASM.
import { assertPositiveInteger, ModelError, TrainingError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { uploadInputs, type Inputs, type Labels, type DeviceInputs } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";
import { gatherInputs, gatherTargets, tailInputs, tailTargets } from "../data/batches.js";
import { CallbackList, History, epochLine, type CustomCallbackArgs, type Logs } from "./callbacks.js";
import { countCorrect, countJudged, outputGradient, penalty, type Targets } from "./losses.js";
import { evaluateDevice, forward, reserve } from "./inference.js";
import { Snapshot } from "./snapshot.js";
import type { Sequential } from "./sequential.js";

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  /** Seed of the shuffling (default 42). */
  seed?: number;
  validationData?: [Inputs, Labels];
  validationSplit?: number;
  /** Epoch to start at (Keras): `epochs` is then the last epoch, and the shuffle replays the epochs before it, so a resumed run repeats an unbroken one. */
  initialEpoch?: number;
  /** 0 silent, 1 or 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
  callbacks?: CustomCallbackArgs | CustomCallbackArgs[];
}

const FIT_OPTIONS = ["epochs", "batchSize", "shuffle", "seed", "validationData", "validationSplit", "initialEpoch", "verbose", "callbacks"];

/**
 * One optimisation step on `count` gathered rows; returns the batch loss plus the layers'
 * penalties, both of the weights before the update (as Keras and TF.js report it).
 */
export function trainStep(model: Sequential, xb: number, y: Targets, count: number): number {
  const k = model.engine!.k, layers = model.layers, last = layers[layers.length - 1];
  const before = penalty(layers); // the step changes the weights the penalty reads
  const a = forward(model, xb, count);
  const loss = outputGradient(k, model.loss!, last.activation, a, y, last.outputGrad, count, last.units) + before;
  if (!Number.isFinite(loss)) return loss; // the caller stops before any weight changes
  for (let i = layers.length - 1; i >= 0; i--) {
    if (i < layers.length - 1) layers[i].activationBackward(count);
    layers[i].backward(i > 0 ? layers[i - 1].output : xb, count, i > 0 ? layers[i - 1].outputGrad : 0);
  }
  model.optimizer!.step();
  return loss;
}

export async function fit(model: Sequential, x: Inputs, y: Labels, args: FitArgs): Promise<History> {
  const engine = model.built(), heap = engine.heap;
  if (model.fitting) throw new ModelError("fit() is already running on this model; await it first"); // they would share the optimizer state
  const unknown = Object.keys(args).find((key) => !FIT_OPTIONS.includes(key)); // a misspelt option (`epoch: 3`) would silently train with the default
  if (unknown !== undefined) throw new ModelError(`fit: unknown option '${unknown}'; the options are ${FIT_OPTIONS.join(", ")}`);
  const { epochs = 1, batchSize = 32, shuffle = true, seed = DEFAULT_SEED, verbose = 1, validationSplit = 0 } = args;
  assertPositiveInteger("fit: epochs", epochs);
  assertPositiveInteger("fit: batchSize", batchSize);
  if (!(validationSplit >= 0 && validationSplit < 1)) throw new ModelError(`fit: validationSplit must be in [0, 1), got ${validationSplit}`);
  const initialEpoch = args.initialEpoch ?? 0;
  if (!(Number.isInteger(initialEpoch) && initialEpoch >= 0 && initialEpoch < epochs)) {
    throw new ModelError(`fit: initialEpoch must be an integer in [0, epochs = ${epochs}), got ${String(initialEpoch)}; epochs counts from the start, as in Keras`);
  }
  if (!Number.isInteger(seed)) throw new ModelError(`fit: seed must be an integer, got ${String(seed)}`); // NaN and 1.5 would silently act as 0 and 1
  const v = args.validationData;
  if (v !== undefined && !(Array.isArray(v) && v.length === 2)) throw new ModelError("fit: validationData must be a pair [x, y]");
  const callbacks = new CallbackList(args.callbacks, () => model.built());
  const owned: number[] = [];
  const own = (p: number) => (owned.push(p), p);
  model.fitting = true;
  try {
    const all = upload(model, x, y, "x", "y", own);
    // TF.js (training.ts: splitAt = floor(n·(1 − validationSplit))) and Keras train on the first
    // floor(n·(1 − split)) rows and validate on the rest; validationData overrides the split.
    const nVal = args.validationData ? 0 : all.x.rows - Math.floor(all.x.rows * (1 - validationSplit));
    const train = { x: { ...all.x, rows: all.x.rows - nVal }, y: { ...all.y, rows: all.x.rows - nVal } };
    if (train.x.rows === 0 || (validationSplit > 0 && nVal === 0 && !args.validationData)) { // Keras refuses both ends too
      throw new ModelError(`fit: validationSplit ${validationSplit} of ${all.x.rows} rows leaves ${train.x.rows} training and ${nVal} validation rows (the cut is at floor(rows·(1 − split)), as in TF.js and Keras); give more rows or another split`);
    }
    let val = nVal > 0 ? { x: tailInputs(all.x, nVal), y: tailTargets(all.y, nVal, model.outputUnits) } : undefined;
    if (args.validationData) val = upload(model, args.validationData[0], args.validationData[1], "validationData x", "validationData y", own);
    const n = train.x.rows, units = model.outputUnits;
    const idx = own(heap.alloc(n * 4));
    const rows = Math.min(batchSize, n); // a batchSize above the data size needs no bigger buffers
    const xb = own(heap.alloc(rows * model.inputUnits * 4));
    const yb = own(heap.alloc(rows * (train.y.sparse ? 1 : units) * 4));
    reserve(model, Math.max(rows, val ? Math.min(EVAL_ROWS, val.x.rows) : 0)); // sized once, also for validation
    const snapshot = new Snapshot(model);
    owned.push(snapshot.ptr);
    const rng = new Rng(engine, seed);
    owned.push(rng.state);
    return await loop(model, { train, val, idx, xb, yb, n, units, epochs, batchSize, shuffle, verbose, rng, snapshot, initialEpoch }, callbacks);
  } finally {
    model.fitting = false;
    for (const p of owned) heap.release(p);
  }
}

function upload(model: Sequential, x: Inputs, y: Labels, xName: string, yName: string, own: (p: number) => number) {
  const engine = model.engine!;
  const inputs: DeviceInputs = uploadInputs(engine, `fit: ${xName}`, x, model.inputUnits);
  own(inputs.ptr);
  const targets: DeviceTargets = uploadTargets(engine, `fit: ${yName}`, y, inputs.rows, model.outputUnits, model.loss!);
  own(targets.ptr);
  return { x: inputs, y: targets };
}

interface Run {
  train: { x: DeviceInputs; y: DeviceTargets };
  val?: { x: DeviceInputs; y: DeviceTargets };
  idx: number; xb: number; yb: number; n: number; units: number;
  epochs: number; batchSize: number; shuffle: boolean; verbose: number;
  rng: Rng; snapshot: Snapshot; initialEpoch: number;
}

async function loop(model: Sequential, r: Run, callbacks: CallbackList): Promise<History> {
  const k = model.engine!.k;
  const steps = Math.ceil(r.n / r.batchSize);
  const history = new History({ epochs: r.epochs, samples: r.n, batchSize: r.batchSize, steps });
  const targets: Targets = { ptr: r.yb, sparse: r.train.y.sparse };
  const batchHooks = callbacks.has("onBatchEnd") || callbacks.has("onBatchBegin");
  const withAccuracy = model.metrics.length > 0;
  model.stopTraining = false;
  let breathed = performance.now();
  k.iota(r.idx, r.n);
  if (r.shuffle) for (let e = 0; e < r.initialEpoch; e++) r.rng.shuffle(r.idx, r.n); // the permutations of the epochs already trained
  if (!(await callbacks.call("onTrainBegin"))) model.stopTraining = true;
  for (let epoch = r.initialEpoch; epoch < r.epochs && !model.stopTraining; epoch++) {
    const started = performance.now();
    if (!(await callbacks.call("onEpochBegin", epoch))) model.stopTraining = true;
    if (model.stopTraining) break; // stopped before any batch: this epoch did not happen, record nothing
    if (r.shuffle) r.rng.shuffle(r.idx, r.n);
    r.snapshot.take();
    let lossSum = 0, seen = 0, correct = 0, judged = 0;
    for (let b = 0; b < steps && !model.stopTraining; b++) {
      const start = b * r.batchSize, count = Math.min(r.batchSize, r.n - start);
      if (batchHooks && !(await callbacks.call("onBatchBegin", b, { batch: b, size: count }))) model.stopTraining = true;
      gatherInputs(k, r.train.x, r.idx + start * 4, count, r.xb);
      gatherTargets(k, r.train.y, r.idx + start * 4, count, r.yb, r.units);
      const loss = trainStep(model, r.xb, targets, count);
      if (!Number.isFinite(loss)) throw diverged(model, `the loss became ${loss} at epoch ${epoch + 1}, batch ${b + 1}`, r.snapshot, epoch);
      lossSum += loss * count;
      seen += count;
      if (withAccuracy) {
        correct += countCorrect(k, model.loss!, model.layers[model.layers.length - 1].output, targets, count, r.units);
        judged += countJudged(model.loss!, targets, count, r.units);
      }
      if (batchHooks) {
        // Running averages over the epoch so far, as Keras' progress bar shows: the last batch's
        // figures are the epoch's, so nothing jumps at the epoch end.
        const mean = lossSum / seen;
        const logs: Logs = withAccuracy ? { batch: b, size: count, loss: mean, accuracy: correct / judged } : { batch: b, size: count, loss: mean };
        if (!(await callbacks.call("onBatchEnd", b, logs))) model.stopTraining = true;
      }
    }
    // A finite loss can still be followed by an update that overflows (the epoch's last batch
    // has no next loss to catch it): check before the next snapshot or validation reads them.
    if (r.snapshot.weightsNonFinite()) throw diverged(model, `the weights became NaN or Infinity by epoch ${epoch + 1}, batch ${Math.ceil(seen / r.batchSize)}`, r.snapshot, epoch);
    const logs: Logs = { loss: lossSum / Math.max(1, seen) };
    if (withAccuracy) logs.accuracy = correct / judged;
    if (r.val) {
      const v = evaluateDevice(model, r.val.x, r.val.y, EVAL_ROWS);
      logs.val_loss = v.loss;
      if (withAccuracy) logs.val_accuracy = v.accuracy;
    }
    history.record(epoch, logs);
    if (r.verbose > 0) console.log(epochLine(epoch, r.epochs, (performance.now() - started) / 1000, logs));
    if (!(await callbacks.call("onEpochEnd", epoch, logs))) model.stopTraining = true;
    // Let the page or process breathe between epochs, at most every 16 ms: a timer costs ≥ 1 ms,
    // which would dominate the thousands of tiny epochs of XOR-sized problems.
    if (performance.now() - breathed > 16) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      breathed = performance.now();
    }
  }
  await callbacks.call("onTrainEnd", history.history.loss ? lastLogs(history) : undefined);
  return history;
}

/** Rows per forward pass when fit() evaluates the validation data. */
const EVAL_ROWS = 256;

function lastLogs(history: History): Logs {
  return Object.fromEntries(Object.entries(history.history).map(([key, v]) => [key, v[v.length - 1]]));
}

/** Two significant digits, without float noise: 1e30 / 10 → "1e+29", not "1.0000000000000001e+29". */
const readable = (x: number) => String(Number(x.toPrecision(2)));

/** Put back the weights and optimizer state of the epoch's start, and say so. */
function diverged(model: Sequential, what: string, snapshot: Snapshot, epoch: number): TrainingError {
  snapshot.restore();
  const lr = model.optimizer!.learningRate;
  return new TrainingError(
    `${what}: training diverged. The weights and the optimizer's state were restored to the start of epoch ${epoch + 1}. ` +
      `Use a smaller learning rate (now ${lr}; try ${readable(lr / 10)}) or scale the inputs (e.g. pixels by 1/255).`,
  );
}
