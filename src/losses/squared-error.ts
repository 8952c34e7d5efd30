// ½Σ(a − y)², summed over the batch rather than averaged: the quadratic cost of the textbooks
// (Nielsen's network.py, seed 002's MSE class), whose gradient is simply a − y. Keras has no such
// loss (its meanSquaredError is the mean, gradient 2(a − y)/n), so compile() does not name it:
// the course classes hand it to the step themselves. `scale` multiplies the gradient: −1 writes
// the error y − a of seed 000's code, which DeepNeuralNet then steps with W += η·ΔW.
import type { Loss } from "./loss.js";

/** ½Σ(a − y)² with gradient scale·(a − y); its value is the batch's sum, not a mean. */
export function halfSquaredError(scale = 1): Loss {
  return {
    name: "halfSquaredError", // targets are rows of floats and accuracy is judged as for meanSquaredError
    fusesWith: () => false,
    value({ k }, a, y, rows, cols) {
      const n = rows * cols;
      return 0.5 * k.mse(a, y.ptr, n) * n; // the mean's sum, halved
    },
    gradient({ k }, a, y, dy, rows, cols) {
      const n = rows * cols, value = 0.5 * k.mse(a, y.ptr, n) * n;
      k.mseBackward(a, y.ptr, dy, n, scale);
      return value;
    },
    assertFits: () => {},
  };
}
