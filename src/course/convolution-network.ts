// Lesson 18 (Do it! 딥러닝 입문 8-4, Ch08.ipynb): the book's ConvolutionNetwork. The book writes its
// forward pass with tf.nn (conv2d 3×3 'SAME' + bias, relu, max_pool2d 2×2, reshape, matmul + b,
// relu, matmul + b) and trains it with GradientTape and tf.optimizers.SGD; here it is an adapter:
// the same network as the engine's layers (Conv2D, MaxPooling2D, Flatten, Dense, Dense) in a
// Sequential, trained by the one loop. The book's settings map onto the layers' arguments:
//  - init_weights: glorot_uniform for conv_w (3, 3, 1, n_kernels), w1 and w2 (fans of the conv
//    kernel: its 3·3 receptive field times channels in / out, as TF.js and Keras count), zero
//    biases: Conv2D's and Dense's defaults. fit() initialises afresh, as the book's does.
//  - gen_batch: a permutation each epoch cut into len(x) // batch_size batches, the remainder
//    dropped: the loop's "shuffle" order with that many steps.
//  - softmax_cross_entropy_with_logits, averaged over the batch: a softmax Dense with
//    categorical cross-entropy, fused (dL/dz = (a − y)/m, the gradient the tape finds).
// Where we differ: the loss recorded per batch is the batch's before its step (as Keras logs it;
// the book's get_loss runs after training(), on the same batch, one more forward pass), and the
// cross-entropy's log reads a clipped to [1e-7, 1 − 1e-7] (Keras' categorical_crossentropy).
// The seed drives the initial weights and the shuffles (the book's np.random is unseeded).
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { assertPositiveInteger, ModelError, ShapeError, TrainingError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope } from "../core/scope.js";
import type { DeviceInputs, Inputs, Labels } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import { Conv2D } from "../layers/conv2d.js";
import { Dense } from "../layers/dense.js";
import { Flatten } from "../layers/flatten.js";
import { MaxPooling2D } from "../layers/pooling.js";
import { CallbackList } from "../models/callbacks.js";
import { evaluateSums, predict } from "../models/inference.js";
import { trainSync } from "../models/loop.js";
import { Sequential } from "../models/sequential.js";
import { reserve, trainStep } from "../models/stack.js";
import { SGD } from "../optimizers.js";
import { COURSE_EVAL_ROWS } from "./course-eval.js";
import type { FitArgs } from "./course-fit.js";
import { uploadImages } from "./convolution-data.js";
import { classesOf } from "./class-count.js";

export interface ConvolutionNetworkArgs {
  /** n_kernels: the convolution's filters (default 10). */
  nKernels?: number;
  /** units: the hidden Dense layer's neurons (default 10). */
  units?: number;
  /** batch_size (default 32). */
  batchSize?: number;
  /** learning_rate of SGD (default 0.1). */
  learningRate?: number;
  /** Each image [h, w, c] (default [28, 28, 1], which the book's init_weights assumes). */
  inputShape?: [number, number, number];
  /** Seed of the initial weights and of each epoch's shuffle. */
  seed?: number;
}

/** fit()'s optional arguments: epochs (default 100), xVal, yVal, onEpochEnd(epoch, net). */
export type ConvolutionFitArgs = FitArgs<ConvolutionNetwork>;

export class ConvolutionNetwork {
  readonly nKernels: number;
  /** The convolution's kernel size (the book's kernel_size, fixed at 3). */
  readonly kernelSize = 3;
  readonly units: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly inputShape: [number, number, number];
  readonly seed: number;
  /** Training loss per epoch: the mean of its batches' losses. */
  losses: number[] = [];
  /** Validation loss per epoch (when fit() was given xVal and yVal). */
  valLosses: number[] = [];
  /** Validation accuracy per epoch, from the pass that gives valLosses. */
  valScores: number[] = [];
  /** The engine's model the network is (undefined before fit()). */
  model?: Sequential;
  readonly engine: Engine;

  constructor(args: ConvolutionNetworkArgs = {}, engine?: Engine) {
    const { nKernels = 10, units = 10, batchSize = 32, learningRate = 0.1, seed = DEFAULT_SEED } = args;
    const { inputShape = [28, 28, 1] } = args;
    for (const [name, n] of [["nKernels", nKernels], ["units", units], ["batchSize", batchSize]] as const) {
      assertPositiveInteger(`ConvolutionNetwork: ${name}`, n);
    }
    if (!(learningRate > 0 && learningRate < Infinity)) {
      throw new ModelError(`ConvolutionNetwork: learningRate must be > 0 and finite (SGD's), got ${learningRate}`);
    }
    if (!Array.isArray(inputShape) || inputShape.length !== 3 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new ShapeError("ConvolutionNetwork: inputShape must be [height, width, channels] of positive integers, "
        + `e.g. [28, 28, 1]; got ${JSON.stringify(inputShape)}`);
    }
    if (!Number.isInteger(seed)) throw new ModelError(`ConvolutionNetwork: seed must be an integer, got ${String(seed)}`);
    [this.nKernels, this.units, this.batchSize, this.lr] = [nKernels, units, batchSize, learningRate];
    [this.inputShape, this.seed] = [inputShape, seed];
    this.engine = engine ?? defaultEngine();
  }

