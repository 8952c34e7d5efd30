// Lesson 7 (seed 003, 12-8 "전체 학습 사이클"): the library's training loop (src/models/loop.ts)
// in its "sample" order, minibatches drawn WITH replacement (np.random.choice(train_size,
// batch_size), the seeded sampleIndices kernel), one train_step each, and train/test accuracy
// once per epoch (every train_size / batch_size iterations, starting at iteration 0, as
// `if i % iter_per_epoch == 0`). The notebook scores the test
// images against test labels here; its 12-7 cell scores TRAINING images against TEST labels
// (x_train[:100] with y_test[:100]), which we do not repeat.
import type { Engine } from "../core/engine.js";
import { Rng } from "../core/random.js";
import { withScope } from "../core/scope.js";
import { Tensor } from "../core/tensor.js";
import { Indices } from "../ops/indices.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { inputScale, scaled } from "../data/scale.js";
import { CallbackList } from "../models/callbacks.js";
import { trainSync } from "../models/loop.js";
import { accuracy, checkStep, disposeParams, initParams, StepWorkspace, type Params } from "./step-by-step.js";

/** Images as f32 rows in WASM (pixels · scale; bytes without one /255 as in fit() and the notebook) and labels as Indices. */
export function imagesToTensors(images: { data: ArrayLike<number>; shape: [number, number]; scale?: number }, labels: ArrayLike<number>, engine?: Engine): { x: Tensor; y: Indices } {
  const [rows, cols] = images.shape;
  if (labels.length !== rows) throw new ShapeError(`imagesToTensors: ${rows} images but ${labels.length} labels; give one label per image`);
  const y = Indices.from(labels, engine); // checked before x is allocated
  const x = Tensor.zeros(rows, cols, engine);
  const d = x.data, src = images.data, scale = inputScale(images);
  if (scale === undefined) d.set(src);
  else for (let i = 0; i < rows * cols; i++) d[i] = scaled(src[i], scale); // fit()'s rule: the gather kernel's bits
  return { x, y };
}

export interface CycleOptions {
  itersNum: number;
  batchSize?: number;
  learningRate?: number;
  hiddenSize?: number;
  weightInitStd?: number;
  activation?: Params["activation"];
  seed?: number;
  /** Called after each per-epoch evaluation. */
  onEpoch?: (epoch: number, iteration: number, loss: number, trainAcc: number, testAcc: number) => void;
}

export interface CycleResult {
  params: Params;
  trainLossList: number[];
  trainAccList: number[];
  testAccList: number[];
}

/**
 * The full training cycle on (xTrain, yTrain), scored on both sets once per epoch. A loss that
 * stops being finite ends it with a ModelError (the loop's divergence check), not NaN epochs.
 */
export function trainingCycle(xTrain: Tensor, yTrain: Indices, xTest: Tensor, yTest: Indices, options: CycleOptions): CycleResult {
  const { itersNum, batchSize = 100, learningRate = 0.1, hiddenSize = 50, weightInitStd = 0.01, activation = "sigmoid", seed = 42 } = options;
  const e = xTrain.engine, n = xTrain.rows, iterPerEpoch = Math.max(xTrain.rows / batchSize, 1);
  return withScope(e, (s) => {
    const rng = s.track(new Rng(e, seed));
    const params = initParams(xTrain.cols, hiddenSize, 10, rng, weightInitStd, activation);
    const handed = s.track({ dispose: () => disposeParams(params) }); // the caller's once the cycle ends
    const work = s.track(new StepWorkspace(batchSize, params));
    const result: CycleResult = { params, trainLossList: [], trainAccList: [], testAccList: [] };
    // Checked once here: every step's batch is sampled from these rows, so the steps check nothing.
    checkStep("trainingCycle", xTrain, yTrain, params);
    // if i % iter_per_epoch == 0: after step i (the loop's batch i of its one long epoch)
    const record = (i: number) => {
      if (i % iterPerEpoch !== 0) return;
      result.trainAccList.push(accuracy(params, xTrain, yTrain));
      result.testAccList.push(accuracy(params, xTest, yTest));
      options.onEpoch?.(result.testAccList.length - 1, i, result.trainLossList[i], result.trainAccList.at(-1)!, result.testAccList.at(-1)!);
    };
    trainSync({
      engine: e, x: { ptr: xTrain.ptr, rows: n, cols: xTrain.cols, bytes: false, scale: 1 }, y: { ptr: yTrain.ptr, sparse: true, rows: n }, units: 10,
      order: "sample", batchSize, steps: itersNum, epochs: 1, rng,
      step: (xb, y) => {
        const loss = work.step(xb, y.ptr, params, learningRate);
        result.trainLossList.push(loss);
        return loss;
      },
      callbacks: new CallbackList({ onBatchEnd: (i) => record(i) }),
      control: { stopTraining: false },
      diverged: (what) => new ModelError(`trainingCycle: ${what}; lower learningRate`),
    });
    s.keep(handed);
    return result;
  });
}
