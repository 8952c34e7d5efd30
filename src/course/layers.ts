// Seed 002's layer objects: `Layer` with previous/next links, `DenseLayer` (z = Wx + b) and
// `ActivationLayer` (sigmoid). They are skins over the library's own pieces: a DenseLayer holds a
// Keras `Dense` (linear) and calls its forward/backward; an ActivationLayer calls the sigmoid
// kernels from the same activation table Dense uses. Data and deltas are WASM pointers holding
// a minibatch as rows (the course's columns are samples: our W is its Wᵀ, same numbers).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, assertPositiveInteger } from "../core/errors.js";
import { Dense } from "../layers/dense.js";
import { getActivation } from "../layers/activations.js";
import type { Param } from "../layers/layer.js";

/** The course's `Layer`: linked to its neighbours, reading its input from `previous` and its delta from `next`. */
export abstract class Layer {
  previous?: Layer;
  next?: Layer;
  /** Input of the first layer (pointer to rows × inputDim floats); later layers read previous.outputData. */
  inputData = 0;
  /** dL/d(output) of the last layer, written by the loss; earlier layers read next.outputDelta. */
  inputDelta = 0;
  /** Rows of the batch now flowing through (the course passes one column; we pass a minibatch). */
  rows = 0;
  protected engine?: Engine;

  constructor(readonly inputDim: number, readonly outputDim: number) {
    assertPositiveInteger(`${new.target.name}: input_dim`, inputDim);
    assertPositiveInteger(`${new.target.name}: output_dim`, outputDim);
  }

  /** Link this layer after `layer` (the course's connect). */
  connect(layer: Layer): void {
    this.previous = layer;
    layer.next = this;
  }

  getForwardInput(): number {
    return this.previous ? this.previous.outputData : this.inputData;
  }

  getBackwardInput(): number {
    return this.next ? this.next.outputDelta : this.inputDelta;
  }

  /** Where the layer after this one (or the loss) writes dL/d(this layer's output). */
  abstract readonly deltaTarget: number;
  /** Pointer of this layer's last forward output. */
  abstract readonly outputData: number;
  /** Pointer of dL/d(this layer's input), written straight into previous.deltaTarget (0 if not computed). */
  get outputDelta(): number {
    return this.previous ? this.previous.deltaTarget : 0;
  }

  /** Allocate parameters (DenseLayer: N(0, 1) as np.random.randn) from the network's seeded Rng. */
  build(engine: Engine, _rng: Rng): void {
    this.engine = engine;
  }
  /** Size the per-batch buffers for up to `rows` rows (allocated once, reused by every step). */
  abstract reserve(rows: number): void;
  abstract forward(): void;
  abstract backward(): void;
  /** Value/gradient pointer pairs (the library's one layer protocol). */
  params(): Param[] {
    return [];
  }
  /** Nothing to clear: backward writes the minibatch's sum of deltas (one product), it does not add to old ones. */
  clearDeltas(): void {}
  /** w −= learningRate · Σ Δw for every parameter (the network passes learning_rate / batch size). */
  updateParams(learningRate: number): void {
    const k = this.live().k;
    for (const p of this.params()) k.sgdStep(p.value, p.grad, p.size, learningRate);
  }
  /** The lines the course prints for this layer. */
  abstract describe(): string;
  abstract dispose(): void;

  protected live(): Engine {
    if (!this.engine) throw new ModelError(`${this.constructor.name}(${this.inputDim}, ${this.outputDim}) is not built: add it to a SequentialNetwork first`);
    return this.engine;
  }

  protected pullRows(): number {
    if (this.previous) this.rows = this.previous.rows;
    return this.rows;
  }
}

/**
 * `DenseLayer(inputDim, outputDim)`: z = Wx + b, backward Δb = Σ Δ, ΔW = Σ Δ·xᵀ, output delta Wᵀ·Δ.
 * The course's `update_param` uses an undefined `rate` and is never called (the network calls
 * `update_params`): we implement what it means, W −= (learning_rate / batch) · ΔW.
 */
export class DenseLayer extends Layer {
  readonly dense: Dense;

  constructor(inputDim: number, outputDim: number) {
    super(inputDim, outputDim);
    const normal = { name: "randomNormal", stddev: 1 } as const; // np.random.randn, weights and bias
    this.dense = new Dense({ units: outputDim, inputDim, activation: "linear", kernelInitializer: normal, biasInitializer: normal });
  }

  override build(engine: Engine, rng: Rng): void {
    super.build(engine, rng);
    this.dense.build(engine, this.inputDim, rng);
  }

  reserve(rows: number): void {
    this.dense.reserve(rows);
  }

  get outputData(): number {
    return this.dense.output;
  }

  get deltaTarget(): number {
    return this.dense.outputGrad;
  }

  forward(): void {
    this.dense.forward(this.getForwardInput(), this.pullRows());
  }

  /** One batched product gives Σ over the minibatch of the course's per-sample Δ·xᵀ. */
  backward(): void {
    const delta = this.getBackwardInput();
    if (delta !== this.deltaTarget) throw new ModelError("DenseLayer.backward: the delta must be written into deltaTarget");
    // The first layer's output delta (784 wide) is read by nobody: it is skipped, not computed.
    this.dense.backward(this.getForwardInput(), this.rows, this.outputDelta);
  }

  override params(): Param[] {
    return this.dense.params();
  }

  describe(): string {
    return `|--- DenseLayer\n |-- dimensions: (${this.inputDim}, ${this.outputDim})`; // as the course prints it
  }

  dispose(): void {
    this.dense.dispose();
    this.engine = undefined;
  }
}

/** `ActivationLayer(inputDim)`: sigmoid. Its backward takes σ' = a(1 − a) from the saved output (the course recomputes σ(z)). */
export class ActivationLayer extends Layer {
  private readonly activation = getActivation("sigmoid");
  private a = 0;
  private dy = 0;
  private rowsReserved = 0;

  constructor(inputDim: number) {
    super(inputDim, inputDim);
  }

  reserve(rows: number): void {
    if (rows <= this.rowsReserved) return;
    const heap = this.live().heap;
    this.release();
    this.a = heap.alloc(rows * this.outputDim * 4);
    this.dy = heap.alloc(rows * this.outputDim * 4);
    this.rowsReserved = rows;
  }

  get outputData(): number {
    return this.a;
  }

  get deltaTarget(): number {
    return this.dy;
  }

  /** A first layer has no previous deltaTarget: its delta is computed in place. */
  override get outputDelta(): number {
    return this.previous ? this.previous.deltaTarget : this.dy;
  }

  forward(): void {
    this.activation.forward(this.live().k, this.getForwardInput(), this.a, this.pullRows(), this.outputDim);
  }

  backward(): void {
    this.activation.backward(this.live().k, this.a, this.getBackwardInput(), this.outputDelta, this.rows, this.outputDim);
  }

  describe(): string {
    return `|-- ActivationLayer\n |-- dimensions: (${this.inputDim}, ${this.outputDim})`;
  }

  dispose(): void {
    this.release();
    this.rowsReserved = 0;
    this.engine = undefined;
  }

  private release(): void {
    if (!this.engine) return;
    if (this.a) this.engine.heap.release(this.a);
    if (this.dy) this.engine.heap.release(this.dy);
    this.a = this.dy = 0;
  }
}
