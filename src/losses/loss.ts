// What a loss is to the engine: a Keras name, the targets it takes, its value and the gradient
// that starts backpropagation. A loss declares which output activation it fuses with (softmax
// with cross-entropy, sigmoid with binary cross-entropy: the two derivatives cancel to (a − y)/m);
// the training step asks it and tells the last layer, so no step names a loss or an activation.
// This folder sits below models/ and layers/: it knows activations by name only, and data/ may
// import it.
import type { Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { inFullBuild } from "../core/full-build.js";

export type LossName =
  | "meanSquaredError" | "binaryCrossentropy" | "categoricalCrossentropy" | "sparseCategoricalCrossentropy"
  | PointLossName | "categoricalHinge";
/** The losses of one term per element (assembly/losses/pointwise.ts), in the order of its `kind`. */
export const POINT_LOSSES = ["meanAbsoluteError", "meanAbsolutePercentageError", "meanSquaredLogarithmicError", "huber", "hinge",
  "squaredHinge", "logcosh", "poisson", "kullbackLeiblerDivergence"] as const;
export type PointLossName = (typeof POINT_LOSSES)[number];

/**
 * What a Loss object calls itself: compile()'s losses (Keras' names), or halfSquaredError, the
 * textbooks' ½Σ(a − y)² that the course classes hand to the step themselves (Keras has no such loss).
 */
export type LossObjectName = LossName | "halfSquaredError";

/** What compile() accepts: the camelCase names, Keras' snake_case spellings and 'mse'. */
export type LossSpec = LossName
  | "mse" | "mean_squared_error" | "binary_crossentropy" | "categorical_crossentropy" | "sparse_categorical_crossentropy"
  | "mae" | "mean_absolute_error" | "mape" | "mean_absolute_percentage_error" | "msle" | "mean_squared_logarithmic_error"
  | "huber_loss" | "squared_hinge" | "categorical_hinge" | "log_cosh" | "kld" | "kullback_leibler_divergence";
/** Keras' 'accuracy' and its short name 'acc', and the metrics of losses/metrics.ts. */
export type MetricName = "accuracy" | "acc" | "binaryAccuracy" | "categoricalAccuracy" | "precision" | "recall" | "mae" | "mse";

/** Targets in WASM: i32 labels (`sparse`) or f32 rows with as many columns as the output. */
export interface Targets {
  ptr: number;
  sparse: boolean;
}

export interface Loss {
  readonly name: LossObjectName;
  /** Whether gradient() writes dL/dz through `activation` (the output layer's) rather than dL/da. */
  fusesWith(activation: string): boolean;
  /** Mean loss of outputs `a` (rows×cols) of a layer ending in `activation`, against `y`. */
  value(engine: Engine, a: number, y: Targets, rows: number, cols: number, activation: string): number;
  /** Write dL/dz (when fusesWith(activation)) or dL/da into `dy`; returns the mean loss. */
  gradient(engine: Engine, a: number, y: Targets, dy: number, rows: number, cols: number, activation: string): number;
  /** Throw unless this loss can train an output layer of `units` units (checked at compile()). */
  assertFits(layerName: string, units: number): void;
}

/** The names that are not a loss' own camelCase name or its Keras snake_case (read as camelCase by getLoss). */
const aliases: Record<string, LossName> = { mse: "meanSquaredError" };
/** scratchnet/core's losses; src/extras/losses.ts registers the others (registerLossNames), after these. */
const NAMES: LossName[] = ["meanSquaredError", "binaryCrossentropy", "categoricalCrossentropy", "sparseCategoricalCrossentropy"];

/** Makes getLoss accept `names` and `more` aliases (the Loss objects themselves: losses.ts's registerLosses). */
export function registerLossNames(names: readonly LossName[], more: Record<string, LossName>): void {
  NAMES.push(...names);
  Object.assign(aliases, more);
}

/** The loss called `name`, checked at run time too (JavaScript callers, casts). */
export function getLoss(name: string): LossName {
  const camel = String(name).replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()); // Keras' snake_case
  const found = NAMES.includes(camel as LossName) ? (camel as LossName)
    : Object.hasOwn(aliases, camel) ? aliases[camel] : undefined; // hasOwn: not 'toString'
  if (!found) {
    throw new ModelError(`unknown loss '${name}'; use ${NAMES.join(", ")}${inFullBuild()}`);
  }
  return found;
}

/** Cross-entropy losses accept integer labels (kept as i32 in WASM); the others need dense targets. */
export const takesIntegerLabels = (loss: LossObjectName): boolean =>
  loss === "categoricalCrossentropy" || loss === "sparseCategoricalCrossentropy";
