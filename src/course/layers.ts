// Seed 002's layer objects: `DenseLayer` (z = Wx + b) and `ActivationLayer` (sigmoid), on the
// `Layer` of ./layer.ts. Each is a skin over one engine layer, whose forward and backward it
// calls with the pointers its neighbours hand it: a DenseLayer holds a Keras `Dense` (linear),
// an ActivationLayer a Keras `Activation` (sigmoid). Data and deltas are WASM pointers holding a
// minibatch as rows (the course's columns are samples: our W is its Wᵀ, same numbers).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, assertPositiveInteger } from "../core/errors.js";
import { Activation } from "../layers/activation.js";
import { Dense } from "../layers/dense.js";
import type { Layer as EngineLayer, Param } from "../layers/layer.js";
import { Layer } from "./layer.js";

export { Layer } from "./layer.js";

/** A course layer that is one engine layer: its output and the buffer its delta arrives in are the engine layer's. */
abstract class EngineSkin extends Layer {
  protected constructor(inputDim: number, outputDim: number, protected readonly layer: EngineLayer) {
    super(inputDim, outputDim);
  }

  override build(engine: Engine, rng: Rng): void {
    super.build(engine, rng);
    this.layer.build(engine, [this.inputDim], rng);
  }

  reserve(rows: number): void {
    this.layer.reserve(rows);
  }

  get outputData(): number {
    return this.layer.output;
  }

  get deltaTarget(): number {
    return this.layer.outputGrad;
  }

  forward(): void {
    this.layer.forward(this.getForwardInput(), this.pullRows(), true);
  }

  /** The delta arrives in deltaTarget; dL/d(input) goes straight into the previous layer's (a first layer's is read by nobody: skipped). */
  backward(): void {
    if (this.getBackwardInput() !== this.deltaTarget) throw new ModelError(`${this.constructor.name}.backward: the delta must be written into deltaTarget`);
    this.layer.backward(this.getForwardInput(), this.rows, this.outputDelta, false);
  }

  override params(): Param[] {
    return this.layer.params();
  }

  dispose(): void {
    this.layer.dispose();
    this.engine = undefined;
  }
}

/**
 * `DenseLayer(inputDim, outputDim)`: z = Wx + b, backward Δb = Σ Δ, ΔW = Σ Δ·xᵀ, output delta Wᵀ·Δ.
 * The course's `update_param` uses an undefined `rate` and is never called (the network calls
 * `update_params`): we implement what it means, W −= (learning_rate / batch) · ΔW.
 */
export class DenseLayer extends EngineSkin {
  constructor(inputDim: number, outputDim: number) {
    assertPositiveInteger("DenseLayer: input_dim", inputDim); // before Dense checks its units
    assertPositiveInteger("DenseLayer: output_dim", outputDim);
    const normal = { name: "randomNormal", stddev: 1 } as const; // np.random.randn, weights and bias
    super(inputDim, outputDim, new Dense({ units: outputDim, inputDim, activation: "linear", kernelInitializer: normal, biasInitializer: normal }));
  }

  /** The engine layer (a Keras Dense, linear). */
  get dense(): Dense {
    return this.layer as Dense;
  }

  describe(): string {
    return `|--- DenseLayer\n |-- dimensions: (${this.inputDim}, ${this.outputDim})`; // as the course prints it
  }
}

/** `ActivationLayer(inputDim)`: sigmoid. Its backward takes σ' = a(1 − a) from the saved output (the course recomputes σ(z)). */
export class ActivationLayer extends EngineSkin {
  constructor(inputDim: number) {
    assertPositiveInteger("ActivationLayer: input_dim", inputDim);
    super(inputDim, inputDim, new Activation({ activation: "sigmoid" }));
  }

  describe(): string {
    return `|-- ActivationLayer\n |-- dimensions: (${this.inputDim}, ${this.outputDim})`;
  }
}
