// Lesson 3 (seed 000): DeepNeuralNet, any number of layers from an architecture such as
// [2, 4, 2, 1], no bias terms (the lesson's point: depth alone), full-batch gradient descent.
// The course's layout is kept: samples are COLUMNS (X is features × samples, XOR is
// [[0, 0, 1, 1], [0, 1, 0, 1]]), W[l] is (units of layer l+1) × (units of layer l), uniform in
// [-1, 1), and a layer computes Z = W·A, A = g(Z). Every number is computed by the WASM kernels
// through src/ops; this class only holds the tensors and the order of the calls.
//
// Where we differ from the course's code, or choose:
//  - backprop: the course propagates the ERROR, E[i] = W[i+1]ᵀ · E[i+1], leaving out the
//    derivative of every layer above i, so it is not the gradient of ½Σ(Y − A)² (its steps are
//    larger, about 4× per sigmoid layer). That rule is the default, rule "course", because it is
//    what the lesson runs and plots; rule "gradient" propagates the delta, E[i] = W[i+1]ᵀ·dZ[i+1].
//    Both update as the course does: W[i] += η · dZ[i] · A[i−1]ᵀ / m.
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
import * as ops from "../ops/activations.js";
import { gemm, gemmNT, gemmTN, transpose } from "../ops/linear.js";
import { mse, mseBackward } from "../ops/losses.js";
import { argmaxRows } from "../ops/data.js";
import { SGD } from "../optimizers.js";

export type DeepActivation = "sigmoid" | "tanh" | "relu" | "identity";

export interface DeepNeuralNetOptions {
  /** "course" (default): E[i] = W[i+1]ᵀ·E[i+1], as the lesson's code; "gradient": E[i] = W[i+1]ᵀ·dZ[i+1]. */
  rule?: "course" | "gradient";
  engine?: Engine;
}

const activationPairs = {
  sigmoid: [ops.sigmoid, ops.sigmoidBackward],
  tanh: [ops.tanh, ops.tanhBackward],
  relu: [ops.relu, ops.reluBackward],
  identity: [ops.identity, ops.identityBackward],
} as const;

/** Per-batch-size buffers: Z, A, E (error), dZ per layer and one dW per weight matrix. */
interface Workspace { m: number; Z: Tensor[]; A: Tensor[]; E: Tensor[]; dZ: Tensor[] }

/** Matrix given as rows (the course's numpy layout), or a Tensor already in WASM. */
export type CourseMatrix = number[][] | Tensor;

export class DeepNeuralNet {
  /** W[l] maps layer l to layer l+1: shape netArch[l+1] × netArch[l] (the course's W[l+1]). */
  readonly W: Tensor[];
  /** sqrt(Σ (Y − A)²) after each epoch's forward pass, as the course records it (cost_). */
  cost: number[] = [];
  readonly g: DeepActivation[];
  private readonly dW: Tensor[];
  /** Steps every W from its dW, all layers at once (the course's per-layer updates read no other W). */
  private readonly sgd = new SGD();
  private work: Workspace | undefined;
  readonly rule: "course" | "gradient";
  readonly engine: Engine;

  /**
   * `activations[l]` is the activation of layer l+1 (default sigmoid everywhere, as the course's
   * `activate` list [g, g_d, …] sets layers 1, 2, …); `eta` is the learning rate.
   */
  constructor(readonly netArch: number[], activations: DeepActivation[] = [], readonly eta = 1.0, readonly epochs = 100, readonly randomSeed = 1, options: DeepNeuralNetOptions = {}) {
    this.rule = options.rule ?? "course";
    this.engine = options.engine ?? defaultEngine();
    if (netArch.length < 2 || !netArch.every((n) => Number.isInteger(n) && n >= 1)) {
      throw new ModelError(`DeepNeuralNet: netArch must list at least two positive integers (input and output units), got [${netArch.join(", ")}]`);
    }
    this.g = netArch.slice(1).map((_, l) => activations[l] ?? "sigmoid");
    const unknown = this.g.find((a) => !(a in activationPairs));
    if (unknown) throw new ModelError(`DeepNeuralNet: unknown activation '${unknown}'; use sigmoid, tanh, relu or identity`);
    const rng = new Rng(this.engine, randomSeed);
    this.W = netArch.slice(1).map((n, l) => Tensor.zeros(n, netArch[l], this.engine));
    for (const w of this.W) rng.uniform(w.ptr, w.size, -1, 1); // 2·rand − 1, layer by layer
    rng.dispose();
    this.dW = this.W.map((w) => Tensor.zeros(w.rows, w.cols, this.engine));
    this.sgd.build(this.engine, this.W.map((w, l) => ({ name: `W${l + 1}`, value: w.ptr, grad: this.dW[l].ptr, shape: [w.rows, w.cols], size: w.size })), this);
  }

  get layers(): number {
    return this.netArch.length;
  }

