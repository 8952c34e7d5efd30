// The machinery under seed 001's classes (SingleLayer … MultiClassNetwork): a stack of Dense
// layers trained by the course's loop. Every number is computed by the WASM kernels the Keras
// API uses (gemm, sigmoid/softmax, the fused (a − y)/m gradient, sumColumns, sgdStep, penalties):
// these classes choose the course's initialisation, penalty scaling and loss bookkeeping. Names
// are the course's: forpass, backprop, training, regLoss, updateValLoss, initWeights.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope, type Scope } from "../core/scope.js";
import { Dense } from "../layers/dense.js";
import type { Param } from "../layers/layer.js";
import type { DeviceInputs, Inputs, Labels } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import type { LossName } from "../losses/loss.js";
import { losses } from "../losses/losses.js";
import { countCorrect } from "../losses/accuracy.js";
import { COURSE_EVAL_ROWS, eachChunk, outputsOf, uploadData } from "./course-eval.js";
import { courseFit, type FitArgs } from "./course-fit.js";

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
  /** @internal */ rng?: Rng;
  /** Each layer's params (weight matrix first), read once in initWeights: no arrays per step. */
  private layerParams: Param[][] = [];
  protected abstract readonly lossName: LossName;
  readonly engine: Engine;

  constructor({ learningRate = 0.1, l1 = 0, l2 = 0, seed = DEFAULT_SEED }: CourseArgs = {}, engine?: Engine) {
    if (!(learningRate > 0)) throw new ModelError(`learningRate must be > 0, got ${learningRate}`);
    if (!(l1 >= 0) || !(l2 >= 0)) throw new ModelError(`l1 and l2 must be ≥ 0, got ${l1} and ${l2}`);
    [this.lr, this.l1, this.l2, this.seed] = [learningRate, l1, l2, seed];
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

  /** Fresh weights (the course re-initialises in every fit()) from the seeded Rng, swapped in once built. */
  initWeights(nFeatures: number, nOutputs = 1): void {
    const [rng, layers] = withScope(this.engine, (s) => {
      const rng = s.track(new Rng(this.engine, this.seed));
      const layers = this.makeLayers(nFeatures, nOutputs).map((layer) => s.track(layer));
      let units = nFeatures;
      for (const layer of layers) units = (layer.build(this.engine, [units], rng), layer.units);
      return [s.keep(rng), layers.map((layer) => s.keep(layer))] as const; // all built: this network's now
    });
    this.dispose();
    [this.rng, this.layers] = [rng, layers];
    this.layerParams = layers.map((layer) => layer.params());
  }

  /** Train for `epochs` (default 100), recording losses (and valLosses with xVal, yVal). */
  fit(x: Inputs, y: Labels, args: CourseFitArgs = {}): this {
    courseFit(this, x, y, args);
    return this;
  }

  /** Forward `rows` rows at pointer `x`; returns the pointer of the output activations a. */
  forpass(x: number, rows: number): number {
    let a = x;
    for (let i = 0; i < this.layers.length; i++) a = this.layers[i].forward(a, rows, true);
    return a;
  }

  /** From err in the output layer's gradient buffer (dL/dz when `fused`): every weight and bias gradient. */
  backprop(x: number, rows: number, fused = true): void {
    const layers = this.layers, last = layers.length - 1;
    for (let i = last; i >= 0; i--) { // hidden layers: err_to_hidden = err·w2ᵀ ⊙ a1(1 − a1), inside backward
      layers[i].backward(i > 0 ? layers[i - 1].output : x, rows, i > 0 ? layers[i - 1].outputGrad : 0, i === last && fused);
    }
  }

  /** One gradient step on `m` rows at x, y (pointers); returns the summed (not mean) loss before it. */
  training(x: number, y: DeviceTargets, m: number): number {
    const k = this.engine.k, last = this.layers[this.layers.length - 1], loss = losses[this.lossName], act = last.activation.name;
    const a = this.forpass(x, m);
    // err = (a − y)/m, fused with the loss; the course divides by m in backprop instead: same numbers.
    const mean = loss.gradient(k, a, y, last.outputGrad, m, last.units, act);
    this.backprop(x, m, loss.fusesWith(act));
    for (let i = 0; i < this.layerParams.length; i++) {
      const params = this.layerParams[i], w = params[0];
      if (this.l1) k.addL1Grad(w.value, w.grad, w.size, this.l1 / m); // w_grad += l1·sign(w)/m
      if (this.l2) k.addL2Grad(w.value, w.grad, w.size, this.l2 / (2 * m)); // kernel adds 2λw: w_grad += l2·w/m
      for (let j = 0; j < params.length; j++) k.sgdStep(params[j].value, params[j].grad, params[j].size, this.lr);
    }
    return mean * m;
  }

  /** The penalty the course adds to the loss: l1·Σ|w| + l2/2·Σw² over every weight matrix. */
  regLoss(): number {
    const k = this.engine.k;
    let sum = 0;
    this.live();
    for (const [w] of this.layerParams) {
      if (this.l1) sum += this.l1 * k.l1Norm(w.value, w.size);
      if (this.l2) sum += (this.l2 / 2) * k.l2Norm(w.value, w.size);
    }
    return sum;
  }

  /** Append (Σ validation loss + regLoss()) / m to valLosses and the accuracy to valScores (data already in WASM). */
  updateValLoss(xVal: DeviceInputs, yVal: DeviceTargets): void {
    const k = this.engine.k, units = this.outputUnits;
    let sum = 0, correct = 0;
    eachChunk(this, xVal, yVal, COURSE_EVAL_ROWS, (a, y, count) => {
      sum += losses[this.lossName].value(k, a, y, count, units, this.layers[this.layers.length - 1].activation.name) * count;
      correct += countCorrect(k, this.lossName, a, y, count, units);
    });
    this.valLosses.push((sum + this.regLoss()) / xVal.rows);
    this.valScores.push(correct / xVal.rows);
  }

  /** Fraction of rows predicted right (the course's score). */
  score(x: Inputs, y: Labels): number {
    return withScope(this.engine, (s) => {
      const { inputs, targets } = this.upload(s, x, y, "score");
      let correct = 0;
      eachChunk(this, inputs, targets, COURSE_EVAL_ROWS, (a, t, count) => (correct += countCorrect(this.engine.k, this.lossName, a, t, count, this.outputUnits)));
      return correct / inputs.rows;
    });
  }

  /** The output activations for `x`, row-major (rows × outputs), copied out of WASM. */
  activations(x: Inputs): Float32Array {
    return outputsOf(this, x, COURSE_EVAL_ROWS);
  }

  /** Class predictions (each class's own rule: z > 0 for one sigmoid output, argmax for softmax). */
  abstract predict(x: Inputs): Int32Array;

  get inputUnits(): number {
    return this.live()[0].inputSize;
  }
  get outputUnits(): number {
    return this.live()[this.layers.length - 1].units;
  }

  /** @internal Copy x and y into WASM for `inputs` → `outputs` units (this network's by default); `scope` frees both. */
  upload(scope: Scope, x: Inputs, y: Labels, what: string, inputs = this.inputUnits, outputs = this.outputUnits): { inputs: DeviceInputs; targets: DeviceTargets } {
    return uploadData(scope, x, y, what, inputs, outputs, this.lossName);
  }

  /** @internal Size every layer's per-batch buffers for `rows` rows. */
  reserve(rows: number): void {
    for (const layer of this.layers) layer.reserve(rows);
  }

  /** Free the weights and the generator state; fit() makes new ones. */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    [this.layers, this.layerParams] = [[], []];
    this.rng?.dispose();
    this.rng = undefined;
  }

  private live(): Dense[] {
    if (this.layers.length === 0) throw new ModelError("this network has no weights yet: call fit() first");
    return this.layers;
  }
}
