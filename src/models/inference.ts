// predict() and evaluate(): forward passes in chunks over data uploaded to WASM once (or resident).
import type { Engine } from "../core/engine.js";
import { assertPositiveInteger, counted, ModelError } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import { setNumbers, shapeOf, type DeviceInputs, type Inputs, type Labels, type Matrix2D } from "../data/inputs.js";
import type { DeviceTargets } from "../data/labels.js";
import { inputsFor, Resident, targetsFor } from "../data/resident.js";
import { scaled, scaleInPlace } from "../data/scale.js";
import { gatherInputs } from "../data/batches.js";
import { countCorrect, countJudged } from "../losses/accuracy.js";
import { metricSums, type MetricSums } from "../losses/metrics.js";
import type { MetricName } from "../losses/loss.js";
import type { Model } from "./model.js";
import { forward, penalty, reserve } from "./stack.js";

export interface PredictArgs {
  /** Rows per forward pass (default 256); results do not depend on it. */
  batchSize?: number;
}

/** Run `body` over chunks of n rows gathered into a batch buffer; frees its buffers after. */
export function forChunks(
  engine: Engine, x: DeviceInputs, batchSize: number, body: (xb: number, idx: number, start: number, count: number) => void,
): void {
  const heap = engine.heap, k = engine.k;
  const idx = heap.alloc(x.rows * 4);
  const rows = Math.min(batchSize, x.rows);
  const xb = heap.alloc(rows * x.cols * 4, { what: `a batch of ${counted(rows, "row")}`, fix: "use a smaller batchSize" });
  try {
    k.iota(idx, x.rows);
    for (let start = 0; start < x.rows; start += batchSize) {
      const count = Math.min(batchSize, x.rows - start);
      gatherInputs(k, x, idx + start * 4, count, xb);
      body(xb, idx + start * 4, start, count);
    }
  } finally {
    heap.release(xb);
    heap.release(idx);
  }
}

/** Most rows predict() writes straight into the model's input buffer (uploadFew) instead of uploading. */
const FEW = 16;

/**
 * predict() for a few rows of floats (a one-sample query, say), with no allocation and no
 * gather: the rows are written straight into the model's own input buffer (grown once, freed
 * with the model). Returns the pointer of the rows, or 0 when the general path must run: bytes, a
 * wrong shape, a non-number or a value that is not finite as f32 (that path reports them; this one
 * has allocated nothing by then), or more rows than FEW.
 */
function uploadFew(model: Model, engine: Engine, x: Inputs, rows: number): number {
  const cols = model.inputUnits;
  if (rows > FEW) return 0;
  const matrix = Array.isArray(x) ? undefined : x, data = matrix?.data;
  if (matrix && !(data instanceof Float32Array || data instanceof Float64Array || Array.isArray(data))) return 0;
  if (shapeOf("predict: x", x)[1] !== cols) return 0;
  if (`${matrix?.sampleShape ?? model.inputShape}` !== `${model.inputShape}`) return 0; // another sample shape: inputsFor decides
  const scale = matrix?.scale;
  let dst = model.inputBuffer(rows, false);
  if (!dst) {
    // Growing the buffer is an allocation, so only for input known to be good (checked here, once).
    const bad = (v: unknown) => typeof v !== "number" || !Number.isFinite(scale === undefined ? Math.fround(v) : scaled(v, scale));
    if (data) {
      for (let i = 0; i < data.length; i++) if (bad(data[i])) return 0;
    } else {
      for (let r = 0; r < rows; r++) for (const v of (x as number[][])[r]) if (bad(v)) return 0;
    }
    dst = model.inputBuffer(rows, true);
  }
  const f32 = engine.heap.f32, base = dst >>> 2;
  if (data instanceof Float32Array || data instanceof Float64Array) f32.set(data, base);
  else if (data) {
    if (setNumbers(f32, data, base) >= 0) return 0;
  } else {
    for (let r = 0; r < rows; r++) if (setNumbers(f32, (x as number[][])[r], base + r * cols) >= 0) return 0;
  }
  if (scale !== undefined) scaleInPlace(f32, base, rows * cols, scale); // as uploadInputs and the byte kernel scale
  return engine.k.countNonFinite(dst, rows * cols) === 0 ? dst : 0;
}

