// Lesson 7 (seed 003, "딥러닝 들여다보기"): the two-layer network written out step by step, as
// functions on Tensors. affineForward/affineBackward run Dense's own affine code (src/layers/affine.ts)
// on the caller's tensors, the activations are the ops of Dense's activation table; the network
// (initParams) is two Dense layers, so trainStep and predict run the layer code and the step of
// src/models/stack.ts, with the bits of the notebook's step written out (the tests keep that reference).
// Names follow the notebook: a1 = X·W1 + b1 is the PRE-activation and z1 = sigmoid(a1) the
// output (the reverse of the usual z/a), y_hat = softmax(a2).
//
// Where we differ from the notebook:
//  - sigmoidGrad/reluGrad take the activation's OUTPUT and the upstream gradient, and return
//    their product: the notebook's `sigmoid_grad(a1) * dz1` is sigmoidGrad(z1, dz1) here.
//  - cell 17 computes `db1 = np.sum(dz1, axis=0)` from the wrong delta; db1 = Σ da1 (as its own
//    affine_layer_backward does in cell 20).
//  - train_step returns the undefined name `Lossb` (a NameError); trainStep returns the loss and
//    updates the parameters in place.
//  - crossEntropyError clips y to [1e-7, 1 − 1e-7] before the log (the notebook's log(0) is −inf).
import { ModelError, ShapeError } from "../core/errors.js";
import { engine as defaultEngine } from "../core/engine.js";
import { withScope } from "../core/scope.js";
import type { Rng } from "../core/random.js";
import { Tensor } from "../core/tensor.js";
import { Indices } from "../ops/indices.js";
import * as act from "../ops/activations.js";
import { categoricalCrossEntropy, sparseCategoricalCrossEntropy } from "../ops/losses.js";
import { oneHot as oneHotOp } from "../ops/data.js";
import { distinct, expectShape, output } from "../ops/shape.js";
import { Dense } from "../layers/dense.js";
import { affine, affineGradients } from "../layers/affine.js";
import { losses } from "../losses/losses.js";
import { countCorrectOn } from "../losses/accuracy.js";
import type { Targets } from "../losses/loss.js";
import { SGD } from "../optimizers.js";
import { forward, trainStep as stackStep, type Stack } from "../models/stack.js";
import { forChunks } from "../models/inference.js";

/** What affineForward keeps for the backward pass: (X, W, b). */
export interface AffineCache {
  X: Tensor;
  W: Tensor;
  b: Tensor;
}

/** y = X·W + b (written into `out` if given); returns [y, cache] like affine_layer_forward. */
export function affineForward(X: Tensor, W: Tensor, b: Tensor, out?: Tensor): [Tensor, AffineCache] {
  const op = "affineForward";
  expectShape(op, "W", W, X.cols, W.cols, "W's rows are X's columns");
  expectShape(op, "b", b, 1, W.cols, "one row with W's columns");
  const y = distinct(op, output(op, out, X.rows, W.cols, X, "X's rows × W's columns"), X, W);
  affine(X.engine, X.ptr, W.ptr, b.ptr, y.ptr, X.rows, X.cols, W.cols); // Dense's forward before its activation
  return [y, { X, W, b }];
}

/** Output tensors for affineBackward; dX null skips it (the first layer's dX is never used). */
export interface AffineGrads {
  dX?: Tensor | null;
  dW?: Tensor;
  db?: Tensor;
}

/** dX = dy·Wᵀ, dW = Xᵀ·dy, db = Σ_rows dy (affine_layer_backward). */
export function affineBackward(dy: Tensor, cache: AffineCache, out: AffineGrads = {}): [Tensor | null, Tensor, Tensor] {
  const op = "affineBackward", { X, W } = cache;
  expectShape(op, "dy", dy, X.rows, W.cols, "a row per row of X, a column per column of W");
  const db = output(op, out.db, 1, W.cols, W, "one row with W's columns");
  const dW = distinct(op, output(op, out.dW, W.rows, W.cols, W, "the shape of W"), X, dy);
  const dX = out.dX === null ? null : distinct(op, output(op, out.dX, X.rows, X.cols, X, "the shape of X"), dy, W);
  affineGradients(X.engine, X.ptr, W.ptr, dy.ptr, dW.ptr, db.ptr, dX?.ptr ?? 0, X.rows, X.cols, W.cols); // Dense's, after f'
  return [dX, dW, db];
}

