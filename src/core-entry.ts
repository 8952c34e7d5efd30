// `scratchnet/core`: the Keras-style API alone (model, layers, optimizers, tensors, errors),
// for pages that want the smallest bundle. Everything here is also in the full barrel, src/index.ts.
import { init } from "./core/engine.js";

export { init, engine, createEngine, wasmBytes, Engine } from "./core/engine.js";
export { Tensor } from "./core/tensor.js";
export { Rng } from "./core/random.js";
export { ShapeError, DataError, ModelError, TrainingError } from "./core/errors.js";
export { Dense, type DenseArgs, type Regularizer } from "./layers/dense.js";
export { Layer, type Shape, type Param, type Weight } from "./layers/layer.js"; // the protocol a custom layer extends
export { Activation, type ActivationArgs } from "./layers/activation.js";
export { Dropout, type DropoutArgs } from "./layers/dropout.js";
export { Flatten, type FlattenArgs } from "./layers/flatten.js";
export { Reshape, type ReshapeArgs } from "./layers/reshape.js";
export type { ActivationName } from "./layers/activations.js";
export type { InitializerName, InitializerSpec } from "./layers/initializers.js";
export { initializers, type FanMode, type Distribution } from "./layers/initializers.js";
export { Sequential, type CompileArgs, type SequentialArgs } from "./models/sequential.js";
export { History, type CustomCallbackArgs, type Logs } from "./models/callbacks.js";
// In the full barrel only: ModelCheckpoint (it saves through model.save(), which this build lacks: src/models/save-hook.ts).
// BatchNormalization, LeakyReLU, Adagrad/Adadelta/Adamax/AdamW, the schedules, EarlyStopping, ReduceLROnPlateau, LearningRateScheduler,
// gradientCheck, confusionMatrix and the other activations, losses, metrics and initializers: `import "scratchnet/extras"`
// (src/extras.ts), which registers them into this build's tables; they did not fit its 30 KB budget (core + .wasm).
export { Callback, type MonitorMode } from "./callbacks/index.js";
export type { FitArgs } from "./models/fit.js";
export type { PredictArgs } from "./models/inference.js";
export type { LossName, LossSpec, MetricName } from "./losses/loss.js";
export { SGD, Adam, Optimizer } from "./optimizers.js";
export { RMSprop } from "./optimizers.js";
export { tensor2d, type Matrix2D, type Inputs, type Labels } from "./data/inputs.js";
export { resident, Resident, type ResidentOptions } from "./data/resident.js";
export { ModelFileError } from "./io/layers-model.js"; // reading and writing model files live in the full barrel (loadModel, parseLayersModel)
export { regularizers } from "./regularizers.js";

// As with the full barrel, the engine is ready once this module has loaded.
await init();
