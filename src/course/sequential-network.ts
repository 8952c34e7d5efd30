// Seed 002's `SequentialNetwork`: layers added in order and linked both ways, MSE loss,
// minibatch SGD. `train(data, epochs, miniBatchSize, learningRate, testData)` prints
// `Epoch k: correct / total` as the course does. It runs the library's training loop
// (src/models/loop.ts) in its "shuffle" order, the course's random.shuffle(training_data) then
// consecutive minibatches, and steps the weights with the library's SGD; the layers in
// ./layers.ts compute the passes (a DenseLayer is a Keras Dense). This file only moves pointers.
//
// Where we differ from the course's code (which, as written, learns nothing):
//  - `train_batch` is missing: it is forward_backward then update, as its name says.
//  - DenseLayer's `update_param` uses an undefined `rate` and is never called (the network calls
//    `update_params`): each layer steps W −= (learning_rate / batch size) · ΣΔW.
//  - forward_backward loops over the samples, adding each Δ·xᵀ to ΔW. Summing per-sample deltas
//    over a minibatch IS the gradient of the minibatch's summed loss, so we compute it as one
//    batched product (a minibatch is a matrix of rows) — the same numbers, one kernel call.
//  - Pixels are /255 (the library's MNIST scaling); the course's mnist.pkl.gz stores them /256.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope } from "../core/scope.js";
import { ModelError, ShapeError, assertPositiveInteger } from "../core/errors.js";
import type { DeviceInputs } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import { countCorrectOn } from "../losses/accuracy.js";
import type { Targets } from "../losses/loss.js";
import { forChunks } from "../models/inference.js";
import { trainSync } from "../models/loop.js";
import { CallbackList } from "../models/callbacks.js";
import { SGD } from "../optimizers.js";
import { COURSE_EVAL_ROWS } from "./course-eval.js";
import type { Layer } from "./layer.js";
import { MSE, courseLoss } from "./mse.js";
import { uploadCourseData, type CourseData } from "./course-data.js";

export { Layer, DenseLayer, ActivationLayer } from "./layers.js";
export { MSE } from "./mse.js";
export type { CourseData } from "./course-data.js";

export interface TrainResult {
  /** Test samples classified correctly after each epoch (empty without test data). */
  correct: number[];
  /** Size of the test data. */
  total: number;
  /** Seconds each epoch took (training and evaluation). */
  seconds: number[];
}

export interface SequentialNetworkArgs {
  /** Seeds the weights (N(0, 1)) and the shuffling. */
  seed?: number;
  /** Where the course's prints go (default console.log); pass () => {} for silence. */
  print?: (line: string) => void;
  engine?: Engine;
}

export class SequentialNetwork {
  readonly layers: Layer[] = [];
  readonly loss = MSE;
  readonly engine: Engine;
  private readonly rng: Rng;
  private readonly print: (line: string) => void;
  private rowsReserved = 0;
  private readonly targets: Targets = { ptr: 0, sparse: false };
  /** W −= rate · ΣΔW over every layer's parameters; its rate is set per step (learning_rate / batch size). */
  private readonly optimizer = new SGD({ learningRate: 1 });

  constructor({ seed = DEFAULT_SEED, print = console.log, engine = defaultEngine() }: SequentialNetworkArgs = {}) {
    this.engine = engine;
    this.print = print;
    this.rng = new Rng(engine, seed);
    this.print("Initialize Network...");
  }

  /** Append `layer`, build its weights, print its description and link it to the layer before. */
  add(layer: Layer): void {
    if (layer.previous || layer.next || this.layers.includes(layer)) {
      throw new ModelError(`${layer.constructor.name} is already linked into a network; create a new layer`);
    }
    const last = this.layers[this.layers.length - 1];
    if (last && last.outputDim !== layer.inputDim) {
      throw new ShapeError(`${layer.constructor.name}(${layer.inputDim}) cannot follow a layer with ${last.outputDim} outputs; `
        + `give it input_dim ${last.outputDim}`);
    }
    layer.build(this.engine, this.rng);
    if (this.rowsReserved) layer.reserve(this.rowsReserved);
    this.layers.push(layer);
    this.optimizer.build(this.engine, this.layers.flatMap((l) => l.params()), this); // read once here, not per step
    this.print(layer.describe());
    if (last) layer.connect(last);
  }

  /** Each layer's description, in order. */
  describe(): string {
    return this.layers.map((l) => l.describe()).join("\n");
  }

