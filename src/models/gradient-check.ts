// gradientCheck(model, x, y): the layers' backward pass against the numerical gradient, as the
// course's book checks its two-layer net (Saito ch. 5.7). Every loss value is the engine's (WASM
// forward pass and loss kernel, f32); only the differencing is host float64: for each weight w,
// (L(w + h) − L(w − h)) / (w₊ − w₋), where w₊ and w₋ are the f32 values actually written, so
// their rounding is not an error of the check. The model's weights (all of them, non-trainable
// too) are put back bit for bit afterwards.
import { ModelError } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import type { Inputs, Labels } from "../data/inputs.js";
import { inputsFor, targetsFor, type Resident } from "../data/resident.js";
import { gatherInputs } from "../data/batches.js";
import { WeightCopy } from "../callbacks/weight-copy.js";
import { Dropout } from "../layers/dropout.js";
import { backward, forward, penalty, reserve } from "./stack.js";
import type { Model } from "./model.js";

export interface GradientCheckArgs {
  /** The step h of the central difference (default 1e-2: the losses are f32, so a smaller h mostly measures rounding). */
  epsilon?: number;
}

/**
 * The worst relative error |analytic − numerical| / max(|analytic|, |numerical|, 1e-3) over the
 * entries of each trainable weight, by name ('dense_1/kernel': 2e-4, …). The floor 1e-3 keeps
 * entries whose gradient is nearly zero from reporting f32 rounding as a large relative error.
 * Rows are checked together, as one batch of the training loss (penalties included).
 */
export function gradientCheck(
  model: Model, x: Inputs | Resident, y: Labels | Resident, args: GradientCheckArgs = {},
): Record<string, number> {
  const engine = model.built(), loss = model.loss!, h = args.epsilon ?? 1e-2;
  if (model.fitting) throw new ModelError("gradientCheck: fit() is running on this model (its batch buffers are in use); await it first");
  if (typeof h !== "number" || !(h > 0) || !Number.isFinite(h)) {
    throw new ModelError(`gradientCheck: epsilon must be a positive finite number, got ${String(h)}`);
  }
  // A Dropout draws a new mask on every training pass: L(w + h) and L(w − h) would be two functions.
  const dropout = model.layers.find((l) => l instanceof Dropout && l.rate > 0);
  if (dropout) {
    throw new ModelError(`gradientCheck: ${dropout.name} draws a new mask on every training pass, so the loss is not one function of `
      + "the weights; check the same model without its Dropout layers (or with rate 0)");
  }
  const k = engine.k, f32 = () => engine.heap.f32, layers = model.layers, last = layers[layers.length - 1], units = model.outputUnits;
  const activation = last.activation.name;
  const copy = new WeightCopy();
  return withScope(engine, (s) => {
    const inputs = inputsFor(s, "gradientCheck: x", x, model.inputUnits, model.inputShape), rows = inputs.rows;
    const targets = targetsFor(s, "gradientCheck: y", y, rows, units, loss.name);
    const idx = s.alloc(rows * 4), xb = s.alloc(rows * inputs.cols * 4);
    k.iota(idx, rows);
    gatherInputs(k, inputs, idx, rows, xb);
    reserve(model, rows);
    copy.take(model);
    try {
      const lossAt = () => loss.value(engine, forward(model, xb, rows, true), targets, rows, units, activation) + penalty(layers);
      loss.gradient(engine, forward(model, xb, rows, true), targets, last.outputGrad, rows, units, activation);
      backward(model, xb, rows, loss.fusesWith(activation));
      const params = model.params(), analytic = params.map((p) => f32().slice(p.grad >>> 2, (p.grad >>> 2) + p.size));
      const worst: Record<string, number> = {};
      params.forEach((p, j) => {
        let max = 0;
        for (let i = 0; i < p.size; i++) {
          const at = (p.value >>> 2) + i, w = f32()[at];
          f32()[at] = w + h;
          const up = f32()[at], lUp = lossAt(); // the f32 actually written; views re-read, as a pass may grow memory
          f32()[at] = w - h;
          const down = f32()[at], lDown = lossAt();
          f32()[at] = w;
          const numerical = (lUp - lDown) / (up - down), a = analytic[j][i];
          max = Math.max(max, Math.abs(a - numerical) / Math.max(Math.abs(a), Math.abs(numerical), 1e-3));
        }
        worst[p.name] = max;
      });
      return worst;
    } finally {
      copy.restore();
      copy.release();
    }
  });
}
