// Lesson 9 (Saito ch. 4.5 and 5.7): the book's TwoLayerNet, input → affine → sigmoid → affine →
// softmax with cross-entropy, as an adapter on two engine Dense layers (initParams of lesson 7:
// W = weightInitStd·randn from our generator, b = 0). gradient() is backprop through the layers'
// own backward passes (the pieces of src/models/stack.ts's trainStep, without the update);
// numericalGradient() differences loss() over every weight. Both return {W1, b1, W2, b2}.
// Where we differ from the book: the numbers are float32 (the engine's), so the two gradients
// agree to ~1e-4 of the loss's rounding, not the book's ~1e-10 of float64 (lesson 9 prints both).
import { ShapeError } from "../core/errors.js";
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { Rng } from "../core/random.js";
import { Tensor } from "../core/tensor.js";
import { Indices } from "../ops/indices.js";
import { losses } from "../losses/losses.js";
import type { Loss, Targets } from "../losses/loss.js";
import { backward, forward } from "../models/stack.js";
import { accuracy as accuracyOf, disposeParams, initParams, predict as predictOf, type Params } from "./step-by-step.js";
import { numericalGradient } from "./numerical-gradient.js";

/** The book's parameter names: W1 (input × hidden), b1 (1 × hidden), W2 (hidden × output), b2 (1 × output). */
export type TwoLayerParams<T> = { W1: T; b1: T; W2: T; b2: T };
const KEYS = ["W1", "b1", "W2", "b2"] as const;

/** Saito's TwoLayerNet(input_size, hidden_size, output_size, weight_init_std): sigmoid hidden layer, softmax output. */
export class TwoLayerNet {
  /** Views of the layers' weights, updated in place by an optimizer (valid until dispose). */
  readonly params: TwoLayerParams<Tensor>;
  private readonly p: Params;
  private readonly grads: TwoLayerParams<Tensor>;
  private readonly engine: Engine;
  /** The targets the loss reads, reused by every call (a gradient() allocates nothing). */
  private readonly targets: Targets = { ptr: 0, sparse: true };

  constructor(
    inputSize: number, hiddenSize: number, outputSize: number, weightInitStd = 0.01, seed = 42, engine: Engine = defaultEngine(),
  ) {
    const rng = new Rng(engine, seed);
    try {
      this.p = initParams(inputSize, hiddenSize, outputSize, rng, weightInitStd, "sigmoid");
    } finally {
      rng.dispose();
    }
    this.engine = engine;
    const { W1, b1, W2, b2 } = this.p;
    this.params = { W1, b1, W2, b2 };
    // The gradient buffers the layers' backward passes write, viewed under the same names.
    const owner = W1.parent as Tensor, grad = [...this.p.layers[0].params(), ...this.p.layers[1].params()].map((q) => q.grad);
    const view = (i: number, like: Tensor) => new Tensor(engine, grad[i], like.rows, like.cols, owner);
    this.grads = { W1: view(0, W1), b1: view(1, b1), W2: view(2, W2), b2: view(3, b2) };
  }

  /** The output of the softmax for each row of x (a new tensor the caller disposes). */
  predict(x: Tensor): Tensor {
    return predictOf(this.p, x);
  }

  /** Mean cross-entropy of softmax(x) against t: integer labels (Indices) or one-hot rows (Tensor). */
  loss(x: Tensor, t: Indices | Tensor): number {
    const a = this.forward(x, t);
    return this.lossFor(t).value(this.engine, a, this.targets, x.rows, this.p.W2.cols, "softmax");
  }

  /** Fraction of rows whose largest output is the label (t as integer labels). */
  accuracy(x: Tensor, t: Indices): number {
    return accuracyOf(this.p, x, t);
  }

  /** ∂loss/∂W by backprop (the book's gradient): views of the layers' gradient buffers, rewritten by the next call. */
  gradient(x: Tensor, t: Indices | Tensor): TwoLayerParams<Tensor> {
    const a = this.forward(x, t), loss = this.lossFor(t), last = this.p.layers[1];
    loss.gradient(this.engine, a, this.targets, last.outputGrad, x.rows, this.p.W2.cols, "softmax");
    backward(this.p, x.ptr, x.rows, loss.fusesWith("softmax"));
    return this.grads;
  }

  /** ∂loss/∂W by central differences over every weight (the book's numerical_gradient; slow: two passes per weight). */
  numericalGradient(x: Tensor, t: Indices | Tensor): TwoLayerParams<Float64Array> {
    const f = () => this.loss(x, t);
    const [W1, b1, W2, b2] = KEYS.map((key) => numericalGradient(f, this.params[key]));
    return { W1, b1, W2, b2 };
  }

  dispose(): void {
    disposeParams(this.p);
  }

  private forward(x: Tensor, t: Indices | Tensor): number {
    const [d, c] = [this.p.W1.rows, this.p.W2.cols];
    if (x.cols !== d) {
      throw new ShapeError(`TwoLayerNet: x has ${x.cols} columns but the net takes ${d} inputs; give one row of ${d} values per example`);
    }
    if (t instanceof Indices) {
      if (t.length !== x.rows) throw new ShapeError(`TwoLayerNet: x has ${x.rows} rows but t has ${t.length} labels`);
      t.assertBelow("TwoLayerNet", c, "the output layer (classes)");
    } else if (t.rows !== x.rows || t.cols !== c) {
      throw new ShapeError(`TwoLayerNet: t is ${t.rows} × ${t.cols} but must be one one-hot row of ${c} per row of x `
        + `(${x.rows} × ${c}), or integer labels`);
    }
    for (const layer of this.p.layers) layer.reserve(x.rows);
    return forward(this.p, x.ptr, x.rows, true);
  }

  /** The loss for t's kind (labels or one-hot rows), with this.targets pointed at t. */
  private lossFor(t: Indices | Tensor): Loss {
    const sparse = t instanceof Indices;
    this.targets.ptr = t.ptr;
    this.targets.sparse = sparse;
    return sparse ? losses.sparseCategoricalCrossentropy : losses.categoricalCrossentropy;
  }
}
