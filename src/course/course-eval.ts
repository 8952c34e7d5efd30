// Forward passes of a course network over data in WASM, EVAL_ROWS rows at a time (predict,
// score and the validation loss): buffers stay small whatever the size of the set; and the upload
// of x and y for fit and score.
import type { Engine } from "../core/engine.js";
import { uploadInputs, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";
import type { LossName } from "../models/losses.js";
import { forChunks } from "../models/inference.js";
import type { CourseNetwork } from "./course-network.js";

/** Call `body` with the output pointer, the matching targets and the row count of each chunk. */
export function eachChunk(net: CourseNetwork, x: DeviceInputs, y: DeviceTargets, rows: number, body: (a: number, y: DeviceTargets, count: number) => void): void {
  net.reserve(Math.min(rows, x.rows));
  const width = y.sparse ? 1 : net.outputUnits;
  forChunks(net.engine, x, rows, (xb, _idx, start, count) => body(net.forpass(xb, count), { ...y, ptr: y.ptr + start * width * 4 }, count));
}

/** The output activations for `x`, row-major (rows × outputs), copied out of WASM. */
export function outputsOf(net: CourseNetwork, x: Inputs, rows: number): Float32Array {
  const { engine } = net;
  const inputs = uploadInputs(engine, "predict: x", x, net.inputUnits);
  const units = net.outputUnits, out = new Float32Array(inputs.rows * units);
  try {
    net.reserve(Math.min(rows, inputs.rows));
    forChunks(engine, inputs, rows, (xb, _idx, start, count) => {
      const a = net.forpass(xb, count);
      out.set(engine.heap.f32.subarray(a >>> 2, (a >>> 2) + count * units), start * units);
    });
  } finally {
    engine.heap.release(inputs.ptr);
  }
  return out;
}

/** Copy x and y into WASM for a network of `inputs` → `outputs` units (the caller frees both). */
export function uploadData(engine: Engine, x: Inputs, y: Labels, what: string, inputs: number, outputs: number, loss: LossName): { inputs: DeviceInputs; targets: DeviceTargets } {
  const dx = uploadInputs(engine, `${what}: x`, x, inputs);
  try {
    return { inputs: dx, targets: uploadTargets(engine, `${what}: y`, y, dx.rows, outputs, loss) };
  } catch (e) {
    engine.heap.release(dx.ptr);
    throw e;
  }
}
