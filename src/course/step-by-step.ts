// Lesson 7 (seed 003, "딥러닝 들여다보기"): the two-layer network written out step by step, as
// functions on Tensors. Every number is computed by the WASM kernels through src/ops.
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
import { ShapeError } from "../core/errors.js";
import { engine as defaultEngine } from "../core/engine.js";
import { withScope } from "../core/scope.js";
import type { Rng } from "../core/random.js";
import { Tensor } from "../core/tensor.js";
import { Indices } from "../ops/indices.js";
import * as act from "../ops/activations.js";
import { addRowVector, gemm, gemmNT, gemmTN, sumColumns } from "../ops/linear.js";
import { categoricalCrossEntropy, softmaxSparseCrossEntropyBackward, sparseCategoricalCrossEntropy } from "../ops/losses.js";
import { countCorrectSparse, oneHot as oneHotOp } from "../ops/data.js";
import { expectShape, sameShape } from "../ops/shape.js";

/** What affineForward keeps for the backward pass: (X, W, b). */
export interface AffineCache {
  X: Tensor;
  W: Tensor;
  b: Tensor;
}

/** y = X·W + b (written into `out` if given); returns [y, cache] like affine_layer_forward. */
export function affineForward(X: Tensor, W: Tensor, b: Tensor, out?: Tensor): [Tensor, AffineCache] {
  const y = gemm(X, W, out);
  return [addRowVector(y, b, y), { X, W, b }];
}

/** Output tensors for affineBackward; dX null skips it (the first layer's dX is never used). */
export interface AffineGrads {
  dX?: Tensor | null;
  dW?: Tensor;
  db?: Tensor;
}

/** dX = dy·Wᵀ, dW = Xᵀ·dy, db = Σ_rows dy (affine_layer_backward). */
export function affineBackward(dy: Tensor, cache: AffineCache, out: AffineGrads = {}): [Tensor | null, Tensor, Tensor] {
  const dX = out.dX === null ? null : gemmNT(dy, cache.W, out.dX);
  return [dX, gemmTN(cache.X, dy, out.dW), sumColumns(dy, out.db)];
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
  W1: Tensor;
  b1: Tensor;
  W2: Tensor;
  b2: Tensor;
  /** Hidden activation: sigmoid (cells 5–22) or relu (the 12-8 exercise). */
  activation: "sigmoid" | "relu";
}

/** W = weightInitStd · randn (from `rng`), b = 0 (init_params). */
export function initParams(inputSize: number, hiddenSize: number, outputSize: number, rng: Rng, weightInitStd = 0.01, activation: Params["activation"] = "sigmoid"): Params {
  const e = rng.engine, W1 = Tensor.zeros(inputSize, hiddenSize, e), W2 = Tensor.zeros(hiddenSize, outputSize, e);
  rng.normal(W1.ptr, W1.size, 0, weightInitStd);
  rng.normal(W2.ptr, W2.size, 0, weightInitStd);
  return { W1, b1: Tensor.zeros(1, hiddenSize, e), W2, b2: Tensor.zeros(1, outputSize, e), activation };
}

export function disposeParams(p: Params): void {
  for (const t of [p.W1, p.b1, p.W2, p.b2]) t.dispose();
}

/** Buffers for one minibatch size, made once per training run (a step allocates nothing). */
export class StepWorkspace {
  readonly a1: Tensor; readonly z1: Tensor; readonly a2: Tensor; readonly yHat: Tensor; readonly dy: Tensor;
  readonly dz1: Tensor; readonly da1: Tensor; readonly dW1: Tensor; readonly db1: Tensor; readonly dW2: Tensor; readonly db2: Tensor;

  constructor(readonly batch: number, p: Params) {
    const z = (r: number, c: number) => Tensor.zeros(r, c, p.W1.engine);
    const [d, h, k] = [p.W1.rows, p.W1.cols, p.W2.cols];
    [this.a1, this.z1, this.dz1, this.da1] = [z(batch, h), z(batch, h), z(batch, h), z(batch, h)];
    [this.a2, this.yHat, this.dy] = [z(batch, k), z(batch, k), z(batch, k)];
    [this.dW1, this.db1, this.dW2, this.db2] = [z(d, h), z(1, h), z(h, k), z(1, k)];
  }

  dispose(): void {
    for (const t of Object.values(this)) if (t instanceof Tensor) t.dispose();
  }

