// predict() and evaluate(): forward passes in chunks over data uploaded to WASM once.
import type { Engine } from "../core/engine.js";
import { assertPositiveInteger, ModelError } from "../core/errors.js";
import { uploadInputs, type DeviceInputs, type Inputs, type Labels, type Matrix2D } from "../data/inputs.js";
import { uploadTargets, type DeviceTargets } from "../data/labels.js";
import { gatherInputs, gatherTargets } from "../data/batches.js";
import { countCorrect, countJudged, lossValue, penalty } from "./losses.js";
import type { Sequential } from "./sequential.js";

export interface PredictArgs {
  /** Rows per forward pass (default 256); results do not depend on it. */
  batchSize?: number;
}

/** Forward `rows` rows at `x` through every layer; returns the pointer of the output. */
export function forward(model: Sequential, x: number, rows: number): number {
  const layers = model.layers;
  let a = x;
  for (let i = 0; i < layers.length; i++) a = layers[i].forward(a, rows); // no iterator object per step
  return a;
}

/** Make every layer's per-batch buffers hold `rows` rows. */
export function reserve(model: Sequential, rows: number): void {
  for (const layer of model.layers) layer.reserve(rows);
}

/** Run `body` over chunks of n rows gathered into a batch buffer; frees its buffers after. */
export function forChunks(engine: Engine, x: DeviceInputs, batchSize: number, body: (xb: number, idx: number, start: number, count: number) => void): void {
  const heap = engine.heap, k = engine.k;
  const idx = heap.alloc(x.rows * 4);
  const xb = heap.alloc(Math.min(batchSize, x.rows) * x.cols * 4);
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

export function predict(model: Sequential, x: Inputs, { batchSize = 256 }: PredictArgs = {}): Matrix2D & { data: Float32Array } {
  const engine = model.ready(); // as in TensorFlow.js, predict needs a built model, not a compiled one
  assertPositiveInteger("predict: batchSize", batchSize);
  const inputs = uploadInputs(engine, "predict: x", x, model.inputUnits);
  const units = model.outputUnits;
  const out = new Float32Array(inputs.rows * units);
  try {
    reserve(model, Math.min(batchSize, inputs.rows));
    forChunks(engine, inputs, batchSize, (xb, _idx, start, count) => {
      const a = forward(model, xb, count);
      out.set(engine.heap.f32.subarray(a >>> 2, (a >>> 2) + count * units), start * units);
    });
  } finally {
    engine.heap.release(inputs.ptr);
  }
  return { data: out, shape: [inputs.rows, units] };
}

/** Mean loss and accuracy of uploaded data (used by evaluate() and fit's validation). */
export function evaluateDevice(model: Sequential, x: DeviceInputs, y: DeviceTargets, batchSize: number): { loss: number; accuracy: number } {
  const engine = model.built(), k = engine.k, units = model.outputUnits;
  const yb = engine.heap.alloc(Math.min(batchSize, x.rows) * (y.sparse ? 1 : units) * 4);
  let loss = 0, correct = 0, judged = 0;
  try {
    reserve(model, Math.min(batchSize, x.rows));
    forChunks(engine, x, batchSize, (xb, idx, _start, count) => {
      gatherTargets(k, y, idx, count, yb, units);
      const a = forward(model, xb, count);
      const t = { ptr: yb, sparse: y.sparse };
      loss += lossValue(k, model.loss!, a, t, count, units) * count;
      correct += countCorrect(k, model.loss!, a, t, count, units);
      judged += countJudged(model.loss!, t, count, units);
    });
  } finally {
    engine.heap.release(yb);
  }
  return { loss: loss / x.rows + penalty(model.layers), accuracy: correct / judged };
}

export function evaluate(model: Sequential, x: Inputs, y: Labels, { batchSize = 256 }: PredictArgs = {}): number[] {
  const engine = model.built();
  if (!model.loss) throw new ModelError("evaluate() needs a compiled model: call model.compile({optimizer, loss}) first");
  assertPositiveInteger("evaluate: batchSize", batchSize);
  const inputs = uploadInputs(engine, "evaluate: x", x, model.inputUnits);
  try {
    const targets = uploadTargets(engine, "evaluate: y", y, inputs.rows, model.outputUnits, model.loss);
    try {
      const { loss, accuracy } = evaluateDevice(model, inputs, targets, batchSize);
      return model.metrics.length ? [loss, accuracy] : [loss];
    } finally {
      engine.heap.release(targets.ptr);
    }
  } finally {
    engine.heap.release(inputs.ptr);
  }
}
