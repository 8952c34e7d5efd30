// The adapter under seed 001's classes (SingleLayer … MultiClassNetwork): Dense layers of the
// engine, trained by the one loop (course-fit.ts) with the engine's step, evaluated and queried
// by its one chunked path. What is the course's is said here as arguments: its initialisation
// (each class's makeLayers), its penalty (l1·Σ|w| + l2/2·Σw², with the gradient divided by the
// batch's rows m) and its loss bookkeeping ((Σ loss + regLoss) / m per epoch). Names are the
// course's: training, regLoss, updateValLoss, initWeights.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope, type Scope } from "../core/scope.js";
import type { Dense } from "../layers/dense.js";
import type { Param } from "../layers/layer.js";
import { addPenalty, addPenaltyGradient } from "../layers/penalty.js";
import type { Regularizer } from "../regularizers.js";
import type { DeviceInputs, Inputs, Labels } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import type { LossName, Targets } from "../losses/loss.js";
import { losses } from "../losses/losses.js";
import type { CustomCallbackArgs } from "../models/callbacks.js";
import { evaluateSums, predict } from "../models/inference.js";
import { reserve, trainStep } from "../models/stack.js";
import { COURSE_EVAL_ROWS, uploadData } from "./course-eval.js";
import { courseFit, type FitArgs } from "./course-fit.js";
import { CourseModel } from "./course-model.js";

/** fit()'s optional arguments (course-fit.ts): epochs, xVal, yVal, onEpochEnd(epoch, net). */
export type CourseFitArgs = FitArgs<CourseNetwork>;

export interface CourseArgs {
  /** learning_rate (default 0.1). */
  learningRate?: number;
  /** L1 penalty λ₁: adds λ₁·sign(w)/m to the gradient and λ₁·Σ|w| to the loss (default 0). */
  l1?: number;
  /** L2 penalty λ₂: adds λ₂·w/m to the gradient and λ₂/2·Σw² to the loss (default 0). */
  l2?: number;
  /** Seed of the initialisation and shuffling (the course's np.random.seed(42)). */
  seed?: number;
}

export abstract class CourseNetwork {
  readonly lr: number;
  readonly l1: number;
  readonly l2: number;
  readonly seed: number;
  /** Training loss per epoch: (Σ loss + regLoss()) / m, as the course records it. */
  losses: number[] = [];
  /** Validation loss per epoch (when fit() was given xVal and yVal). */
  valLosses: number[] = [];
  /** Validation accuracy per epoch (the score on xVal, yVal), from the pass that gives valLosses. */
  valScores: number[] = [];
  /** @internal */ layers: Dense[] = [];
  /** @internal The generator of the initial weights, then of the shuffles. */ rng?: Rng;
  /** @internal The layers as the engine's model (course-model.ts). */ model?: CourseModel;
  /** Each layer's weight matrix, read once in initWeights: the step's penalty makes no arrays. */
  private kernels: Param[] = [];
  /** The course's penalty as a regularizer on every weight matrix (not the biases). */
  private readonly penalty: Regularizer;
  protected abstract readonly lossName: LossName;
  readonly engine: Engine;

  constructor({ learningRate = 0.1, l1 = 0, l2 = 0, seed = DEFAULT_SEED }: CourseArgs = {}, engine?: Engine) {
    if (!(learningRate > 0 && learningRate < Infinity)) throw new ModelError(`learningRate must be > 0 and finite (SGD's), got ${learningRate}`);
    if (!(l1 >= 0) || !(l2 >= 0)) throw new ModelError(`l1 and l2 must be ≥ 0, got ${l1} and ${l2}`);
    [this.lr, this.l1, this.l2, this.seed] = [learningRate, l1, l2, seed];
    this.penalty = { l1, l2: l2 / 2 };
    this.engine = engine ?? defaultEngine();
  }

  /** The layers for `nFeatures` inputs and `nOutputs` outputs, unbuilt (each class's init_weights). */
  protected abstract makeLayers(nFeatures: number, nOutputs: number): Dense[];

  /** Rows per gradient step for `n` training rows (all of them: batch gradient descent). */
  batchSize(n: number): number {
    return n;
  }

  /** How many outputs targets `y` need (1 here; one per class for MultiClassNetwork). */
  outputsFor(_y: Labels): number {
    return 1;
  }

  /** @internal Hooks of the training loop a class adds (SingleLayer records w_history). */
  callbacks(): CustomCallbackArgs[] {
    return [];
  }

