// Seed 002's `Layer`: previous/next links, forward input from the layer before, backward
// delta from the layer after. Data and deltas are WASM pointers holding a minibatch as rows.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, assertPositiveInteger } from "../core/errors.js";
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
  /** Value/gradient pointer pairs (the library's one layer protocol): the network's SGD steps them. */
  params(): Param[] {
    return [];
  }
  /** Nothing to clear: backward writes the minibatch's sum of deltas (one product), it does not add to old ones. */
  clearDeltas(): void {}
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
