// What seed 001's classes (and lesson 6's average digit and SequentialNetwork) share for the
// passes over data outside training: the chunk size of the one chunked evaluate/predict path
// (models/inference.ts), and the upload of x and y for fit and score.
import type { Scope } from "../core/scope.js";
import { uploadInputs, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";
import type { LossName } from "../losses/loss.js";

/** Rows per forward pass when the course's classes predict, score or compute a validation loss. */
export const COURSE_EVAL_ROWS = 1024;

/**
 * Copy x and y into WASM for a network of `inputs` → `outputs` units; `scope` frees both (x alone
 * if y is refused).
 */
export function uploadData(scope: Scope, x: Inputs, y: Labels, what: string, inputs: number, outputs: number, loss: LossName): { inputs: DeviceInputs; targets: DeviceTargets } {
  const engine = scope.engine, dx = uploadInputs(engine, `${what}: x`, x, inputs);
  scope.track(dx.ptr);
  const targets = uploadTargets(engine, `${what}: y`, y, dx.rows, outputs, loss);
  scope.track(targets.ptr);
  return { inputs: dx, targets };
}
