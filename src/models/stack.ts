// The layer stack's passes and one optimisation step: forward through every layer, the loss's
// gradient (the loss says whether it fused the output activation's derivative; the last layer's
// backward is told), backward through every layer, the optimizer. Kernel calls on pointers only:
// no JS allocation, no array copied between JS and WASM.
import type { Targets } from "../losses/loss.js";
import type { Layer } from "../layers/layer.js";
import type { Model } from "./model.js";
import { assertBatchFits } from "./memory-needs.js";

/**
 * What the passes and the step read of a model: its layers (built), loss, optimizer, engine and
 * output width. A Sequential is one; so is a course class holding its Dense layers (the step
 * needs no more of a model than this).
 */
export type Stack = Pick<Model, "layers" | "loss" | "optimizer" | "engine" | "outputUnits">;

/** Forward `rows` rows at `x` through every layer; returns the pointer of the output. */
export function forward(model: Pick<Model, "layers">, x: number, rows: number, training: boolean): number {
  const layers = model.layers;
  let a = x;
  for (let i = 0; i < layers.length; i++) a = layers[i].forward(a, rows, training); // no iterator object per step
  return a;
}

/** Backward from the last layer's outputGrad; `fused`: it holds dL/dz (the loss took the activation's derivative). */
export function backward(model: Pick<Model, "layers">, x: number, rows: number, fused: boolean): void {
  const layers = model.layers, last = layers.length - 1;
  for (let i = last; i >= 0; i--) {
    layers[i].backward(i > 0 ? layers[i - 1].output : x, rows, i > 0 ? layers[i - 1].outputGrad : 0, i === last && fused);
  }
}

/** The regularisation terms the layers add to the loss, summed in layer order (fit and evaluate). */
export function penalty(layers: readonly Layer[]): number {
  let sum = 0;
  for (let i = 0; i < layers.length; i++) sum += layers[i].penalty(); // no closure on the training path
  return sum;
}

/** Make every layer's per-batch buffers hold `rows` rows (checked to fit first). */
export function reserve(model: Model, rows: number): void {
  const layers = model.layers;
  let held = 0;
  while (held < layers.length && layers[held].rowsHeld >= rows) held++;
  if (held === layers.length) return; // the usual case (each evaluate pass, each epoch's validation): nothing to check
  assertBatchFits(model, model.engine!.heap, rows); // before any layer grows memory
  for (const layer of model.layers) layer.reserve(rows);
}

/**
 * One optimisation step on `count` gathered rows; returns the batch loss plus the layers'
 * penalties, both of the weights before the update (as Keras and TF.js report it).
 * `beforeUpdate(count)` runs once every gradient is written and before the optimizer reads them:
 * where a penalty whose scale depends on the batch goes (the course's λ/m), or gradient clipping.
 */
export function trainStep(model: Stack, xb: number, y: Targets, count: number, beforeUpdate?: (rows: number) => void): number {
  const layers = model.layers, last = layers[layers.length - 1], loss = model.loss!, activation = last.activation.name;
  const before = penalty(layers); // the step changes the weights the penalty reads
  const a = forward(model, xb, count, true);
  const value = loss.gradient(model.engine!, a, y, last.outputGrad, count, model.outputUnits, activation) + before;
  if (!Number.isFinite(value)) return value; // the caller stops before any weight changes
  backward(model, xb, count, loss.fusesWith(activation));
  beforeUpdate?.(count);
  model.optimizer!.step();
  return value;
}
