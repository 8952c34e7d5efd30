// Seed 002's loss and data for SequentialNetwork: the course's `MSE` class, and its
// (features, label) pairs uploaded into WASM once, labels as one-hot rows (its encode_label).
import type { Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { uploadInputs, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";

/**
 * The course's MSE. Its slide says "mean", its code computes ½Σᵢ(aᵢ − yᵢ)² per sample, whose
 * derivative is simply a − y: we implement the code (summed over the minibatch's samples).
 */
export const MSE = {
  /** ½ Σ (a − y)² over n floats at a and y (the kernel returns the mean; n·mean/2 is the course's sum). */
  lossFunction(engine: Engine, a: number, y: number, n: number): number {
    return 0.5 * engine.k.mse(a, y, n) * n;
  },
  /** da = a − y (scale 1). */
  lossDerivative(engine: Engine, a: number, y: number, da: number, n: number): void {
    engine.k.mseBackward(a, y, da, n, 1);
  },
};

/** Samples and their labels (digits, or one-target rows), e.g. loadMnist()'s `{images, labels}`. */
export type CourseData = { x: Inputs; y: Labels } | { images: Inputs; labels: Labels };

/** Copy `data` into WASM for a network of inputDim → outputDim; the pointers go into `owned` (freed by the caller). */
export function uploadData(engine: Engine, what: string, data: CourseData, inputDim: number, outputDim: number, owned: number[]): { x: DeviceInputs; y: DeviceTargets } {
  if (inputDim === 0) throw new ModelError("SequentialNetwork has no layers: add() some first");
  const [xs, ys] = "images" in data ? [data.images, data.labels] : [data.x, data.y];
  const x = uploadInputs(engine, `${what} x`, xs, inputDim);
  owned.push(x.ptr);
  const y = uploadTargets(engine, `${what} y`, ys, x.rows, outputDim, "meanSquaredError"); // digits become one-hot rows
  owned.push(y.ptr);
  return { x, y };
}
