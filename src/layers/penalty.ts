// A weight's L1/L2 penalty, l1·Σ|w| + l2·Σw²: its value and its gradient, for any layer's
// kernel. Dense's kernelRegularizer is this penalty as Keras adds it; the course's classes add it
// with the gradient divided by the batch's rows (their loss is (Σ loss + penalty) / m).
import type { Engine } from "../core/engine.js";
import type { Regularizer } from "../regularizers.js";
import type { Param } from "./layer.js";

/**
 * `sum` + l1·Σ|w| + l2·Σw², the terms added one at a time in that order (a term whose rate is 0
 * is left out, so a NaN or infinite weight cannot make it NaN).
 */
export function addPenalty(engine: Engine, w: Param, reg: Regularizer, sum = 0): number {
  const k = engine.k;
  if (reg.l1) sum += reg.l1 * k.l1Norm(w.value, w.size);
  if (reg.l2) sum += reg.l2 * k.l2Norm(w.value, w.size);
  return sum;
}

/** Add the penalty's gradient divided by `rows` (l1·sign(w)/rows + 2·l2·w/rows) to w's gradient; rows = 1: Keras'. */
export function addPenaltyGradient(engine: Engine, w: Param, reg: Regularizer, rows = 1): void {
  const k = engine.k;
  if (reg.l1) k.addL1Grad(w.value, w.grad, w.size, reg.l1 / rows);
  if (reg.l2) k.addL2Grad(w.value, w.grad, w.size, reg.l2 / rows);
}
