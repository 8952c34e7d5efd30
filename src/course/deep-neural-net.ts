// Lesson 3 (seed 000): DeepNeuralNet, any number of layers from an architecture such as
// [2, 4, 2, 1], no bias terms (the lesson's point: depth alone), full-batch gradient descent.
// The course's layout is kept: samples are COLUMNS (X is features × samples, XOR is
// [[0, 0, 1, 1], [0, 1, 0, 1]]), W[l] is (units of layer l+1) × (units of layer l), uniform in
// [-1, 1), and a layer computes Z = W·A, A = g(Z). It trains on the engine: one Keras Dense per
// layer (no bias, activation g, its kernel Wᵀ: inputs × units, samples as rows), the loss
// halfSquaredError, and fit() runs the one training loop (batch order "whole") and step. The
// course's layout is a view made on demand, never per training step: W is the kernels
// transposed, forpass's A the layers' outputs transposed, Z = W·A (the product Dense computed
// before g: every element one in-order sum, so the same bits).
//
// Where we differ from the course's code, or choose:
//  - backprop: the course propagates the ERROR, E[i] = W[i+1]ᵀ · E[i+1], leaving out the
//    derivative of every layer above i, so it is not the gradient of ½Σ(Y − A)² (its steps are
//    larger, about 4× per sigmoid layer). That rule is the default, rule "course", because it is
//    what the lesson runs and plots (Dense's propagate: "error"); rule "gradient" propagates the
//    delta, E[i] = W[i+1]ᵀ·dZ[i+1]. Both update as the course does: W[i] += η · dZ[i] · A[i−1]ᵀ / m
//    (the loss writes E = Y − A, gradient scale −1, and SGD steps with the rate −η/m).
//  - fit stops with the loop's error when the cost stops being finite (the course runs on in NaN).
//  - relu: we follow the course's code, relu_d(0) = 0 (its slide says 1 at 0).
//  - predict/evaluate are empty in the course; an output above 0.5 is class 1 (more than one
//    output unit: the unit with the largest output), and evaluate is the fraction correct.
//  - No bias, so an all-zero input gives Z = 0 in every layer: with tanh (tanh 0 = 0) before a
//    sigmoid output, XOR's (0, 0) always scores exactly 0.5 in [2, 4, 1]; [2, 4, 2, 1] escapes.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { Rng } from "../core/random.js";
import { Tensor } from "../core/tensor.js";
import { withScope, type Scope } from "../core/scope.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { uploadInputs } from "../data/inputs.js";
import type { Targets } from "../losses/loss.js";
import { CallbackList } from "../models/callbacks.js";
import { trainSync } from "../models/loop.js";
import { backward, trainStep } from "../models/stack.js";
import { gemm, transpose } from "../ops/linear.js";
import { mse } from "../ops/losses.js";
import { argmaxRows } from "../ops/data.js";
import { DeepLayers } from "./deep-layers.js";

export type DeepActivation = "sigmoid" | "tanh" | "relu" | "identity";

export interface DeepNeuralNetOptions {
  /** "course" (default): E[i] = W[i+1]ᵀ·E[i+1], as the lesson's code; "gradient": E[i] = W[i+1]ᵀ·dZ[i+1]. */
  rule?: "course" | "gradient";
  engine?: Engine;
}

const ACTIVATIONS = ["sigmoid", "tanh", "relu", "identity"];

/** Matrix given as rows (the course's numpy layout), or a Tensor already in WASM. */
export type CourseMatrix = number[][] | Tensor;

export class DeepNeuralNet {
  /** sqrt(Σ (Y − A)²) after each epoch's forward pass, as the course records it (cost_). */
  cost: number[] = [];
  readonly g: DeepActivation[];
  readonly rule: "course" | "gradient";
  readonly engine: Engine;
  /** The Dense layers the engine trains, and the course's layout as views of them. */
  private readonly net: DeepLayers;
  private readonly targets: Targets = { ptr: 0, sparse: false };