  /** Minibatch SGD for `epochs` epochs, printing `Epoch k: correct / total` when testData is given. */
  train(trainingData: CourseData, epochs: number, miniBatchSize: number, learningRate: number, testData?: CourseData): TrainResult {
    assertPositiveInteger("train: epochs", epochs);
    assertPositiveInteger("train: mini_batch_size", miniBatchSize);
    if (!(learningRate > 0)) throw new ModelError(`train: learning_rate must be a positive number, got ${learningRate}`);
    const result: TrainResult = { correct: [], total: 0, seconds: [] };
    return withScope(this.engine, (s) => {
      const train = uploadCourseData(s, "train: training_data", trainingData, this.inputDim, this.outputDim);
      const test = testData ? uploadCourseData(s, "train: test_data", testData, this.inputDim, this.outputDim) : undefined;
      this.reserve(Math.max(Math.min(miniBatchSize, train.x.rows), Math.min(COURSE_EVAL_ROWS, test?.x.rows ?? 0)));
      result.total = test?.x.rows ?? 0;
      let started = 0;
      trainSync({
        engine: this.engine, x: train.x, y: train.y, units: this.outputDim, order: "shuffle", rng: this.rng,
        batchSize: miniBatchSize, epochs,
        step: (xb, y, count) => this.trainBatch(xb, y.ptr, count, learningRate),
        callbacks: new CallbackList({
          onEpochBegin: () => void (started = performance.now()),
          onEpochEnd: (epoch) => {
            if (test) {
              const correct = this.evaluateDevice(test.x, test.y);
              result.correct.push(correct);
              this.print(`Epoch ${epoch}: ${correct} / ${test.x.rows}`);
            } else this.print(`Epoch ${epoch} complete`);
            result.seconds.push((performance.now() - started) / 1000);
          },
        }),
        control: { stopTraining: false },
        diverged: (what) => new ModelError(`SequentialNetwork.train: ${what}; lower learning_rate`),
      });
      return result;
    });
  }

  /** One minibatch of `count` rows at xb (targets at yb): forward, backward, update. Returns the batch's ½Σ loss. */
  trainBatch(xb: number, yb: number, count: number, learningRate: number): number {
    const loss = this.forwardBackward(xb, yb, count);
    this.update(count, learningRate);
    return loss;
  }

  /** Step every layer with learning_rate / batch size, then clear the deltas (the course's update). */
  update(count: number, learningRate: number): void {
    const layers = this.layers;
    this.optimizer.learningRate = learningRate / count;
    this.optimizer.step();
    for (let i = 0; i < layers.length; i++) layers[i].clearDeltas();
  }

  /** Forward `count` rows, start the deltas with the loss derivative, backward through every layer. */
  forwardBackward(xb: number, yb: number, count: number): number {
    const a = this.singleForward(xb, count), last = this.layers[this.layers.length - 1], n = count * this.outputDim;
    last.inputDelta = last.deltaTarget;
    this.targets.ptr = yb;
    const loss = courseLoss.gradient(this.engine, a, this.targets, last.inputDelta, n, 1, "linear"); // MSE's two functions in one pass
    for (let i = this.layers.length - 1; i >= 0; i--) this.layers[i].backward();
    return loss;
  }

  /** Forward `count` rows at x through every layer; returns the pointer of the output. */
  singleForward(x: number, count: number): number {
    if (this.layers.length === 0) throw new ModelError("SequentialNetwork has no layers: add() some first");
    this.reserve(count);
    const first = this.layers[0];
    first.inputData = x;
    first.rows = count;
    for (let i = 0; i < this.layers.length; i++) this.layers[i].forward();
    return this.layers[this.layers.length - 1].outputData;
  }

  /** How many samples of `testData` the network classifies correctly (argmax of output vs label). */
  evaluate(testData: CourseData): number {
    return withScope(this.engine, (s) => {
      const test = uploadCourseData(s, "evaluate: test_data", testData, this.inputDim, this.outputDim);
      return this.evaluateDevice(test.x, test.y);
    });
  }

  get inputDim(): number { return this.layers[0]?.inputDim ?? 0; }

  get outputDim(): number { return this.layers[this.layers.length - 1]?.outputDim ?? 0; }

  /** Free every layer's memory and the random state. */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.optimizer.unbind();
    this.rng.dispose();
  }

  private evaluateDevice(x: DeviceInputs, y: DeviceTargets): number {
    let correct = 0;
    const units = this.outputDim;
    forChunks(this.engine, x, COURSE_EVAL_ROWS, (xb, _idx, start, count) => {
      const a = this.singleForward(xb, count);
      correct += countCorrectOn(this.engine, courseLoss.name, a, { ptr: y.ptr + start * units * 4, sparse: false }, count, units);
    });
    return correct;
  }

  private reserve(rows: number): void {
    if (rows <= this.rowsReserved) return;
    for (const layer of this.layers) layer.reserve(rows);
    this.rowsReserved = rows;
  }
}
