// The losses beyond scratchnet/core's four (the funcs of issue 14), registered by src/extras.ts:
// their Loss objects into losses.ts's table and their names and Keras' short names into getLoss.
import type { Kernels } from "../core/kernels.js";
import { POINT_LOSSES, registerLossNames, type Loss, type PointLossName, type Targets } from "../losses/loss.js";
import { registerLosses } from "../losses/losses.js";

/**
 * A loss of one term per element (assembly/losses/pointwise.ts: its `kind` is its place in
 * POINT_LOSSES), or categorical hinge (one per row): the kernel sums, this divides as TF.js
 * averages, the mean over the elements (KL divergence and categorical hinge: over the rows).
 */
function summed(name: PointLossName | "categoricalHinge"): Loss {
  const kind = POINT_LOSSES.indexOf(name as PointLossName), perRow = kind < 0 || name === "kullbackLeiblerDivergence";
  const run = (k: Kernels, a: number, y: Targets, da: number, rows: number, cols: number): number => {
    const d = perRow ? rows : rows * cols;
    if (d === 0) return 0;
    return (kind < 0 ? k.categoricalHinge(a, y.ptr, da, rows, cols, 1 / d) : k.pointLoss(a, y.ptr, da, rows * cols, kind, 1 / d)) / d;
  };
  return {
    name,
    fusesWith: () => false,
    value: ({ k }, a, y, rows, cols) => run(k, a, y, 0, rows, cols),
    gradient: ({ k }, a, y, dy, rows, cols) => run(k, a, y, dy, rows, cols),
    assertFits: () => {},
  };
}

/** Registers the ten losses (POINT_LOSSES and categoricalHinge) and mae, mape, msle, kld, huber_loss, log_cosh. */
export function registerExtraLosses(): void {
  registerLosses({ ...Object.fromEntries(POINT_LOSSES.map((name) => [name, summed(name)])), categoricalHinge: summed("categoricalHinge") });
  registerLossNames([...POINT_LOSSES, "categoricalHinge"], {
    mae: "meanAbsoluteError", mape: "meanAbsolutePercentageError", msle: "meanSquaredLogarithmicError",
    kld: "kullbackLeiblerDivergence", huberLoss: "huber", logCosh: "logcosh", // Keras' huber_loss and log_cosh
  });
}