  /**
   * `activations[l]` is the activation of layer l+1 (default sigmoid everywhere, as the course's
   * `activate` list [g, g_d, …] sets layers 1, 2, …); `eta` is the learning rate.
   */
  constructor(readonly netArch: number[], activations: DeepActivation[] = [], readonly eta = 1.0, readonly epochs = 100,
    readonly randomSeed = 1, options: DeepNeuralNetOptions = {}) {
    this.rule = options.rule ?? "course";
    this.engine = options.engine ?? defaultEngine();
    if (netArch.length < 2 || !netArch.every((n) => Number.isInteger(n) && n >= 1)) {
      throw new ModelError(`DeepNeuralNet: netArch must list at least two positive integers (input and output units), `
        + `got [${netArch.join(", ")}]`);
    }
    this.g = netArch.slice(1).map((_, l) => activations[l] ?? "sigmoid");
    const unknown = this.g.find((a) => !ACTIVATIONS.includes(a));
    if (unknown) throw new ModelError(`DeepNeuralNet: unknown activation '${unknown}'; use sigmoid, tanh, relu or identity`);
    const rng = new Rng(this.engine, randomSeed);
    this.net = new DeepLayers(this.engine, netArch, this.g, this.rule === "course" ? "error" : "gradient", rng);
    rng.dispose();
  }

  get layers(): number { return this.netArch.length; }

  /** W[l] maps layer l to layer l+1: shape netArch[l+1] × netArch[l] (the course's W[l+1]); a copy of the kernels
   * transposed, written back before the next forpass, backprop, fit or predict. */
  get W(): Tensor[] {
    return this.net.courseWeights(true);
  }

  /** Z[l] = W[l−1]·A[l−1], A[l] = g(Z[l]) for l ≥ 1, with A[0] = A0 (Z[0] is unused, as in the course). */
  forpass(A0: Tensor): [Tensor[], Tensor[]] {
    const net = this.net, w = net.workspace(this.checkInputs(A0)), W = net.courseWeights(false);
    transpose(A0, w.x);
    net.forward(w.x.ptr, w.m, w);
    w.A[0] = A0;
    for (let l = 1; l < this.layers; l++) {
      transpose(net.output(l - 1, w.m), w.A[l]); // A[l] = g(Z[l]), as the layer computed it
      gemm(W[l - 1], w.A[l - 1], w.Z[l]); // the layer's product before g, as the course keeps it
    }
    return [w.Z, w.A];
  }

  /** One gradient step from a forward pass; returns the error Y − A[last] (the course's return value). */
  backprop(Z: Tensor[], A: Tensor[], Y: Tensor): Tensor {
    const net = this.net, model = net.model, w = net.workspace(Y.cols), top = model.layers.length - 1, last = model.layers[top];
    if (Z !== w.Z || A !== w.A) throw new ModelError("DeepNeuralNet.backprop: pass the Z and A that forpass returned");
    net.weightsIn(); // as the course's backprop, it reads W as it is now
    if (net.ranOn !== w) net.forward(w.x.ptr, w.m, w); // the layers ran something else since forpass (predict)
    transpose(Y, w.y);
    this.targets.ptr = w.y.ptr;
    model.loss.gradient(this.engine, last.output, this.targets, last.outputGrad, w.m, model.outputUnits, last.activation.name);
    transpose(net.gradient(top, w.m), w.E); // E = Y − A, before the layer takes g' in place
    backward(model, w.x.ptr, w.m, false);
    model.optimizer.learningRate = -this.eta / w.m; // W += η · dZ·Aᵀ / m
    model.optimizer.step();
    return w.E;
  }

