// What training a model needs of WebAssembly memory, checked before anything is allocated.
// Memory never shrinks, so a compile or a batch that cannot fit is refused before it grows
// memory (issue 12: Dense(30000) on 30000 inputs with Adam grew memory to 3.6 GB, then failed
// with a raw RangeError). The heap refuses any single request it cannot hold (core/heap.ts);
// these checks see a whole compile or batch at once and say what it is made of.
import type { Engine } from "../core/engine.js";
import { mb, type Heap } from "../core/heap.js";
import { counted } from "../core/errors.js";
import type { Optimizer } from "../optimizers.js";
import type { Model } from "./model.js";

/** fit()'s default batchSize: compile makes sure one batch of it fits too. */
const FIT_BATCH = 32;

/** Float buffers per weight an optimizer keeps: its slots (velocity with momentum, Adam's m and v, ...). */
function stateCopies(o: Optimizer): number {
  return o.slots.length;
}

/** Each layer with its per-sample input shape and weight count, from the shapes add() computed. */
function shapes(model: Model) {
  return model.layers.map((layer, i) => {
    const inputs = i === 0 ? model.inputShape : model.outputShapes[i - 1];
    return { layer, inputs, weights: layer.paramCount(inputs), state: layer.stateCount(inputs) };
  });
}

/**
 * Throw a ModelError, before anything is allocated, when `engine` cannot hold what training
 * `model` with `optimizer` needs: weights and gradients (layers not yet built), the optimizer's
 * state, fit()'s copy of both (to undo a diverged epoch) and the buffers of one default batch.
 */
export function assertCompileFits(model: Model, optimizer: Optimizer, engine: Engine): void {
  const heap = engine.heap, layers = shapes(model), copies = stateCopies(optimizer);
  const all = layers.reduce((n, s) => n + s.weights, 0) * 4, fixed = layers.reduce((n, s) => n + s.state, 0) * 4;
  const fresh = layers.filter((s) => !s.layer.built);
  const weights = fresh.reduce((n, s) => n + s.weights, 0) * 4, fixedFresh = fresh.reduce((n, s) => n + s.state, 0) * 4;
  const state = copies * all, snapshot = (1 + copies) * all + fixed; // the snapshot copies non-trainable weights too
  const batch = fresh.reduce((n, s) => n + s.layer.batchBytes(FIT_BATCH, s.inputs), 0) + FIT_BATCH * (model.inputUnits + model.outputUnits) * 4;
  const need = 2 * weights + fixedFresh + state + snapshot + batch;
  const freed = model.optimizer ? stateCopies(model.optimizer) * all : 0; // the old state goes first
  const free = heap.available + freed;
  if (need <= free) return;
  const fits = Math.floor(Math.max(0, free - batch) / (4 * (3 + 2 * copies))); // weights that would fit
  const what = `compile(): ${model.name} with ${optimizer.name} (weights ${mb(weights)}, gradients ${mb(weights)}, optimizer state ${mb(state)}, ` +
    `fit()'s undo copy ${mb(snapshot)}, batch buffers ${mb(batch)})`;
  // Plain SGD keeps no state and a smaller undo copy: suggested only when that alone would fit.
  const stateless = copies > 0 && need - state - copies * all <= free;
  const fix = `use fewer units or inputs (${(all / 4).toLocaleString("en-US")} weights; ${fits.toLocaleString("en-US")} would fit)${stateless ? ", or SGD without momentum (no optimizer state)" : ""}`;
  throw heap.refusal(need, { what, fix }, "", free);
}

/** Throw a ModelError, before anything is allocated, when the layers' buffers for batches of `rows` rows cannot fit. */
export function assertBatchFits(model: Model, heap: Heap, rows: number): void {
  const growing = shapes(model).filter((s) => s.layer.rowsHeld < rows);
  if (growing.length === 0) return;
  const need = growing.reduce((n, s) => n + s.layer.batchBytes(rows, s.inputs), 0);
  const freed = growing.reduce((n, s) => n + s.layer.batchBytes(s.layer.rowsHeld, s.inputs), 0); // released before the new ones
  const free = heap.available + freed;
  if (need <= free) return;
  let fits = rows;
  while (fits > 0 && growing.reduce((n, s) => n + s.layer.batchBytes(fits, s.inputs), 0) > free) fits = Math.floor(fits / 2);
  const what = `a batch of ${counted(rows, "row")} (${growing.map((s) => `${s.layer.name}: ${rows} × ${s.layer.outputShape.join(" × ")}`).join(", ")})`;
  throw heap.refusal(need, { what, fix: fits > 0 ? `use batchSize ${fits} or less` : "use fewer units" }, "", free);
}
