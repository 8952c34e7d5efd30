// Seed 002's loss for SequentialNetwork: the course's `MSE` class, a skin over the engine's
// halfSquaredError (its data upload is in course-data.ts).
import type { Engine } from "../core/engine.js";
import type { Targets } from "../losses/loss.js";
import { halfSquaredError } from "../losses/squared-error.js";

/** The engine's loss the course's MSE is: ½Σ(a − y)², gradient a − y. */
export const courseLoss = halfSquaredError();
const targets: Targets = { ptr: 0, sparse: false }; // reused: no object per call

/**
 * The course's MSE. Its slide says "mean", its code computes ½Σᵢ(aᵢ − yᵢ)² per sample, whose
 * derivative is simply a − y: we implement the code (summed over the minibatch's samples).
 */
export const MSE = {
  /** ½ Σ (a − y)² over n floats at a and y. */
  lossFunction(engine: Engine, a: number, y: number, n: number): number {
    targets.ptr = y;
    return courseLoss.value(engine, a, targets, n, 1, "linear");
  },
  /** da = a − y (scale 1). */
  lossDerivative(engine: Engine, a: number, y: number, da: number, n: number): void {
    targets.ptr = y;
    courseLoss.gradient(engine, a, targets, da, n, 1, "linear");
  },
};
