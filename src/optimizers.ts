// Optimizers as in Keras / TensorFlow.js, one file each in src/optimizers/ (the protocol in
// optimizer.ts, the compile() strings in get-optimizer.ts), and Keras's learning-rate schedules.
export { Optimizer } from "./optimizers/optimizer.js";
export { SGD } from "./optimizers/sgd.js";
export { Adam } from "./optimizers/adam.js";
export { RMSprop } from "./optimizers/rmsprop.js";
export { Adagrad } from "./optimizers/adagrad.js";
export { Adadelta } from "./optimizers/adadelta.js";
export { Adamax } from "./optimizers/adamax.js";
export { AdamW } from "./optimizers/adamw.js";
export { getOptimizer, type OptimizerSpec } from "./optimizers/get-optimizer.js";
export {
  LearningRateSchedule, ExponentialDecay, CosineDecay, PiecewiseConstantDecay, exponentialDecay, cosineDecay, piecewiseConstantDecay,
} from "./optimizers/schedules.js";
