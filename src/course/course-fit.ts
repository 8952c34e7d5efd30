// fit() of seed 001's classes on the one training loop (models/loop.ts), run synchronously: the
// data copied into WASM once; batch gradient descent is the "whole" order (every row, in order),
// minibatches the "shuffle" order (the course's gen_batch: a seeded permutation each epoch, cut
// into batches, the last one the remainder). Each epoch records (Σ loss + reg_loss) / m from the
// loop's sum and, with validation data, the val loss and accuracy; onEpochEnd may stop the loop.
import type { Engine } from "../core/engine.js";
import { assertPositiveInteger, ModelError, TrainingError } from "../core/errors.js";
import type { Rng } from "../core/random.js";
import { withScope, type Scope } from "../core/scope.js";
import { shapeOf, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import type { Targets } from "../losses/loss.js";
import { CallbackList, type CustomCallbackArgs } from "../models/callbacks.js";
import { trainSync } from "../models/loop.js";
import type { Model } from "../models/model.js";
import { COURSE_EVAL_ROWS } from "./course-eval.js";

/**
 * The course's fit(x, y, epochs=100, x_val=None, y_val=None) with the optional arguments in an
 * object, as Keras' fit takes them: fit(x, y, {epochs, xVal, yVal}). `N` is the network
 * onEpochEnd is handed (CourseNetwork: course-network.ts names the public CourseFitArgs).
 */
export interface FitArgs<N> {
  epochs?: number;
  xVal?: Inputs;
  yVal?: Labels;
  /**
   * Called after each epoch (0-based) once losses, valLosses and valScores hold it; return false
   * to stop there (e.g. when net.valScores reaches a target): fewer epochs than `epochs` are run.
   */
  onEpochEnd?: (epoch: number, net: N) => boolean | void;
}

/**
 * What the loop needs of a course network, in the course's names (CourseNetwork has it). Named
 * here so that this file, which CourseNetwork uses, does not import it back.
 */
export interface TrainableNetwork {
  readonly engine: Engine;
  readonly lr: number;
  rng?: Rng;
  model?: Model;
  losses: number[];
  valLosses: number[];
  valScores: number[];
  batchSize(n: number): number;
  outputsFor(y: Labels): number;
  callbacks(): CustomCallbackArgs[];
  upload(scope: Scope, x: Inputs, y: Labels, what: string, inputs: number, outputs: number): { inputs: DeviceInputs; targets: DeviceTargets };
  initWeights(nFeatures: number, nOutputs: number): void;
  reserve(rows: number): void;
  step(x: number, y: Targets, m: number): number;
  regLoss(): number;
  updateValLoss(xVal: DeviceInputs, yVal: DeviceTargets): void;
}

export function courseFit<N extends TrainableNetwork>(net: N, x: Inputs, y: Labels, { epochs = 100, xVal, yVal, onEpochEnd }: FitArgs<N>): void {
  assertPositiveInteger("fit: epochs", epochs);
  if ((xVal === undefined) !== (yVal === undefined)) throw new ModelError("fit: give both xVal and yVal, or neither");
  const [rows, cols] = shapeOf("fit: x", x);
  if (cols === 0) throw new ModelError(`fit: x is a flat array of ${rows} numbers; pass rows of features (number[][] or tensor2d)`);
  const units = net.outputsFor(y), { engine } = net;
  withScope(engine, (s) => {
    // x and y (and the validation set) are checked and uploaded before the old weights go.
    const train = net.upload(s, x, y, "fit", cols, units);
    const val = xVal !== undefined && yVal !== undefined ? net.upload(s, xVal, yVal, "fit: validation", cols, units) : undefined;
    net.initWeights(cols, units);
    [net.losses, net.valLosses, net.valScores] = [[], [], []];
    const n = train.inputs.rows, size = Math.min(net.batchSize(n), n);
    net.reserve(Math.max(size, val ? Math.min(COURSE_EVAL_ROWS, val.inputs.rows) : 0)); // sized once
    const record: CustomCallbackArgs = {
      onEpochEnd: (epoch, logs) => {
        net.losses.push(logs!.loss);
        if (val) net.updateValLoss(val.inputs, val.targets);
        return onEpochEnd?.(epoch, net);
      },
    };
    trainSync({
      engine, x: train.inputs, y: train.targets, units, order: size < n ? "shuffle" : "whole", batchSize: size, epochs, rng: net.rng,
      step: (xb, yb, count) => net.step(xb, yb, count),
      epochLoss: (sum, m) => (sum + net.regLoss()) / m,
      callbacks: new CallbackList([record, ...net.callbacks()]),
      control: net.model!,
      diverged: (what) => new TrainingError(`${what}: training diverged; use a smaller learningRate (now ${net.lr}) or standardise the inputs`),
    });
  });
}