  /** Full-batch training for `epochs` epochs; X is features × samples, y one row per output unit. */
  fit(X: CourseMatrix, y: number[] | CourseMatrix): this {
    withScope(this.engine, (s) => {
      const x = this.upload(s, "X", X);
      const t = this.upload(s, "y", Array.isArray(y) && typeof y[0] === "number" ? [y as number[]] : (y as CourseMatrix));
      expectTargets(t, this.netArch[this.layers - 1], x.cols);
      const net = this.net, model = net.model, w = net.workspace(this.checkInputs(x));
      const out = net.output(model.layers.length - 1, w.m), a = w.A[this.layers - 1];
      transpose(x, w.x);
      transpose(t, w.y);
      net.weightsIn();
      model.optimizer.learningRate = -this.eta / w.m; // W += η · dZ·Aᵀ / m
      this.cost = [];
      trainSync({
        engine: this.engine, x: { ptr: w.x.ptr, rows: w.m, cols: w.x.cols, bytes: false, scale: 1 },
        y: { ptr: w.y.ptr, rows: w.m, sparse: false },
        units: w.y.cols, order: "whole", batchSize: w.m, epochs: this.epochs,
        step: (xb, yb, m) => {
          const loss = trainStep(model, xb, yb, m);
          transpose(out, a); // the output as the course holds it: its Σ error² runs in the course's order
          this.cost.push(Math.sqrt(mse(a, t) * t.size));
          return loss;
        },
        callbacks: new CallbackList(undefined), control: model,
        diverged: (what) => new ModelError(`DeepNeuralNet.fit: ${what}; lower eta`),
      });
      net.ranOn = w; // the layers hold the last epoch's forward pass of X (before its update), as forpass's buffers would
    });
    return this;
  }

  /** Class per sample (columns of X): 1 where the output is above 0.5, or the argmax unit when there are several. */
  predict(X: CourseMatrix): number[] {
    return withScope(this.engine, (s) => {
      const X0 = this.upload(s, "X", X), m = this.checkInputs(X0), x = s.track(transpose(X0));
      this.net.forward(x.ptr, m);
      const out = this.net.output(this.layers - 2, m);
      if (out.cols === 1) return Array.from(out.data, (v) => (v > 0.5 ? 1 : 0));
      return s.track(argmaxRows(out)).toArray();
    });
  }

  /** Fraction of samples predicted right (labels 0/1, or class indices with several output units). */
  evaluate(Xtest: CourseMatrix, ytest: number[]): number {
    const p = this.predict(Xtest);
    if (ytest.length !== p.length) throw new ShapeError(`DeepNeuralNet.evaluate: Xtest has ${p.length} samples (columns) `
      + `but ytest has ${ytest.length} labels`);
    return p.filter((c, i) => c === ytest[i]).length / Math.max(1, p.length);
  }

  /** Free the weights and buffers in WASM memory. */
  dispose(): void {
    this.net.dispose();
  }

  private checkInputs(A0: Tensor): number {
    if (A0.rows !== this.netArch[0]) {
      throw new ShapeError(`DeepNeuralNet([${this.netArch.join(", ")}]): X has ${A0.rows} rows, expected ${this.netArch[0]}; `
        + `X is features × samples, as in the course (transpose rows of samples)`);
    }
    return A0.cols;
  }

  /** X as a Tensor: the caller's own, or a copy that `scope` frees. */
  private upload(scope: Scope, what: string, X: CourseMatrix): Tensor {
    if (X instanceof Tensor) return X;
    const cols = X[0]?.length ?? 0;
    if (X.some((row) => row.length !== cols)) throw new ShapeError(`DeepNeuralNet: ${what} has rows of different lengths`);
    const d = uploadInputs(this.engine, `DeepNeuralNet: ${what}`, X, cols); // refuses non-numbers and NaN by row and column
    return scope.track(new Tensor(this.engine, d.ptr, d.rows, d.cols));
  }

}

function expectTargets(t: Tensor, units: number, samples: number): void {
  if (t.rows !== units || t.cols !== samples) {
    throw new ShapeError(`DeepNeuralNet.fit: y is ${t.rows}×${t.cols}, expected ${units}×${samples} `
      + `(one row per output unit, one column per sample of X)`);
  }
}