/** Row softmax with the max subtracted ("오버플로 대책"): finite for [1010, 1000, 990]. */
export const softmax = (x: Tensor, out?: Tensor): Tensor => act.softmax(x, out);
export const sigmoid = (x: Tensor, out?: Tensor): Tensor => act.sigmoid(x, out);
export const relu = (x: Tensor, out?: Tensor): Tensor => act.relu(x, out);
/** dz · σ'(a1), from z1 = σ(a1): (1 − z1) · z1 · dz. */
export const sigmoidGrad = (z1: Tensor, dz: Tensor, out?: Tensor): Tensor => act.sigmoidBackward(z1, dz, out);
/** dz where the ReLU's output is positive, else 0 (np.where(x > 0, dz, 0)). */
export const reluGrad = (z1: Tensor, dz: Tensor, out?: Tensor): Tensor => act.reluBackward(z1, dz, out);

/** Mean over rows of −log y[r, t_r]: t as integer labels (Indices) or one-hot rows (Tensor). */
export function crossEntropyError(y: Tensor, t: Tensor | Indices): number {
  return t instanceof Indices ? sparseCategoricalCrossEntropy(y, t) : categoricalCrossEntropy(y, t);
}

/** One-hot rows of integer labels (_change_one_hot_label). */
export function oneHot(labels: Indices | ArrayLike<number>, numCategory = 10, out?: Tensor): Tensor {
  if (labels instanceof Indices) return oneHotOp(labels, numCategory, out);
  return withScope(defaultEngine(), (s) => oneHotOp(s.track(Indices.from(labels)), numCategory, out)); // freed also when a label is refused
}

export interface Params {
  /** Views of the layers' weights (W1 is d × h, b1 is 1 × h, …), valid until disposeParams. */
  W1: Tensor;
  b1: Tensor;
  W2: Tensor;
  b2: Tensor;
  /** Hidden activation: sigmoid (cells 5–22) or relu (the 12-8 exercise). */
  activation: "sigmoid" | "relu";
  /** The network: Dense(h, activation) then Dense(c, softmax), the layers Sequential trains. */
  readonly layers: readonly [Dense, Dense];
}

/** W = weightInitStd · randn (from `rng`, W1 then W2), b = 0 (init_params). */
export function initParams(inputSize: number, hiddenSize: number, outputSize: number, rng: Rng, weightInitStd = 0.01,
  activation: Params["activation"] = "sigmoid"): Params {
  const e = rng.engine, normal = { name: "randomNormal", stddev: weightInitStd } as const;
  const layer = (name: string, units: number, inputDim: number, f: "sigmoid" | "relu" | "softmax") =>
    new Dense({ name, units, inputDim, activation: f, kernelInitializer: normal, biasInitializer: "zeros" });
  const layers = [layer("affine1", hiddenSize, inputSize, activation), layer("affine2", outputSize, hiddenSize, "softmax")] as const;
  layers[0].build(e, [inputSize], rng);
  layers[1].build(e, [hiddenSize], rng);
  // The tensors view the layers' weights; their owner stands for the layers' lifetime, so a
  // tensor used after disposeParams throws instead of reading freed memory.
  const lifetime = Tensor.zeros(1, 1, e), [w1, b1, w2, b2] = [...layers[0].params(), ...layers[1].params()];
  const view = (w: { value: number; shape: number[] }) =>
    new Tensor(e, w.value, w.shape.length > 1 ? w.shape[0] : 1, w.shape.at(-1)!, lifetime);
  return { W1: view(w1), b1: view(b1), W2: view(w2), b2: view(b2), activation, layers };
}

export function disposeParams(p: Params): void {
  p.W1.parent?.dispose(); // the views' owner: W1…b2 now throw when used
  for (const layer of p.layers) layer.dispose();
}

/**
 * What one step needs besides the layers (made once per training run, so a step allocates
 * nothing): the layers' buffers for `batch` rows, the loss (cross-entropy fused with the
 * softmax: dy = (y_hat − t) / batch_num) and plain SGD, W −= learning_rate · dW (update_params).
 */
export class StepWorkspace {
  private readonly net: Stack;
  private readonly optimizer = new SGD({ learningRate: 0.1 });
  private readonly targets: Targets = { ptr: 0, sparse: true };