export function predict(model: Model, x: Inputs | Resident, { batchSize = 256 }: PredictArgs = {}): Matrix2D & { data: Float32Array } {
  const engine = model.ready(); // as in TensorFlow.js, predict needs a built model, not a compiled one
  assertPositiveInteger("predict: batchSize", batchSize);
  const rows = x instanceof Resident ? 0 : Array.isArray(x) ? x.length : Array.isArray(x?.shape) ? x.shape[0] : 0;
  const few = Number.isInteger(rows) && rows > 0 ? uploadFew(model, engine, x as Inputs, rows) : 0;
  if (few) {
    reserve(model, rows);
    const units = model.outputUnits, a = forward(model, few, rows, false) >>> 2;
    return { data: engine.heap.f32.slice(a, a + rows * units), shape: [rows, units] };
  }
  return withScope(engine, (s): Matrix2D & { data: Float32Array } => {
    const inputs = inputsFor(s, "predict: x", x, model.inputUnits, model.inputShape);
    const units = model.outputUnits;
    const out = new Float32Array(inputs.rows * units);
    reserve(model, Math.min(batchSize, inputs.rows));
    forChunks(engine, inputs, batchSize, (xb, _idx, start, count) => {
      const a = forward(model, xb, count, false);
      out.set(engine.heap.f32.subarray(a >>> 2, (a >>> 2) + count * units), start * units);
    });
    return { data: out, shape: [inputs.rows, units] };
  });
}

/**
 * Σ over the rows of uploaded data of the loss, and the predictions judged and judged correct
 * (evaluateDevice divides them; the course's classes divide as the course does).
 */
export function evaluateSums(
  model: Model, x: DeviceInputs, y: DeviceTargets, batchSize: number, metrics?: MetricSums,
): { loss: number; correct: number; judged: number } {
  const engine = model.built(), units = model.outputUnits, activation = model.layers[model.layers.length - 1].activation.name;
  const width = (y.sparse ? 1 : units) * 4;
  let loss = 0, correct = 0, judged = 0;
  reserve(model, Math.min(batchSize, x.rows));
  forChunks(engine, x, batchSize, (xb, _idx, start, count) => {
    const a = forward(model, xb, count, false);
    const t = { ptr: y.ptr + start * width, sparse: y.sparse }; // chunks come in order: the targets are a slice, not a gather
    loss += model.loss!.value(engine, a, t, count, units, activation) * count;
    correct += countCorrect(engine, model.loss!.name, a, t, count, units);
    judged += countJudged(model.loss!.name, t, count, units);
    metrics?.add(engine, a, t, count, units);
  });
  return { loss, correct, judged };
}

/** Mean loss and compile()'s metrics of uploaded data (used by evaluate() and fit's validation). */
export function evaluateDevice(model: Model, x: DeviceInputs, y: DeviceTargets, batchSize: number): { loss: number; metrics?: MetricSums } {
  const metrics = model.metrics.length ? metricSums(model.metrics as MetricName[], model.loss!.name) : undefined;
  const { loss } = evaluateSums(model, x, y, batchSize, metrics);
  return { loss: loss / x.rows + penalty(model.layers), metrics };
}

export function evaluate(model: Model, x: Inputs | Resident, y: Labels | Resident, { batchSize = 256 }: PredictArgs = {}): number[] {
  const engine = model.built();
  if (!model.loss) throw new ModelError("evaluate() needs a compiled model: call model.compile({optimizer, loss}) first");
  assertPositiveInteger("evaluate: batchSize", batchSize);
  return withScope(engine, (s) => {
    const inputs = inputsFor(s, "evaluate: x", x, model.inputUnits, model.inputShape);
    const targets = targetsFor(s, "evaluate: y", y, inputs.rows, model.outputUnits, model.loss!.name);
    const { loss, metrics } = evaluateDevice(model, inputs, targets, batchSize);
    return [loss, ...(metrics ? metrics.names.map((_, i) => metrics.value(i)) : [])];
  });
}
