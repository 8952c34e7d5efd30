// What ConvolutionNetwork (convolution-network.ts) checks of its data before any weight changes:
// the classes of y (the book's n_classes = y.shape[1], or integer labels), and images of the
// network's [h, w, c] copied into WASM once, with an error that names the shape and the fix.
import { DataError, ShapeError } from "../core/errors.js";
import type { Scope } from "../core/scope.js";
import { describeValue, shapeOf, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import { inputsFor, targetsFor } from "../data/resident.js";

/** One-hot rows (their width) or integer labels (the largest + 1, at least 2). */
export function classesOf(y: Labels): number {
  const [, cols] = shapeOf("fit: y", y);
  if (cols === 1) {
    throw new ShapeError("fit: y is one column ([n, 1]); give one-hot rows (to_categorical) or a flat array of integer labels");
  }
  if (cols > 1) return cols;
  const labels = y as ArrayLike<unknown>;
  let max = 1;
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    if (typeof t !== "number" || !Number.isInteger(t) || t < 0) {
      throw new DataError(`fit: y[${i}] is ${describeValue(t)}, not a class label; labels must be integers ≥ 0 (or give one-hot rows)`);
    }
    max = Math.max(max, t);
  }
  return max + 1;
}

/** Copy images (rows of h·w·c values, or tensor4d of `shape`) and their targets into WASM; `s` frees them. */
export function uploadImages(
  s: Scope, x: Inputs, y: Labels, what: string, shape: readonly number[], classes: number,
): { x: DeviceInputs; y: DeviceTargets } {
  const [h, w, c] = shape, given = (x as { sampleShape?: number[] }).sampleShape;
  if (given && (given.length !== 3 || given.some((d, i) => d !== shape[i]))) {
    throw new ShapeError(`${what}: x holds images [${given}], this network takes [${shape}]; `
      + `give inputShape: [${given}] to the constructor`);
  }
  const [rows, cols] = shapeOf(`${what}: x`, x);
  if (cols !== h * w * c) {
    throw new ShapeError(`${what}: x has ${cols} values a row, an image [${h}, ${w}, ${c}] has ${h * w * c}; flatten each image `
      + `to one row (or tensor4d(data, [${rows}, ${h}, ${w}, ${c}])) or give the constructor its inputShape`);
  }
  const inputs = inputsFor(s, `${what}: x`, x, cols);
  return { x: inputs, y: targetsFor(s, `${what}: y`, y, inputs.rows, classes, "categoricalCrossentropy") };
}
