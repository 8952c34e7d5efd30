// The layer protocol of the Keras-style engine (Dense implements it; Sequential and fit() drive it).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";

/** A trainable buffer and its gradient, both `size` floats in WASM memory. */
export interface Param {
  readonly name: string;
  readonly value: number;
  readonly grad: number;
  readonly shape: number[];
  readonly size: number;
}

export interface Layer {
  readonly name: string;
  readonly units: number;
  /** Allocate and initialise parameters for inputs of `inputUnits` columns. */
  build(engine: Engine, inputUnits: number, rng: Rng): void;
  /** Size per-batch buffers for up to `rows` rows (allocated once, reused every step). */
  reserve(rows: number): void;
  /** Forward `rows` rows at `x`; returns the pointer of the output (owned by the layer). */
  forward(x: number, rows: number): number;
  /** Pointer of the gradient buffer for this layer's output, filled by the layer after it or the loss. */
  readonly outputGrad: number;
  /** Backward from `outputGrad`; writes parameter gradients and, if `dx` ≠ 0, the input gradient there. */
  backward(x: number, rows: number, dx: number): void;
  params(): Param[];
  /** Keras-style configuration, for summary() and saving. */
  getConfig(): Record<string, unknown>;
  dispose(): void;
}
