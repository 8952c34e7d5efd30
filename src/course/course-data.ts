// Seed 002's (features, label) pairs for SequentialNetwork, uploaded into WASM once, labels as
// one-hot rows (the course's encode_label).
import type { Scope } from "../core/scope.js";
import { ModelError } from "../core/errors.js";
import { uploadInputs, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";

/** Samples and their labels (digits, or one-target rows), e.g. loadMnist()'s `{images, labels}`. */
export type CourseData = { x: Inputs; y: Labels } | { images: Inputs; labels: Labels };

/** Copy `data` into WASM for a network of inputDim → outputDim; `scope` frees both. */
export function uploadCourseData(scope: Scope, what: string, data: CourseData, inputDim: number, outputDim: number): { x: DeviceInputs; y: DeviceTargets } {
  if (inputDim === 0) throw new ModelError("SequentialNetwork has no layers: add() some first");
  const [xs, ys] = "images" in data ? [data.images, data.labels] : [data.x, data.y];
  const x = uploadInputs(scope.engine, `${what} x`, xs, inputDim);
  scope.track(x.ptr);
  const y = uploadTargets(scope.engine, `${what} y`, ys, x.rows, outputDim, "meanSquaredError"); // digits become one-hot rows
  scope.track(y.ptr);
  return { x, y };
}
