// scratchnet's public API: the Keras-style model, its pieces, and the data helpers.
import { init } from "./core/engine.js";

export { init, engine, createEngine, wasmBytes, Engine } from "./core/engine.js";
export { Tensor } from "./core/tensor.js";
export { Rng } from "./core/random.js";
export { ShapeError, DataError, ModelError, TrainingError } from "./core/errors.js";
export { Dense, type DenseArgs, type Regularizer } from "./layers/dense.js";
export type { ActivationName } from "./layers/activations.js";
export type { InitializerName, InitializerSpec } from "./layers/initializers.js";
export { Sequential, type CompileArgs, type SequentialArgs } from "./models/sequential.js";
export { History, type CustomCallbackArgs, type Logs } from "./models/callbacks.js";
export type { FitArgs } from "./models/fit.js";
export type { PredictArgs } from "./models/inference.js";
export type { LossName, LossSpec, MetricName } from "./models/losses.js";
export { SGD, Adam, Optimizer } from "./optimizers.js";
export { tensor2d, type Matrix2D, type Inputs, type Labels } from "./data/inputs.js";
export { parseIdxImages, parseIdxLabels, mnistSplit, type MnistSplit } from "./data/mnist.js";

/** Keras' regularizers.l1l2. */
export const regularizers = { l1l2: ({ l1 = 0, l2 = 0 }: { l1?: number; l2?: number } = {}) => ({ l1, l2 }) };

// The default engine is ready once this module has loaded: `import { Sequential } from "scratchnet"` just works.
await init();
