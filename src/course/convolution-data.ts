// What ConvolutionNetwork (convolution-network.ts) checks of its data before any weight changes:
// the classes of y (the book's n_classes = y.shape[1], or integer labels), and images of the
// network's [h, w, c] copied into WASM once, with an error that names the shape and the fix.
import { ShapeError } from "../core/errors.js";
import type { Scope } from "../core/scope.js";
import { shapeOf, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import { inputsFor, targetsFor } from "../data/resident.js";

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
