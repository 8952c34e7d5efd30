// The built-in callbacks, one export line for both entries (src/index.ts and src/core-entry.ts).
export { Callback, type MonitorMode } from "./callback.js";
export { EarlyStopping, type EarlyStoppingArgs } from "./early-stopping.js";
export { ModelCheckpoint, type ModelCheckpointArgs } from "./model-checkpoint.js";
export { ReduceLROnPlateau, LearningRateScheduler, type ReduceLROnPlateauArgs, type Schedule } from "./learning-rate.js";
