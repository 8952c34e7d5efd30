// Keras' 'accuracy' metric as it resolves for each loss: binary accuracy (0.5 threshold, per
// output) for binary cross-entropy or a single output, else argmax per row.
import type { Engine } from "../core/engine.js";
import type { Kernels } from "../core/kernels.js";
import type { LossObjectName, Targets } from "./loss.js";

const binaryAccuracy = (loss: LossObjectName, y: Targets, cols: number) => !y.sparse && (loss === "binaryCrossentropy" || cols === 1);

/** Correct predictions; a number, not a pair, so that the training step allocates no array. */
export function countCorrect(k: Kernels, loss: LossObjectName, a: number, y: Targets, rows: number, cols: number): number {
  if (y.sparse) return k.countCorrectSparse(a, y.ptr, rows, cols);
  if (binaryAccuracy(loss, y, cols)) return k.countCorrectBinary(a, y.ptr, rows * cols);
  return k.countCorrectOneHot(a, y.ptr, rows, cols);
}

/** How many predictions countCorrect() judged in `rows` rows: one per output for binary accuracy. */
export function countJudged(loss: LossObjectName, y: Targets, rows: number, cols: number): number {
  return binaryAccuracy(loss, y, cols) ? rows * cols : rows;
}

/** countCorrect() on `engine`: for the course classes, which hold an Engine and never its kernel object. */
export function countCorrectOn(engine: Engine, loss: LossObjectName, a: number, y: Targets, rows: number, cols: number): number {
  return countCorrect(engine.k, loss, a, y, rows, cols);
}
