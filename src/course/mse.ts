// Seed 002's loss for SequentialNetwork: the course's `MSE` class (its data upload is in
// course-data.ts).
import type { Engine } from "../core/engine.js";

/**
 * The course's MSE. Its slide says "mean", its code computes ½Σᵢ(aᵢ − yᵢ)² per sample, whose
 * derivative is simply a − y: we implement the code (summed over the minibatch's samples).
 */
export const MSE = {
  /** ½ Σ (a − y)² over n floats at a and y (the kernel returns the mean; n·mean/2 is the course's sum). */
  lossFunction(engine: Engine, a: number, y: number, n: number): number {
    return 0.5 * engine.k.mse(a, y, n) * n;
  },
  /** da = a − y (scale 1). */
  lossDerivative(engine: Engine, a: number, y: number, da: number, n: number): void {
    engine.k.mseBackward(a, y, da, n, 1);
  },
};