  /**
   * @internal train_step on pointers (x: batch × d floats, y: batch labels), every kernel called on
   * this workspace's buffers with nothing checked: trainStep checks per call, trainingCycle once.
   */
  step(x: number, y: number, p: Params, learningRate: number): number {
    const k = p.W1.engine.k, m = this.batch, [d, h, c] = [p.W1.rows, p.W1.cols, p.W2.cols], relu1 = p.activation === "relu";
    k.gemm(x, p.W1.ptr, this.a1.ptr, m, d, h, 0); // a1 = X·W1 + b1
    k.addRowVector(this.a1.ptr, p.b1.ptr, this.a1.ptr, m, h);
    k[relu1 ? "relu" : "sigmoid"](this.a1.ptr, this.z1.ptr, m * h);
    k.gemm(this.z1.ptr, p.W2.ptr, this.a2.ptr, m, h, c, 0); // a2 = z1·W2 + b2
    k.addRowVector(this.a2.ptr, p.b2.ptr, this.a2.ptr, m, c);
    k.softmax(this.a2.ptr, this.yHat.ptr, m, c);
    const loss = k.softmaxSparseCrossEntropyBackward(this.yHat.ptr, y, this.dy.ptr, m, c); // dy = (y_hat − t) / batch_num
    k.gemmNT(this.dy.ptr, p.W2.ptr, this.dz1.ptr, m, c, h, 0); // dz1 = dy·W2ᵀ
    k.gemmTN(this.z1.ptr, this.dy.ptr, this.dW2.ptr, h, m, c, 0); // dW2 = z1ᵀ·dy
    k.sumColumns(this.dy.ptr, this.db2.ptr, m, c, 0);
    k[relu1 ? "reluBackward" : "sigmoidBackward"](this.z1.ptr, this.dz1.ptr, this.da1.ptr, m * h);
    k.gemmTN(x, this.da1.ptr, this.dW1.ptr, d, m, h, 0); // dW1 = Xᵀ·da1
    k.sumColumns(this.da1.ptr, this.db1.ptr, m, h, 0); // db1 = Σ da1, not Σ dz1
    k.sgdStep(p.W1.ptr, this.dW1.ptr, p.W1.size, learningRate); // update_params: W = W − learning_rate · dW
    k.sgdStep(p.b1.ptr, this.db1.ptr, p.b1.size, learningRate);
    k.sgdStep(p.W2.ptr, this.dW2.ptr, p.W2.size, learningRate);
    k.sgdStep(p.b2.ptr, this.db2.ptr, p.b2.size, learningRate);
    return loss;
  }
}

/** Throw unless X (batch × d), labels Y (one per row, below the classes) and the params fit together. */
export function checkStep(op: string, X: Tensor, Y: Indices, p: Params, work?: StepWorkspace): void {
  if (work && work.batch !== X.rows) throw new ShapeError(`${op}: X has ${X.rows} rows but the workspace was made for batches of ${work.batch}`);
  const [d, h, c] = [p.W1.rows, p.W1.cols, p.W2.cols];
  expectShape(op, "X", X, X.rows, d, "W1's rows are the inputs");
  expectShape(op, "b1", p.b1, 1, h, "one row with W1's columns");
  expectShape(op, "W2", p.W2, h, c, "W1's columns are W2's rows");
  expectShape(op, "b2", p.b2, 1, c, "one row with W2's columns");
  if (Y.length !== X.rows) throw new ShapeError(`${op}: X has ${X.rows} rows but Y has ${Y.length} labels`);
  Y.assertBelow(op, c, "the output layer (classes)");
  if (work) sameShape(op, "W1", p.W1, "the workspace's dW1", work.dW1);
  if (work) sameShape(op, "W2", p.W2, "the workspace's dW2", work.dW2);
}

/** Forward, loss, backward and W −= lr·dW for one minibatch (train_step); returns the loss. */
export function trainStep(X: Tensor, Y: Indices, params: Params, learningRate = 0.1, work?: StepWorkspace): number {
  checkStep("trainStep", X, Y, params, work);
  if (work) return work.step(X.ptr, Y.ptr, params, learningRate);
  return withScope(X.engine, (s) => s.track(new StepWorkspace(X.rows, params)).step(X.ptr, Y.ptr, params, learningRate));
}

/** y_hat = softmax(σ(X·W1 + b1)·W2 + b2), a new tensor the caller disposes. */
export function predict(params: Params, X: Tensor): Tensor {
  const [a1] = affineForward(X, params.W1, params.b1);
  (params.activation === "relu" ? relu : sigmoid)(a1, a1);
  const [a2] = affineForward(a1, params.W2, params.b2);
  a1.dispose();
  return softmax(a2, a2);
}

/** Fraction of rows whose argmax of y_hat equals the label, computed 10,000 rows at a time. */
export function accuracy(params: Params, x: Tensor, y: Indices): number {
  if (y.length !== x.rows) throw new ShapeError(`accuracy: x has ${x.rows} rows but y has ${y.length} labels`);
  let correct = 0;
  for (let r = 0; r < x.rows; r += 10_000) {
    const n = Math.min(10_000, x.rows - r);
    const yHat = predict(params, x.view(r, n)); // x[r:r+n], sharing x's memory
    correct += countCorrectSparse(yHat, y.view(r, n));
    yHat.dispose();
  }
  return correct / Math.max(1, x.rows);
}
