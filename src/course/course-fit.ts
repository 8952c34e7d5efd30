// fit() of seed 001's classes: the course's epoch loop on data copied into WASM once. Batches are
// gathered by index into fixed buffers (batch gradient descent is one batch of every row, in
// order); each epoch records (Σ loss + reg_loss) / m and, with validation data, the val loss and
// accuracy; onEpochEnd may stop the loop early.
import type { Engine } from "../core/engine.js";
import { assertPositiveInteger, ModelError, TrainingError } from "../core/errors.js";
import type { Rng } from "../core/random.js";
import { withScope, type Scope } from "../core/scope.js";
import { shapeOf, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import { gatherInputs, gatherTargets } from "../data/batches.js";
import type { DeviceTargets } from "../data/labels.js";
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
  losses: number[];
  valLosses: number[];
  valScores: number[];
  batchSize(n: number): number;
  outputsFor(y: Labels): number;
  upload(scope: Scope, x: Inputs, y: Labels, what: string, inputs: number, outputs: number): { inputs: DeviceInputs; targets: DeviceTargets };
  initWeights(nFeatures: number, nOutputs: number): void;
  reserve(rows: number): void;
  training(x: number, y: DeviceTargets, m: number): number;
  regLoss(): number;
  updateValLoss(xVal: DeviceInputs, yVal: DeviceTargets): void;
}

export function courseFit<N extends TrainableNetwork>(net: N, x: Inputs, y: Labels, { epochs = 100, xVal, yVal, onEpochEnd }: FitArgs<N>): void {
  assertPositiveInteger("fit: epochs", epochs);
  if ((xVal === undefined) !== (yVal === undefined)) throw new ModelError("fit: give both xVal and yVal, or neither");
  const [rows, cols] = shapeOf("fit: x", x);
  if (cols === 0) throw new ModelError(`fit: x is a flat array of ${rows} numbers; pass rows of features (number[][] or tensor2d)`);
  const units = net.outputsFor(y);
  const { engine } = net, k = engine.k;
  withScope(engine, (s) => {
    // x and y (and the validation set) are checked and uploaded before the old weights go.
    const train = net.upload(s, x, y, "fit", cols, units);
    const val = xVal !== undefined && yVal !== undefined ? net.upload(s, xVal, yVal, "fit: validation", cols, units) : undefined;
    net.initWeights(cols, units);
    net.losses = [];
    net.valLosses = [];
    net.valScores = [];
    const n = train.inputs.rows, size = Math.min(net.batchSize(n), n);
    const width = train.targets.sparse ? 1 : units;
    const idx = s.alloc(n * 4), xb = s.alloc(size * cols * 4), yb = s.alloc(size * width * 4);
    k.iota(idx, n);
    net.reserve(Math.max(size, val ? Math.min(COURSE_EVAL_ROWS, val.inputs.rows) : 0)); // sized once
    const batch: DeviceTargets = { ptr: yb, sparse: train.targets.sparse, rows: 0 }; // one object, rows set per step
    for (let epoch = 0; epoch < epochs; epoch++) {
      let loss = 0;
      if (size < n) net.rng!.shuffle(idx, n); // gen_batch: np.random.permutation, from the seeded Rng
      for (let start = 0; start < n; start += size) {
        const count = Math.min(size, n - start);
        gatherInputs(k, train.inputs, idx + start * 4, count, xb);
        gatherTargets(k, train.targets, idx + start * 4, count, yb, units);
        batch.rows = count;
        loss += net.training(xb, batch, count);
      }
      if (!Number.isFinite(loss)) {
        throw new TrainingError(`the loss became ${loss} at epoch ${epoch + 1}: training diverged; use a smaller learningRate (now ${net.lr}) or standardise the inputs`);
      }
      net.losses.push((loss + net.regLoss()) / n);
      if (val) net.updateValLoss(val.inputs, val.targets);
      if (onEpochEnd?.(epoch, net) === false) break;
    }
  });
}
