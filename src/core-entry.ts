// `scratchnet/core`: the Keras-style API alone (model, layers, optimizers, tensors, errors),
// for pages that want the smallest bundle. Everything here is also in the full barrel, src/index.ts.
import { init } from "./core/engine.js";

export { init, engine, createEngine, wasmBytes, Engine } from "./core/engine.js";
export { Tensor } from "./core/tensor.js";
export { Rng } from "./core/random.js";
export { ShapeError, DataError, ModelError, TrainingError } from "./core/errors.js";
export { Dense, type DenseArgs, type Regularizer } from "./layers/dense.js";
export { BatchNormalization, type BatchNormalizationArgs } from "./layers/batch-normalization.js";
export { Layer, type Shape, type Param, type Weight } from "./layers/layer.js"; // the protocol a custom layer extends
export type { ActivationName } from "./layers/activations.js";
export type { InitializerName, InitializerSpec } from "./layers/initializers.js";
export { Sequential, type CompileArgs, type SequentialArgs } from "./models/sequential.js";
export { History, type CustomCallbackArgs, type Logs } from "./models/callbacks.js";
export type { FitArgs } from "./models/fit.js";
export type { PredictArgs } from "./models/inference.js";
export type { LossName, LossSpec, MetricName } from "./losses/loss.js";
export { SGD, Adam, Optimizer } from "./optimizers.js";
export { tensor2d, type Matrix2D, type Inputs, type Labels } from "./data/inputs.js";
export { resident, Resident, type ResidentOptions } from "./data/resident.js";
export { ModelFileError } from "./io/layers-model.js"; // reading and writing model files live in the full barrel (loadModel, parseLayersModel)
export { regularizers } from "./regularizers.js";

// As with the full barrel, the engine is ready once this module has loaded.
await init();