  constructor(readonly batch: number, p: Params) {
    for (const layer of p.layers) layer.reserve(batch);
    this.optimizer.build(p.W1.engine, [...p.layers[0].params(), ...p.layers[1].params()], this);
    const loss = losses.sparseCategoricalCrossentropy;
    this.net = { layers: p.layers, loss, optimizer: this.optimizer, engine: p.W1.engine, outputUnits: p.W2.cols };
  }

  dispose(): void {
    this.optimizer.unbind();
  }

  /** @internal train_step on pointers (x: batch × d floats, y: batch labels), unchecked: trainStep checks per call, trainingCycle once. */
  step(x: number, y: number, p: Params, learningRate: number): number {
    if (p.layers[0] !== this.net.layers[0]) throw new ModelError("StepWorkspace.step: this workspace was made for other params");
    this.optimizer.learningRate = learningRate; // set, not constructed: the notebook takes any rate
    this.targets.ptr = y;
    return stackStep(this.net, x, this.targets, this.batch);
  }
}

/** Throw unless X (batch × d), labels Y (one per row, below the classes) and the params fit together. */
export function checkStep(op: string, X: Tensor, Y: Indices, p: Params, work?: StepWorkspace): void {
  if (work && work.batch !== X.rows) throw new ShapeError(`${op}: X has ${X.rows} rows `
    + `but the workspace was made for batches of ${work.batch}`);
  const [d, h, c] = [p.W1.rows, p.W1.cols, p.W2.cols];
  expectShape(op, "X", X, X.rows, d, "W1's rows are the inputs");
  expectShape(op, "W2", p.W2, h, c, "W1's columns are W2's rows");
  if (Y.length !== X.rows) throw new ShapeError(`${op}: X has ${X.rows} rows but Y has ${Y.length} labels`);
  Y.assertBelow(op, c, "the output layer (classes)");
}

/** Forward, loss, backward and W −= lr·dW for one minibatch (train_step); returns the loss. */
export function trainStep(X: Tensor, Y: Indices, params: Params, learningRate = 0.1, work?: StepWorkspace): number {
  checkStep("trainStep", X, Y, params, work);
  if (work) return work.step(X.ptr, Y.ptr, params, learningRate);
  return withScope(X.engine, (s) => s.track(new StepWorkspace(X.rows, params)).step(X.ptr, Y.ptr, params, learningRate));
}

/** y_hat = softmax(σ(X·W1 + b1)·W2 + b2), a new tensor the caller disposes. */
export function predict(params: Params, X: Tensor): Tensor {
  expectShape("predict", "X", X, X.rows, params.W1.rows, "W1's rows are the inputs");
  for (const layer of params.layers) layer.reserve(X.rows);
  const y = forward(params, X.ptr, X.rows, false) >>> 2;
  return Tensor.from(X.engine.heap.f32.subarray(y, y + X.rows * params.W2.cols), X.rows, params.W2.cols, X.engine);
}

/**
 * Rows per forward pass of accuracy() (the notebook scores whole sets at once; the count does not
 * depend on it): few enough that the chunk buffer stays small and Dense's sparse products apply.
 */
const ACCURACY_ROWS = 512;

/** Fraction of rows whose argmax of y_hat equals the label. */
export function accuracy(params: Params, x: Tensor, y: Indices): number {
  if (y.length !== x.rows) throw new ShapeError(`accuracy: x has ${x.rows} rows but y has ${y.length} labels`);
  expectShape("accuracy", "x", x, x.rows, params.W1.rows, "W1's rows are the inputs");
  const engine = x.engine, classes = params.W2.cols, rows = Math.min(ACCURACY_ROWS, x.rows);
  let correct = 0;
  for (const layer of params.layers) layer.reserve(rows);
  forChunks(engine, { ptr: x.ptr, rows: x.rows, cols: x.cols, bytes: false, scale: 1 }, ACCURACY_ROWS, (xb, _idx, start, count) => {
    const a = forward(params, xb, count, false);
    correct += countCorrectOn(engine, "sparseCategoricalCrossentropy", a, { ptr: y.ptr + start * 4, sparse: true }, count, classes);
  });
  return correct / Math.max(1, x.rows);
}