  /** Fresh glorot-uniform weights, zero biases, `nClasses` outputs (the book's init_weights); the old model is freed. */
  initWeights(nClasses: number): void {
    const model = new Sequential({
      layers: [
        new Conv2D({ filters: this.nKernels, kernelSize: 3, padding: "same", activation: "relu", inputShape: this.inputShape }),
        new MaxPooling2D({ poolSize: 2 }),
        new Flatten(),
        new Dense({ units: this.units, activation: "relu" }),
        new Dense({ units: nClasses, activation: "softmax" }),
      ],
      seed: this.seed, engine: this.engine,
    });
    model.compile({ optimizer: new SGD({ learningRate: this.lr }), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    this.dispose();
    this.model = model;
  }

  /** Train for `epochs` (default 100), recording losses (and valLosses, valScores with xVal, yVal). */
  fit(x: Inputs, y: Labels, { epochs = 100, xVal, yVal, onEpochEnd }: ConvolutionFitArgs = {}): this {
    assertPositiveInteger("fit: epochs", epochs);
    if ((xVal === undefined) !== (yVal === undefined)) throw new ModelError("fit: give both xVal and yVal, or neither");
    const classes = classesOf(y, "give one-hot rows (to_categorical) or a flat array of integer labels", "(or give one-hot rows)"), engine = this.engine;
    withScope(engine, (s) => {
      // Checked and uploaded before the old weights go.
      const train = uploadImages(s, x, y, "fit", this.inputShape, classes);
      const val = xVal !== undefined && yVal !== undefined
        ? uploadImages(s, xVal, yVal, "fit: validation", this.inputShape, classes) : undefined;
      const n = train.x.rows, steps = Math.floor(n / this.batchSize);
      if (steps === 0) {
        throw new ShapeError(`fit: x has ${n} images, fewer than batchSize ${this.batchSize}: the book's gen_batch makes `
          + "len(x) // batch_size = 0 batches; give more images or a smaller batchSize");
      }
      this.initWeights(classes);
      const model = this.model!;
      [this.losses, this.valLosses, this.valScores] = [[], [], []];
      reserve(model, Math.max(this.batchSize, val ? Math.min(COURSE_EVAL_ROWS, val.x.rows) : 0)); // sized once, validation too
      const record = {
        onEpochEnd: (epoch: number, logs?: Record<string, number>) => {
          this.losses.push(logs!.loss);
          if (val) this.updateValLoss(val.x, val.y);
          return onEpochEnd?.(epoch, this);
        },
      };
      trainSync({
        engine, x: train.x, y: train.y, units: classes, order: "shuffle", batchSize: this.batchSize, steps, epochs,
        rng: s.track(new Rng(engine, this.seed)), step: (xb, yb, count) => trainStep(model, xb, yb, count),
        callbacks: new CallbackList(record), control: model,
        diverged: (what) => new TrainingError(`${what}: training diverged; use a smaller learningRate (now ${this.lr}) or pixels / 255`),
      });
    });
    return this;
  }

  /** The class of each image: the index of its largest output (np.argmax of z; softmax keeps the order). */
  predict(x: Inputs): Int32Array {
    const model = this.live(), classes = model.outputUnits;
    const a = predict(model, x, { batchSize: COURSE_EVAL_ROWS }).data, out = new Int32Array(a.length / classes);
    for (let r = 0; r < out.length; r++) {
      for (let c = 1; c < classes; c++) if (a[r * classes + c] > a[r * classes + out[r]]) out[r] = c;
    }
    return out;
  }

  /** The fraction of images predicted right (y one-hot rows or integer labels). */
  score(x: Inputs, y: Labels): number {
    return this.sums(x, y, "score").correct;
  }

  /** The mean cross-entropy on (x, y) (the book's get_loss). */
  getLoss(x: Inputs, y: Labels): number {
    return this.sums(x, y, "getLoss").loss;
  }

  /** The book's weights by its names, copied out: convW [3, 3, c, nKernels], convB, w1, b1, w2, b2. */
  weights(): Record<"convW" | "convB" | "w1" | "b1" | "w2" | "b2", Float32Array> {
    const [convW, convB, w1, b1, w2, b2] = this.live().getWeights().map((w) => w.data);
    return { convW, convB, w1, b1, w2, b2 };
  }

  /** Free the model's WASM memory; fit() makes a new one. */
  dispose(): void {
    this.model?.dispose();
    this.model = undefined;
  }

  private updateValLoss(x: DeviceInputs, y: DeviceTargets): void {
    const { loss, correct } = evaluateSums(this.model!, x, y, COURSE_EVAL_ROWS);
    this.valLosses.push(loss / x.rows);
    this.valScores.push(correct / x.rows);
  }

  private sums(x: Inputs, y: Labels, what: string): { loss: number; correct: number } {
    const model = this.live();
    return withScope(this.engine, (s) => {
      const d = uploadImages(s, x, y, what, this.inputShape, model.outputUnits), r = evaluateSums(model, d.x, d.y, COURSE_EVAL_ROWS);
      return { loss: r.loss / d.x.rows, correct: r.correct / d.x.rows };
    });
  }

  private live(): Sequential {
    if (!this.model) throw new ModelError("this ConvolutionNetwork has no weights yet: call fit() first");
    return this.model;
  }
}
