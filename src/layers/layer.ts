// The layer protocol: the one class every layer extends, and all that Sequential, the training
// loop (src/models/loop.ts), evaluate/predict, the divergence snapshot and save/load use of a
// layer. Data is a pointer to `rows` samples, row-major f32, each of the per-sample shape
// (`[features]` today, `[height, width, channels]` for images); a layer owns its output and the
// buffer the layer after it (or the loss) writes dL/d(output) into, reserved for up to `rows` rows.
// How the next layers fit it, with no change to the loop, inference, snapshot, save/load or threads:
//  - Flatten / Reshape: computeOutputShape rearranges the dims; no weights; forward returns x
//    itself (the bytes are already in order: override reserve to keep only outputGrad); backward
//    copies outputGrad into dx.
//  - Dropout (layers/dropout.ts): forward(training) multiplies by a mask drawn from its own generator
//    (its seed, or one read from the model's at build) and keeps it; backward multiplies outputGrad by it.
//  - BatchNormalization (batch-normalization.ts): gamma and beta in params(); moving mean and variance in state(), which
//    getWeights/setWeights, save/load and the snapshot cover; forward(training) picks batch or
//    moving statistics and updates the moving ones.
//  - Conv2D / pooling: shapes [h, w, c]; their weights in params(), their kernels behind forward/backward.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError } from "../core/errors.js";
import { getActivation, type Activation } from "./activations.js";

/** A per-sample shape: the batch dimension is left out (Keras' [null, ...] without the null). */
export type Shape = readonly number[];

/** Values per sample of `shape`. */
export const sizeOf = (shape: Shape): number => shape.reduce((n, d) => n * d, 1);

/** A weight buffer of `size` floats in WASM memory, named as TF.js names it (`dense_1/kernel`). */
export interface Weight {
  readonly name: string;
  readonly value: number;
  readonly shape: number[];
  readonly size: number;
}

/** A trainable weight and its gradient buffer. */
export interface Param extends Weight {
  readonly grad: number;
}

const LINEAR = getActivation("linear");

/** The layer protocol (Keras' Layer). A custom layer extends it; y = x·W (all of it: examples/custom-layer.ts):
 *   class NoBiasDense extends Layer { readonly className = "NoBiasDense"; computeOutputShape() { return [this.units]; }
 *     protected override buildWeights(e: Engine, rng: Rng) { this.w = this.allocate(n); rng.uniform(this.w, n, -0.5, 0.5); … }
 *     forward(x, rows) { this.live().k.gemm(x, this.w, this.y, rows, this.inputSize, this.units, 0); return this.y; }
 *     backward(x, rows, dx) { …gemmTN into dW, gemmNT into dx unless 0… } override params() { … } getConfig() { … } }
 */
export abstract class Layer {
  /** The class name TF.js writes in model.json (the save/load registry's key). */
  abstract readonly className: string;
  readonly name: string;
  /** The per-sample input shape the user declared (inputShape); the first layer of a model needs one. */
  readonly declaredInputShape?: Shape;
  /** The activation forward() ends with: the loss may fuse its derivative into dL/dz. */
  readonly activation: Activation = LINEAR;
  /** @internal The model this layer was added to: a layer belongs to one model. */
  owner?: { readonly name: string };
  /** Per-sample shapes, set by build(). */
  inputShape: Shape = [];
  outputShape: Shape = [];
  protected engine?: Engine;
  /** This layer's output, and dL/d(output) written by the layer after it or the loss. */
  protected y = 0;
  protected dy = 0;
  private rowsReserved = 0;
  /** Weight buffers from allocate(), freed by dispose(). */
  private owned: number[] = [];

  protected constructor(name: string, declaredInputShape?: Shape) {
    this.name = name;
    this.declaredInputShape = declaredInputShape;
  }

  /** The per-sample output shape for `inputShape`; a ShapeError when this layer cannot take it. */
  abstract computeOutputShape(inputShape: Shape): Shape;

  /** Floats params() and state() will hold for `inputShape` (memory checks read them before anything is built). */
  paramCount(_inputShape: Shape): number {
    return 0;
  }
  stateCount(_inputShape: Shape): number {
    return 0;
  }

  get built(): boolean { return this.engine !== undefined; }