  /** Z[l] = W[l−1]·A[l−1], A[l] = g(Z[l]) for l ≥ 1, with A[0] = A0 (Z[0] is unused, as in the course). */
  forpass(A0: Tensor): [Tensor[], Tensor[]] {
    const w = this.workspace(this.checkInputs(A0));
    w.A[0] = A0;
    for (let l = 1; l < this.layers; l++) {
      gemm(this.W[l - 1], w.A[l - 1], w.Z[l]);
      activationPairs[this.g[l - 1]][0](w.Z[l], w.A[l]);
    }
    return [w.Z, w.A];
  }

  /** One gradient step from a forward pass; returns the error Y − A[last] (the course's return value). */
  backprop(Z: Tensor[], A: Tensor[], Y: Tensor): Tensor {
    const w = this.workspace(Y.cols), last = this.layers - 1;
    if (Z !== w.Z || A !== w.A) throw new ModelError("DeepNeuralNet.backprop: pass the Z and A that forpass returned");
    mseBackward(A[last], Y, w.E[last], -1); // E = −1 · (A − Y) = Y − A
    for (let l = last; l >= 1; l--) {
      if (l < last) gemmTN(this.W[l], this.rule === "course" ? w.E[l + 1] : w.dZ[l + 1], w.E[l]);
      activationPairs[this.g[l - 1]][1](A[l], w.E[l], w.dZ[l]);
    }
    for (let l = last; l >= 1; l--) gemmNT(w.dZ[l], A[l - 1], this.dW[l - 1]);
    // W += η · dZ·Aᵀ / m: SGD subtracts rate · dW, hence the negated rate (set, as no optimizer is built with one).
    this.sgd.learningRate = -this.eta / w.m;
    this.sgd.step();
    return w.E[last];
  }

  /** Full-batch training for `epochs` epochs; X is features × samples, y one row per output unit. */
  fit(X: CourseMatrix, y: number[] | CourseMatrix): this {
    withScope(this.engine, (s) => {
      const x = this.upload(s, "X", X);
      const t = this.upload(s, "y", Array.isArray(y) && typeof y[0] === "number" ? [y as number[]] : (y as CourseMatrix));
      expectTargets(t, this.netArch[this.layers - 1], x.cols);
      this.cost = [];
      for (let epoch = 0; epoch < this.epochs; epoch++) {
        const [Z, A] = this.forpass(x);
        this.backprop(Z, A, t);
        this.cost.push(Math.sqrt(mse(A[this.layers - 1], t) * t.size)); // sqrt(Σ error²)
      }
    });
    return this;
  }

  /** Class per sample (columns of X): 1 where the output is above 0.5, or the argmax unit when there are several. */
  predict(X: CourseMatrix): number[] {
    return withScope(this.engine, (s) => {
      const out = this.forpass(this.upload(s, "X", X))[1][this.layers - 1];
      if (out.rows === 1) return Array.from(out.data, (v) => (v > 0.5 ? 1 : 0));
      return s.track(argmaxRows(s.track(transpose(out)))).toArray();
    });
  }

  /** Fraction of samples predicted right (labels 0/1, or class indices with several output units). */
  evaluate(Xtest: CourseMatrix, ytest: number[]): number {
    const p = this.predict(Xtest);
    if (ytest.length !== p.length) throw new ShapeError(`DeepNeuralNet.evaluate: Xtest has ${p.length} samples (columns) but ytest has ${ytest.length} labels`);
    return p.filter((c, i) => c === ytest[i]).length / Math.max(1, p.length);
  }

  /** Free the weights and buffers in WASM memory. */
  dispose(): void {
    this.freeWork();
    this.sgd.unbind();
    for (const t of [...this.W, ...this.dW]) t.dispose();
  }

  private checkInputs(A0: Tensor): number {
    if (A0.rows !== this.netArch[0]) {
      throw new ShapeError(`DeepNeuralNet([${this.netArch.join(", ")}]): X has ${A0.rows} rows, expected ${this.netArch[0]}; X is features × samples, as in the course (transpose rows of samples)`);
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

  /** Buffers for m samples, made once and kept while m stays the same (no allocation per epoch). */
  private workspace(m: number): Workspace {
    if (this.work?.m === m) return this.work;
    this.freeWork();
    const unused = Tensor.zeros(1, 1, this.engine); // index 0: the input layer has no Z, E or dZ
    const make = () => [unused, ...this.netArch.slice(1).map((n) => Tensor.zeros(n, m, this.engine))];
    this.work = { m, Z: make(), A: make(), E: make(), dZ: make() };
    return this.work;
  }

  private freeWork(): void {
    if (!this.work) return;
    const { Z, A, E, dZ } = this.work;
    for (const t of [Z[0], ...Z.slice(1), ...A.slice(1), ...E.slice(1), ...dZ.slice(1)]) t.dispose();
    this.work = undefined;
  }
}

function expectTargets(t: Tensor, units: number, samples: number): void {
  if (t.rows !== units || t.cols !== samples) {
    throw new ShapeError(`DeepNeuralNet.fit: y is ${t.rows}×${t.cols}, expected ${units}×${samples} (one row per output unit, one column per sample of X)`);
  }
}
