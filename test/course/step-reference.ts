// The notebook's train_step (seed 003, 12-6) written out in raw kernels, as
// src/course/step-by-step.ts computed it before it ran on Dense layers and the training loop:
// the reference that proves the lesson's numbers did not move (17 kernel calls a step).
import { Rng } from "../../src/core/random.js";
import { Tensor } from "../../src/core/tensor.js";
import { Indices } from "../../src/ops/indices.js";
import { sampleIndices } from "../../src/ops/data.js";
import type { Params } from "../../src/course/step-by-step.js";

/** Buffers for one batch size, then `step` exactly as the old StepWorkspace.step. */
export function referenceStep(batch: number, p: Params): { step(x: number, y: number, lr: number): number; dispose(): void } {
  const e = p.W1.engine, k = e.k, [d, h, c] = [p.W1.rows, p.W1.cols, p.W2.cols];
  const z = (r: number, cols: number) => Tensor.zeros(r, cols, e);
  const [a1, z1, dz1, da1, a2, yHat, dy] = [z(batch, h), z(batch, h), z(batch, h), z(batch, h), z(batch, c), z(batch, c), z(batch, c)];
  const [dW1, db1, dW2, db2] = [z(d, h), z(1, h), z(h, c), z(1, c)];
  const all = [a1, z1, dz1, da1, a2, yHat, dy, dW1, db1, dW2, db2];
  const relu1 = p.activation === "relu", m = batch;
  return {
    step(x, y, lr) {
      k.gemm(x, p.W1.ptr, a1.ptr, m, d, h, 0);
      k.addRowVector(a1.ptr, p.b1.ptr, a1.ptr, m, h);
      k[relu1 ? "relu" : "sigmoid"](a1.ptr, z1.ptr, m * h);
      k.gemm(z1.ptr, p.W2.ptr, a2.ptr, m, h, c, 0);
      k.addRowVector(a2.ptr, p.b2.ptr, a2.ptr, m, c);
      k.softmax(a2.ptr, yHat.ptr, m, c);
      const loss = k.softmaxSparseCrossEntropyBackward(yHat.ptr, y, dy.ptr, m, c);
      k.gemmNT(dy.ptr, p.W2.ptr, dz1.ptr, m, c, h, 0);
      k.gemmTN(z1.ptr, dy.ptr, dW2.ptr, h, m, c, 0);
      k.sumColumns(dy.ptr, db2.ptr, m, c, 0);
      k[relu1 ? "reluBackward" : "sigmoidBackward"](z1.ptr, dz1.ptr, da1.ptr, m * h);
      k.gemmTN(x, da1.ptr, dW1.ptr, d, m, h, 0);
      k.sumColumns(da1.ptr, db1.ptr, m, h, 0);
      k.sgdStep(p.W1.ptr, dW1.ptr, p.W1.size, lr);
      k.sgdStep(p.b1.ptr, db1.ptr, p.b1.size, lr);
      k.sgdStep(p.W2.ptr, dW2.ptr, p.W2.size, lr);
      k.sgdStep(p.b2.ptr, db2.ptr, p.b2.size, lr);
      return loss;
    },
    dispose: () => all.forEach((t) => t.dispose()),
  };
}

/** The old trainingCycle's loop without the per-epoch scoring: sample, gather, step; returns the losses. */
export function referenceCycle(x: Tensor, y: Indices, p: Params, rng: Rng, iters: number, batch: number, lr: number): number[] {
  const e = x.engine, k = e.k, work = referenceStep(batch, p), mask = Indices.zeros(batch, e), yb = Indices.zeros(batch, e), xb = Tensor.zeros(batch, x.cols, e);
  const losses: number[] = [];
  for (let i = 0; i < iters; i++) {
    sampleIndices(rng, x.rows, mask);
    k.gatherRows(x.ptr, mask.ptr, xb.ptr, batch, x.cols);
    k.gatherI32(y.ptr, mask.ptr, yb.ptr, batch);
    losses.push(work.step(xb.ptr, yb.ptr, lr));
  }
  for (const t of [work, mask, yb, xb]) t.dispose();
  return losses;
}