  /** Take `inputShape` and make the weights from the seeded initialisers (`rng`, the model's). */
  build(engine: Engine, inputShape: Shape, rng: Rng): void {
    if (this.engine) throw new ModelError(`${this.name} is already built; building it again would orphan its weights. `
      + `Create a new ${this.className} for each model`);
    this.outputShape = this.computeOutputShape(inputShape);
    this.inputShape = inputShape;
    this.engine = engine;
    try {
      this.buildWeights(engine, rng);
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  /** Allocate (with allocate()) and initialise the weights; none by default. */
  protected buildWeights(_engine: Engine, _rng: Rng): void {}

  /** `floats` floats that live until dispose(), zeroed when `zero`. */
  protected allocate(floats: number, zero = false): number {
    const heap = this.live().heap, ptr = zero ? heap.calloc(floats * 4) : heap.alloc(floats * 4);
    this.owned.push(ptr);
    return ptr;
  }

  /** Size the per-batch buffers for up to `rows` rows (allocated once, reused every step). */
  reserve(rows: number): void {
    if (rows <= this.rowsReserved) return;
    const heap = this.live().heap, n = rows * sizeOf(this.outputShape) * 4;
    this.releaseBatch();
    this.y = heap.alloc(n);
    this.dy = heap.alloc(n);
    this.rowsReserved = rows;
    this.reserveMore(rows);
  }

  /** Extra per-batch buffers of a layer (freed in releaseBatch); none by default. */
  protected reserveMore(_rows: number): void {}

  /** Bytes reserve(rows) allocates for `inputShape` (memory checks read it before growing anything). */
  batchBytes(rows: number, inputShape: Shape): number {
    return 2 * rows * sizeOf(this.computeOutputShape(inputShape)) * 4;
  }

  /** @internal Rows the per-batch buffers hold. */
  get rowsHeld(): number { return this.rowsReserved; }

  /** Pointer of the last forward's output. */
  get output(): number { return this.y; }

  /** Pointer of the buffer that receives dL/d(output) before backward(). */
  get outputGrad(): number { return this.dy; }

  /** Values per input sample. */
  get inputSize(): number { return sizeOf(this.inputShape); }

  /** Forward `rows` samples at `x` (training: Dropout and BatchNormalization act differently); returns `output`. */
  abstract forward(x: number, rows: number, training: boolean): number;

  /**
   * Backward from outputGrad for the `rows` samples last forwarded from `x`: write the parameter
   * gradients and, when `dx` ≠ 0, dL/dx there (the first layer passes 0). `fused`: the loss has
   * already taken outputGrad through this layer's activation (it holds dL/dz, not dL/da).
   */
  abstract backward(x: number, rows: number, dx: number, fused: boolean): void;

  /** The trainable weights with their gradients, in TF.js order (kernel, then bias). */
  params(): Param[] {
    return [];
  }

  /** The non-trainable weights (BatchNormalization's moving mean and variance); none by default. */
  state(): Weight[] {
    return [];
  }

  /** Every weight, trainable first, as TF.js' layer.weights lists them (a model lists all layers' params(), then all state()). */
  weights(): Weight[] {
    return [...this.params(), ...this.state()];
  }

  /** The regularisation term this layer adds to the loss. */
  penalty(): number {
    return 0;
  }

  /** TF.js' getConfig(): camelCase keys, initializers as their specs; io/topology.ts writes it as model.json does. */
  abstract getConfig(): Record<string, unknown>;

  /** Free every buffer; the layer cannot be used afterwards (and keeps its owner, as in TF.js). */
  dispose(): void {
    if (!this.engine) return;
    const heap = this.engine.heap;
    this.releaseBatch();
    for (const p of this.owned) heap.release(p);
    this.owned = [];
    this.engine = undefined;
  }

  /** Free the per-batch buffers (reserve() and dispose() call it); a layer with more extends it. */
  protected releaseBatch(): void {
    const heap = this.live().heap;
    if (this.y) heap.release(this.y);
    if (this.dy) heap.release(this.dy);
    this.y = this.dy = 0;
    this.rowsReserved = 0;
  }

  protected live(): Engine {
    if (!this.engine) throw new ModelError(`${this.name} is not built (or was disposed): add it to a model and compile first`);
    return this.engine;
  }
}
