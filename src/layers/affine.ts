// Dense's affine pass and its gradients (seed 003's affine_layer_forward / affine_layer_backward),
// on pointers. Dense.forward/backward run them around its activation, and lesson 7's
// affineForward/affineBackward (src/course/step-by-step.ts) run them on the lesson's tensors, so
// the lesson shows the layer's own code and gets its bits.
import type { Engine } from "../core/engine.js";
import type { SparseInput } from "./sparse-input.js";

/**
 * y = x·W + b for `rows` rows (x: rows × inputs, W: inputs × units, b: units, 0 for none);
 * `sparse`: the product over x's nonzeros, when it takes the batch.
 */
export function affine(
  engine: Engine, x: number, w: number, b: number, y: number, rows: number, inputs: number, units: number, sparse?: SparseInput,
): void {
  const k = engine.k;
  if (!sparse?.forward(x, rows, w, y)) k.gemm(x, w, y, rows, inputs, units, 0);
  if (b) k.addRowVector(y, b, y, rows, units);
}

/** From dz = dL/d(x·W + b): db = Σ_rows dz (db ≠ 0), dW = xᵀ·dz, dx = dz·Wᵀ (dx ≠ 0; the first layer's is never used). */
export function affineGradients(
  engine: Engine, x: number, w: number, dz: number, dw: number, db: number, dx: number,
  rows: number, inputs: number, units: number, sparse?: SparseInput,
): void {
  const k = engine.k;
  if (db) k.sumColumns(dz, db, rows, units, 0);
  if (!sparse?.backward(x, rows, dz, dw)) k.gemmTN(x, dz, dw, inputs, rows, units, 0);
  if (dx) k.gemmNT(dz, w, dx, rows, units, inputs, 0);
}