  /** Fresh weights (the course re-initialises in every fit()) from the seeded Rng, swapped in once built. */
  initWeights(nFeatures: number, nOutputs = 1): void {
    const [rng, layers, model] = withScope(this.engine, (s) => {
      const rng = s.track(new Rng(this.engine, this.seed));
      const layers = this.makeLayers(nFeatures, nOutputs).map((layer) => s.track(layer));
      let units = nFeatures;
      for (const layer of layers) units = (layer.build(this.engine, [units], rng), layer.units);
      const model = s.track(new CourseModel(this.engine, layers, losses[this.lossName], this.lr));
      for (const layer of layers) s.keep(layer); // the model frees them now
      return [s.keep(rng), layers, s.keep(model)] as const; // all built: this network's now
    });
    this.dispose();
    [this.rng, this.layers, this.model] = [rng, layers, model];
    this.kernels = layers.map((layer) => layer.params()[0]);
  }

  /** Train for `epochs` (default 100), recording losses (and valLosses with xVal, yVal). */
  fit(x: Inputs, y: Labels, args: CourseFitArgs = {}): this {
    courseFit(this, x, y, args);
    return this;
  }

  /** @internal The loop's step: one gradient step on `m` rows at x, y (pointers); the mean loss before it. */
  step(x: number, y: Targets, m: number): number {
    return trainStep(this.live(), x, y, m, this.penalize);
  }

  /** One gradient step on `m` rows at x, y (pointers); returns the summed (not mean) loss before it. */
  training(x: number, y: DeviceTargets, m: number): number {
    return this.step(x, y, m) * m;
  }

  /** Between backward and the update: w_grad += l1·sign(w)/m + l2·w/m (bound once: no closure per step). */
  private readonly penalize = (m: number): void => {
    for (let i = 0; i < this.kernels.length; i++) addPenaltyGradient(this.engine, this.kernels[i], this.penalty, m);
  };

  /** The penalty the course adds to the loss: l1·Σ|w| + l2/2·Σw² over every weight matrix. */
  regLoss(): number {
    this.live();
    let sum = 0;
    for (const w of this.kernels) sum = addPenalty(this.engine, w, this.penalty, sum);
    return sum;
  }

  /** Append (Σ validation loss + regLoss()) / m to valLosses and the accuracy to valScores (data already in WASM). */
  updateValLoss(xVal: DeviceInputs, yVal: DeviceTargets): void {
    const { loss, correct } = evaluateSums(this.live(), xVal, yVal, COURSE_EVAL_ROWS);
    this.valLosses.push((loss + this.regLoss()) / xVal.rows);
    this.valScores.push(correct / xVal.rows);
  }

  /** Fraction of rows predicted right (the course's score). */
  score(x: Inputs, y: Labels): number {
    return withScope(this.engine, (s) => {
      const { inputs, targets } = this.upload(s, x, y, "score");
      return evaluateSums(this.live(), inputs, targets, COURSE_EVAL_ROWS).correct / inputs.rows;
    });
  }

  /** The output activations for `x`, row-major (rows × outputs), copied out of WASM. */
  activations(x: Inputs): Float32Array {
    return predict(this.live(), x, { batchSize: COURSE_EVAL_ROWS }).data;
  }

  /** Class predictions (each class's own rule: z > 0 for one sigmoid output, argmax for softmax). */
  abstract predict(x: Inputs): Int32Array;

  get inputUnits(): number {
    return this.live().inputUnits;
  }
  get outputUnits(): number {
    return this.live().outputUnits;
  }

  /** @internal Copy x and y into WASM for `inputs` → `outputs` units (this network's by default); `scope` frees both. */
  upload(scope: Scope, x: Inputs, y: Labels, what: string, inputs = this.inputUnits, outputs = this.outputUnits): { inputs: DeviceInputs; targets: DeviceTargets } {
    return uploadData(scope, x, y, what, inputs, outputs, this.lossName);
  }

  /** @internal Size every layer's per-batch buffers for `rows` rows. */
  reserve(rows: number): void {
    reserve(this.live(), rows);
  }

  /** Free the weights and the generator state; fit() makes new ones. */
  dispose(): void {
    this.model?.dispose();
    [this.model, this.layers, this.kernels] = [undefined, [], []];
    this.rng?.dispose();
    this.rng = undefined;
  }

  private live(): CourseModel {
    if (!this.model) throw new ModelError("this network has no weights yet: call fit() first");
    return this.model;
  }
}
