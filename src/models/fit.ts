// model.fit(): Keras' options checked, the data uploaded to WASM once or read in place when
// resident (data/resident.ts), the validation split cut from its tail without a copy, then the one training loop (models/loop.ts) runs the model's step
// (models/stack.ts#trainStep) over shuffled or ordered batches.
import { assertPositiveInteger, counted, ModelError, TrainingError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope, type Scope } from "../core/scope.js";
import type { Inputs, Labels } from "../data/inputs.js";
import { inputsFor, targetsFor, type Resident } from "../data/resident.js";
import { tailInputs, tailTargets } from "../data/batches.js";
import { metricLogs, metricSums } from "../losses/metrics.js";
import type { MetricName } from "../losses/loss.js";
import { CallbackList, renameKeys, type CustomCallbackArgs, type History, type Logs } from "./callbacks.js";
import { evaluateDevice } from "./inference.js";
import { reserve, trainStep } from "./stack.js";
import { Snapshot } from "./snapshot.js";
import { train } from "./loop.js";
import type { Model } from "./model.js";

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  /** Seed of the shuffling (default 42). */
  seed?: number;
  /** Arrays, or resident() sets (read in place, like the training data). */
  validationData?: [Inputs | Resident, Labels | Resident];
  validationSplit?: number;
  /** Epoch to start at (Keras): `epochs` is then the last epoch, and the shuffle replays the epochs before it, so a resumed run repeats an unbroken one. */
  initialEpoch?: number;
  /** 0 silent, 1 or 2 one line per epoch. */
  verbose?: 0 | 1 | 2;
  callbacks?: CustomCallbackArgs | CustomCallbackArgs[];
}

const FIT_OPTIONS = ["epochs", "batchSize", "shuffle", "seed", "validationData", "validationSplit", "initialEpoch", "verbose", "callbacks"];

export async function fit(model: Model, x: Inputs | Resident, y: Labels | Resident, args: FitArgs): Promise<History> {
  const engine = model.built();
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
  // TF.js and Keras log the accuracy under the name compile() got ('acc': acc, val_acc); the loop says 'accuracy'.
  const rename = model.metrics[0] === "acc" ? renameKeys : undefined;
  const callbacks = new CallbackList(args.callbacks, () => model.built(), rename);
  callbacks.setModel(model);
  model.fitting = true;
  try {
    // The scope frees what this call uploaded and lets go of resident sets, which it never frees.
    return await withScope(engine, async (s) => {
      const all = upload(s, model, x, y, "x", "y");
      // TF.js (training.ts: splitAt = floor(n·(1 − validationSplit))) and Keras train on the first
      // floor(n·(1 − split)) rows and validate on the rest; validationData overrides the split.
      const nVal = args.validationData ? 0 : all.x.rows - Math.floor(all.x.rows * (1 - validationSplit));
      const data = { x: { ...all.x, rows: all.x.rows - nVal }, y: { ...all.y, rows: all.x.rows - nVal } };
      if (data.x.rows === 0 || (validationSplit > 0 && nVal === 0 && !args.validationData)) { // Keras refuses both ends too
        throw new ModelError(`fit: validationSplit ${validationSplit} of ${counted(all.x.rows, "row")} leaves ${data.x.rows} training and ${counted(nVal, "validation row")} (the cut is at floor(rows·(1 − split)), as in TF.js and Keras); give more rows or another split`);
      }
      let val = nVal > 0 ? { x: tailInputs(all.x, nVal), y: tailTargets(all.y, nVal, model.outputUnits) } : undefined;
      if (args.validationData) val = upload(s, model, args.validationData[0], args.validationData[1], "validationData x", "validationData y");
      const n = data.x.rows, units = model.outputUnits, loss = model.loss!.name;
      reserve(model, Math.max(Math.min(batchSize, n), val ? Math.min(EVAL_ROWS, val.x.rows) : 0)); // sized once, also for validation
      const snapshot = new Snapshot(model);
      s.track(snapshot.ptr);
      const rng = new Rng(engine, seed);
      s.track(rng.state);
      const last = model.layers[model.layers.length - 1];
      const sums = model.metrics.length ? metricSums(model.metrics as MetricName[], loss) : undefined;
      if (rename && verbose) callbacks.printEpochs(epochs);
      const history = await train({
        engine, x: data.x, y: data.y, units, order: shuffle ? "shuffle" : "ordered", batchSize, epochs, initialEpoch, rng, snapshot, callbacks, verbose: rename ? 0 : verbose,
        control: model, breathe: true,
        step: (xb, y, count) => trainStep(model, xb, y, count),
        metrics: sums && { sums, add: (y, count) => sums.add(engine, last.output, y, count, units) },
        validate: val && ((): Logs => {
          const v = evaluateDevice(model, val!.x, val!.y, EVAL_ROWS), logs: Logs = { val_loss: v.loss };
          if (v.metrics) metricLogs(v.metrics, logs, "val_");
          return logs;
        }),
        diverged: (what, epoch) => diverged(model, what, epoch),
      });
      if (rename) Object.assign(history, { history: rename(history.history) });
      return history;
    });
  } finally {
    model.fitting = false;
  }
}

function upload(s: Scope, model: Model, x: Inputs | Resident, y: Labels | Resident, xName: string, yName: string) {
  const inputs = inputsFor(s, `fit: ${xName}`, x, model.inputUnits, model.inputShape);
  return { x: inputs, y: targetsFor(s, `fit: ${yName}`, y, inputs.rows, model.outputUnits, model.loss!.name) };
}

/** Rows per forward pass when fit() evaluates the validation data. */
const EVAL_ROWS = 256;

/** Two significant digits, without float noise: 1e30 / 10 → "1e+29", not "1.0000000000000001e+29". */
const readable = (x: number) => String(Number(x.toPrecision(2)));

/** The error for a diverged fit(): the loop has put back the weights and optimizer state of the epoch's start. */
function diverged(model: Model, what: string, epoch: number): TrainingError {
  const lr = model.optimizer!.learningRate;
  return new TrainingError(
    `${what}: training diverged. The weights and the optimizer's state were restored to the start of epoch ${epoch + 1}. ` +
      `Use a smaller learning rate (now ${lr}; try ${readable(lr / 10)}) or scale the inputs (e.g. pixels by 1/255).`,
  );
}
