// Forward passes of a course network over data in WASM, COURSE_EVAL_ROWS rows at a time (predict,
// score and the validation loss): buffers stay small whatever the size of the set; and the upload
// of x and y for fit and score.
import type { Engine } from "../core/engine.js";
import { withScope, type Scope } from "../core/scope.js";
import { uploadInputs, type DeviceInputs, type Inputs, type Labels } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";
import type { LossName } from "../losses/loss.js";
import { forChunks } from "../models/inference.js";

/** Rows per forward pass when the course's classes predict, score or compute a validation loss. */
export const COURSE_EVAL_ROWS = 1024;

/**
 * What a chunked pass needs of a course network (CourseNetwork has it). Named here so that this
 * file, which CourseNetwork uses, does not import it back.
 */
export interface ForpassNetwork {
  readonly engine: Engine;
  readonly inputUnits: number;
  readonly outputUnits: number;
  /** Size the per-batch buffers for `rows` rows. */
  reserve(rows: number): void;
  /** Forward `rows` rows at pointer `x`; the pointer of the output activations. */
  forpass(x: number, rows: number): number;
}

/** Call `body` with the output pointer, the matching targets and the row count of each chunk. */
export function eachChunk(net: ForpassNetwork, x: DeviceInputs, y: DeviceTargets, rows: number, body: (a: number, y: DeviceTargets, count: number) => void): void {
  net.reserve(Math.min(rows, x.rows));
  const width = y.sparse ? 1 : net.outputUnits;
  forChunks(net.engine, x, rows, (xb, _idx, start, count) => body(net.forpass(xb, count), { ...y, ptr: y.ptr + start * width * 4 }, count));
}

/** The output activations for `x`, row-major (rows × outputs), copied out of WASM. */
export function outputsOf(net: ForpassNetwork, x: Inputs, rows: number): Float32Array {
  const units = net.outputUnits;
  return eachOutput(net, x, rows, (n) => new Float32Array(n * units), (a, count, out, start) =>
    out.set(net.engine.heap.f32.subarray(a >>> 2, (a >>> 2) + count * units), start * units));
}

/** The index of the largest output of each row (the argmaxRows kernel; the first on ties). */
export function argmaxOf(net: ForpassNetwork, x: Inputs, rows: number): Int32Array {
  const { heap, k } = net.engine, units = net.outputUnits;
  return withScope(net.engine, (s) => {
    let best = 0;
    return eachOutput(net, x, rows, (n) => ((best = s.alloc(Math.min(rows, n) * 4)), new Int32Array(n)), (a, count, out, start) => {
      k.argmaxRows(a, best, count, units);
      out.set(heap.i32.subarray(best >>> 2, (best >>> 2) + count), start);
    });
  });
}

/** Upload x, forward it `rows` rows at a time and hand each chunk's output pointer to `take`. */
function eachOutput<T>(net: ForpassNetwork, x: Inputs, rows: number, make: (n: number) => T, take: (a: number, count: number, out: T, start: number) => void): T {
  const { engine } = net;
  return withScope(engine, (s) => {
    const inputs = uploadInputs(engine, "predict: x", x, net.inputUnits);
    s.track(inputs.ptr);
    const out = make(inputs.rows);
    net.reserve(Math.min(rows, inputs.rows));
    forChunks(engine, inputs, rows, (xb, _idx, start, count) => take(net.forpass(xb, count), count, out, start));
    return out;
  });
}

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
