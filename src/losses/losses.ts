// The four losses as objects (src/losses/loss.ts says what one is). Each gradient() is one or two
// kernels; where the loss fuses with the output activation, one kernel writes dL/dz and returns
// the loss. No activation derivative is applied here: the output layer applies its own when the
// loss did not fuse (Dense.backward, with the bias gradient in the same pass).
import type { Kernels } from "../core/kernels.js";
import { ModelError } from "../core/errors.js";
import type { Loss, LossName, Targets } from "./loss.js";

const meanSquaredError: Loss = {
  name: "meanSquaredError",
  fusesWith: () => false,
  value: ({ k }, a, y, rows, cols) => k.mse(a, y.ptr, rows * cols),
  gradient({ k }, a, y, dy, rows, cols) {
    const value = k.mse(a, y.ptr, rows * cols);
    k.mseBackward(a, y.ptr, dy, rows * cols, 2 / (rows * cols));
    return value;
  },
  assertFits: () => {},
};

const binaryCrossentropy: Loss = {
  name: "binaryCrossentropy",
  fusesWith: (activation) => activation === "sigmoid",
  value: ({ k }, a, y, rows, cols) => k.binaryCrossEntropy(a, y.ptr, rows * cols),
  gradient({ k }, a, y, dy, rows, cols, activation) {
    if (activation === "sigmoid") return k.sigmoidCrossEntropyBackward(a, y.ptr, dy, rows * cols);
    const value = k.binaryCrossEntropy(a, y.ptr, rows * cols);
    k.binaryCrossEntropyBackward(a, y.ptr, dy, rows * cols);
    return value;
  },
  assertFits: () => {},
};

/**
 * Cross-entropy of a softmax reads its rows as they are; of any other output, Keras' form divides
 * each row by its sum first (on a softmax row that sum is 1, up to its last bit), and writes
 * dL/da in the same pass when `da` ≠ 0. TF.js' sparseCategoricalCrossentropy clips a before
 * dividing; categoricalCrossentropy (even of integer labels, as their one-hot rows) does not.
 */
function crossEntropy(name: LossName, clipFirst: number): Loss {
  const scaled = (k: Kernels, a: number, y: Targets, da: number, rows: number, cols: number): number =>
    y.sparse ? k.sparseCategoricalCrossEntropyScaled(a, y.ptr, da, rows, cols, clipFirst)
      : k.categoricalCrossEntropyScaled(a, y.ptr, da, rows, cols, clipFirst);
  return {
    name,
    fusesWith: (activation) => activation === "softmax",
    value({ k }, a, y, rows, cols, activation) {
      if (activation !== "softmax") return scaled(k, a, y, 0, rows, cols);
      return y.sparse ? k.sparseCategoricalCrossEntropy(a, y.ptr, rows, cols) : k.categoricalCrossEntropy(a, y.ptr, rows, cols);
    },
    gradient({ k }, a, y, dy, rows, cols, activation) {
      if (activation !== "softmax") return scaled(k, a, y, dy, rows, cols);
      return y.sparse ? k.softmaxSparseCrossEntropyBackward(a, y.ptr, dy, rows, cols)
        : k.softmaxCrossEntropyBackward(a, y.ptr, dy, rows, cols);
    },
    assertFits(layerName, units) {
      // With one unit, −Σ y·log(a) is 0 for every row whose target is 0: those rows never train.
      if (units < 2) throw new ModelError(`${name} needs at least 2 output units, but ${layerName} has ${units}; `
          + `for one sigmoid unit use binaryCrossentropy (or units: 2 with softmax)`);
    },
  };
}

/** Every loss by its name: scratchnet/core's four; src/extras/losses.ts registers the others. */
export const losses = {
  meanSquaredError,
  binaryCrossentropy,
  categoricalCrossentropy: crossEntropy("categoricalCrossentropy", 0),
  sparseCategoricalCrossentropy: crossEntropy("sparseCategoricalCrossentropy", 1), // only numbers cross into WASM
} as Readonly<Record<LossName, Loss>>;

/** Adds Loss objects to `losses` (their names to getLoss: loss.ts's registerLossNames). */
export const registerLosses = (more: Partial<Record<LossName, Loss>>): void => {
  Object.assign(losses, more);
};
