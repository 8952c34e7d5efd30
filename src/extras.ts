// `scratchnet/extras`: what scratchnet/core leaves out to stay in its 30 KB budget, for core users
// to opt in to. Importing it registers the activations, losses, metrics, optimizer strings and
// initializers below into core's tables (by name, in compile() and the layers' arguments), and it
// exports the classes and functions. The full barrel (src/index.ts) imports it first, so
// `scratchnet` has everything. Its kernels are in the full module, scratchnet.wasm, not in
// scratchnet-core.wasm (assembly/core.ts): with scratchnet/core's browser builds, `await
// init(url of scratchnet.wasm)` first (Node and bundlers of dist/ load scratchnet.wasm already).
import "./extras/register.js"; // first: the names are in the tables before the modules below load

export { BatchNormalization, type BatchNormalizationArgs } from "./layers/batch-normalization.js";
export { Conv2D, type Conv2DArgs } from "./layers/conv2d.js";
export { tensor4d, tensor3d } from "./data/inputs.js";
export { LeakyReLU, type LeakyReLUArgs } from "./layers/leaky-relu.js";
export { ZeroPadding2D, type ZeroPadding2DArgs, type ZeroPadding } from "./layers/zero-padding2d.js";
export { MaxPooling2D, AveragePooling2D, type Pooling2DArgs } from "./layers/pooling.js";
export { GlobalAveragePooling2D, GlobalMaxPooling2D, type GlobalPooling2DArgs } from "./layers/global-pooling.js";
export { Adagrad, Adadelta, Adamax, AdamW } from "./optimizers.js";
export {
  LearningRateSchedule, ExponentialDecay, CosineDecay, PiecewiseConstantDecay, exponentialDecay, cosineDecay, piecewiseConstantDecay,
} from "./optimizers.js";
export { EarlyStopping, ReduceLROnPlateau, LearningRateScheduler } from "./callbacks/index.js";
export type { EarlyStoppingArgs, ReduceLROnPlateauArgs, Schedule } from "./callbacks/index.js";
export { gradientCheck, type GradientCheckArgs } from "./models/gradient-check.js";
export { confusionMatrix, type ConfusionMatrix } from "./models/confusion.js";
