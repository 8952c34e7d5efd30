// Losses by Keras name, and the gradient that starts backpropagation. With a softmax output and
// cross-entropy, or a sigmoid output and binary cross-entropy, the loss and activation
// derivatives cancel to (a − y)/m: one fused kernel writes dL/dz and returns the loss.
import type { Kernels } from "../core/kernels.js";
import type { Activation } from "../layers/activations.js";
import { ModelError } from "../core/errors.js";

export type LossName = "meanSquaredError" | "binaryCrossentropy" | "categoricalCrossentropy" | "sparseCategoricalCrossentropy";

/** What compile() accepts: the camelCase names, Keras' snake_case spellings and 'mse'. */
export type LossSpec = LossName | "mse" | "mean_squared_error" | "binary_crossentropy" | "categorical_crossentropy" | "sparse_categorical_crossentropy";
/** Keras' 'accuracy' and its short name 'acc'. */
export type MetricName = "accuracy" | "acc";

const aliases: Record<LossSpec, LossName> = {
  meanSquaredError: "meanSquaredError", mse: "meanSquaredError", mean_squared_error: "meanSquaredError",
  binaryCrossentropy: "binaryCrossentropy", binary_crossentropy: "binaryCrossentropy",
  categoricalCrossentropy: "categoricalCrossentropy", categorical_crossentropy: "categoricalCrossentropy",
  sparseCategoricalCrossentropy: "sparseCategoricalCrossentropy", sparse_categorical_crossentropy: "sparseCategoricalCrossentropy",
};

/** The loss called `name`, checked at run time too (JavaScript callers, casts). */
export function getLoss(name: string): LossName {
  const found = Object.hasOwn(aliases, name) ? aliases[name as LossSpec] : undefined; // not 'toString'
  if (!found) {
    throw new ModelError(`unknown loss '${name}'; use meanSquaredError, binaryCrossentropy, categoricalCrossentropy or sparseCategoricalCrossentropy`);
  }
  return found;
}

/** Cross-entropy losses accept integer labels (kept as i32 in WASM); the others need dense targets. */
export const takesIntegerLabels = (loss: LossName): boolean =>
  loss === "categoricalCrossentropy" || loss === "sparseCategoricalCrossentropy";

/** Throw unless `loss` can train an output layer of `units` units (checked at compile()). */
export function assertLossFits(loss: LossName, layerName: string, units: number): void {
  if (takesIntegerLabels(loss) && units < 2) {
    // With one unit, −Σ y·log(a) is 0 for every row whose target is 0: those rows never train.
    throw new ModelError(`${loss} needs at least 2 output units, but ${layerName} has ${units}; for one sigmoid unit use binaryCrossentropy (or units: 2 with softmax)`);
  }
}

/** The regularisation terms the layers add to the loss, summed in layer order (fit and evaluate). */
export function penalty(layers: readonly { penalty(): number }[]): number {
  let sum = 0;
  for (let i = 0; i < layers.length; i++) sum += layers[i].penalty(); // no closure on the training path
  return sum;
}

/** Targets in WASM: i32 labels (`sparse`) or f32 rows with as many columns as the output. */
export interface Targets {
  ptr: number;
  sparse: boolean;
}

/**
 * Mean loss of outputs `a` (rows×cols) of a layer with activation `act` against targets.
 * Cross-entropy of a softmax reads its rows as they are; of any other output, Keras' form
 * divides each row by its sum first (on a softmax row that sum is 1, up to its last bit).
 */
export function lossValue(k: Kernels, loss: LossName, a: number, y: Targets, rows: number, cols: number, act: Activation): number {
  switch (loss) {
    case "meanSquaredError": return k.mse(a, y.ptr, rows * cols);
    case "binaryCrossentropy": return k.binaryCrossEntropy(a, y.ptr, rows * cols);
    default:
      if (act.name !== "softmax") return scaledCrossEntropy(k, loss, a, y, 0, rows, cols);
      return y.sparse ? k.sparseCategoricalCrossEntropy(a, y.ptr, rows, cols) : k.categoricalCrossEntropy(a, y.ptr, rows, cols);
  }
}

/** TF.js' sparseCategoricalCrossentropy clips a before dividing; categoricalCrossentropy (even of integer labels, as their one-hot rows) does not. */
const scaledCrossEntropy = (k: Kernels, loss: LossName, a: number, y: Targets, da: number, rows: number, cols: number): number => {
  const clipFirst = loss === "sparseCategoricalCrossentropy" ? 1 : 0; // only numbers cross into WASM
  return y.sparse ? k.sparseCategoricalCrossEntropyScaled(a, y.ptr, da, rows, cols, clipFirst) : k.categoricalCrossEntropyScaled(a, y.ptr, da, rows, cols, clipFirst);
};

/** Write dL/dz for the output layer into `dz` and return the loss. */
export function outputGradient(k: Kernels, loss: LossName, act: Activation, a: number, y: Targets, dz: number, rows: number, cols: number): number {
  if (takesIntegerLabels(loss) && act.name === "softmax") {
    return y.sparse ? k.softmaxSparseCrossEntropyBackward(a, y.ptr, dz, rows, cols) : k.softmaxCrossEntropyBackward(a, y.ptr, dz, rows, cols);
  }
  if (loss === "binaryCrossentropy" && act.name === "sigmoid") return k.sigmoidCrossEntropyBackward(a, y.ptr, dz, rows * cols);
  let value: number;
  if (takesIntegerLabels(loss)) value = scaledCrossEntropy(k, loss, a, y, dz, rows, cols); // the loss and its dL/da in one pass
  else {
    value = lossValue(k, loss, a, y, rows, cols, act);
    if (loss === "meanSquaredError") k.mseBackward(a, y.ptr, dz, rows * cols, 2 / (rows * cols));
    else k.binaryCrossEntropyBackward(a, y.ptr, dz, rows * cols);
  }
  act.backward(k, a, dz, dz, rows, cols);
  return value;
}

const binaryAccuracy = (loss: LossName, y: Targets, cols: number) => !y.sparse && (loss === "binaryCrossentropy" || cols === 1);

/**
 * Correct predictions as Keras' 'accuracy' resolves: binary accuracy (0.5 threshold, per output)
 * for binary cross-entropy or a single output, else argmax per row. Returns a number, not a
 * pair, so that the training step allocates no array.
 */
export function countCorrect(k: Kernels, loss: LossName, a: number, y: Targets, rows: number, cols: number): number {
  if (y.sparse) return k.countCorrectSparse(a, y.ptr, rows, cols);
  if (binaryAccuracy(loss, y, cols)) return k.countCorrectBinary(a, y.ptr, rows * cols);
  return k.countCorrectOneHot(a, y.ptr, rows, cols);
}

/** How many predictions countCorrect() judged in `rows` rows: one per output for binary accuracy. */
export function countJudged(loss: LossName, y: Targets, rows: number, cols: number): number {
  return binaryAccuracy(loss, y, cols) ? rows * cols : rows;
}
