// The model as the engine's parts see it: the step, the training loop, inference, the snapshot,
// summary, weights, the memory checks and model.save()'s hook. Sequential implements it; those
// files import this one, never sequential.ts (which imports them), so models/ has no import circle.
import type { Engine } from "../core/engine.js";
import type { Layer, Param, Shape, Weight } from "../layers/layer.js";
import type { Loss } from "../losses/loss.js";
import type { Optimizer } from "../optimizers.js";

export interface Model {
  readonly name: string;
  readonly layers: readonly Layer[];
  /** Per-sample input shape (the first layer's inputShape) and each layer's output shape, known from add() on. */
  readonly inputShape: Shape;
  readonly outputShapes: readonly Shape[];
  /** Values per input sample and per output sample. */
  readonly inputUnits: number;
  readonly outputUnits: number;
  /** Set to true (e.g. from a callback) to stop training after the current batch. */
  stopTraining: boolean;
  /** True while fit() runs. */
  fitting: boolean;
  engine?: Engine;
  optimizer?: Optimizer;
  loss?: Loss;
  metrics: string[];
  /** The engine, the layers built (weights from the seeded initialisers); no compile needed. */
  ready(): Engine;
  /** The engine, once compiled and not disposed. */
  built(): Engine;
  /** Every trainable weight with its gradient, layer by layer. */
  params(): Param[];
  /** Every weight, trainable and not, layer by layer (TF.js' model.getWeights() order). */
  weights(): Weight[];
  /**
   * The model's own buffer for `rows` input rows (predict's few-row path), freed by dispose(); 0
   * when it holds fewer rows and `grow` is false (growing is an allocation, for checked input only).
   */
  inputBuffer(rows: number, grow: boolean): number;
}
