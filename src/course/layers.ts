// Seed 002's layer objects: `DenseLayer` (z = Wx + b) and `ActivationLayer` (sigmoid), on the
// `Layer` of ./layer.ts. They are skins over the library's own pieces: a DenseLayer holds a
// Keras `Dense` (linear) and calls its forward/backward; an ActivationLayer calls the sigmoid
// kernels from the same activation table Dense uses. Data and deltas are WASM pointers holding
// a minibatch as rows (the course's columns are samples: our W is its Wᵀ, same numbers).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError } from "../core/errors.js";
import { Dense } from "../layers/dense.js";
import { getActivation } from "../layers/activations.js";
import type { Param } from "../layers/layer.js";
import { Layer } from "./layer.js";

export { Layer } from "./layer.js";

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
    this.dense.build(engine, [this.inputDim], rng);
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
