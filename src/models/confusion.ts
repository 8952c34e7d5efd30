// The confusion matrix of a compiled model on data: counts[true class][predicted class], counted in
// WASM (metrics.ts#confusionCounts) from each chunk's predictions and targets, which never leave
// WASM. Classes: the argmax of a row (one-hot targets or integer labels); with one output unit,
// the 0.5 threshold gives classes 0 and 1, as binary accuracy judges them.
import { assertPositiveInteger, ModelError } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import type { Inputs, Labels } from "../data/inputs.js";
import { inputsFor, targetsFor, type Resident } from "../data/resident.js";
import { forChunks } from "./inference.js";
import type { Model } from "./model.js";
import { forward, reserve } from "./stack.js";

export interface ConfusionMatrix {
  /** Number of classes (2 for a single sigmoid output). */
  classes: number;
  /** counts[t][p]: samples of true class t predicted as p. */
  counts: number[][];
}

/** Counts of (true class, predicted class) over x, y (TF.js' tf.math.confusionMatrix of the argmaxes). */
export function confusionMatrix(model: Model, x: Inputs | Resident, y: Labels | Resident, { batchSize = 256 } = {}): ConfusionMatrix {
  const engine = model.built(), k = engine.k, units = model.outputUnits, classes = units === 1 ? 2 : units;
  if (!model.loss) {
    throw new ModelError("confusionMatrix() needs a compiled model (it reads targets as the loss does): "
      + "call model.compile({optimizer, loss}) first");
  }
  assertPositiveInteger("confusionMatrix: batchSize", batchSize);
  return withScope(engine, (s) => {
    const inputs = inputsFor(s, "confusionMatrix: x", x, model.inputUnits, model.inputShape);
    const targets = targetsFor(s, "confusionMatrix: y", y, inputs.rows, units, model.loss!.name);
    const counts = s.alloc(classes * classes * 4), width = (targets.sparse ? 1 : units) * 4;
    engine.heap.i32.fill(0, counts >>> 2, (counts >>> 2) + classes * classes);
    reserve(model, Math.min(batchSize, inputs.rows));
    forChunks(engine, inputs, batchSize, (xb, _idx, start, count) => {
      k.confusionCounts(forward(model, xb, count, false), targets.ptr + start * width, targets.sparse ? 1 : 0, count, units, counts);
    });
    const flat = engine.heap.i32.slice(counts >>> 2, (counts >>> 2) + classes * classes);
    return { classes, counts: Array.from({ length: classes }, (_, t) => Array.from(flat.subarray(t * classes, (t + 1) * classes))) };
  });
}
