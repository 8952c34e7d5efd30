// compile()'s metrics beyond scratchnet/core's 'accuracy' and 'acc' (what each computes: the
// header of src/losses/metrics.ts), registered by src/extras.ts.
import { ModelError } from "../core/errors.js";
import type { Targets } from "../losses/loss.js";
import { put, registerMetrics, type Add } from "../losses/metrics.js";

const dense = (name: string, y: Targets) => {
  if (y.sparse) throw new ModelError(`metric '${name}' needs y as rows (one-hot or values), not integer labels`);
};
/** precision (which 1: predicted positives) and recall (which 2: actual positives), over true positives. */
const positives = (name: string, which: number): Add => ({ k }, _l, a, y, rows, cols, s, at) =>
  (dense(name, y), put(s, at, k.countPositives(a, y.ptr, rows * cols, 0), k.countPositives(a, y.ptr, rows * cols, which)));

/** Registers binaryAccuracy, categoricalAccuracy, precision, recall, mae and mse. */
export const registerExtraMetrics = (): void => registerMetrics({
  binaryAccuracy: ({ k }, _l, a, y, rows, cols, s, at) =>
    (dense("binaryAccuracy", y), put(s, at, k.countCorrectBinary(a, y.ptr, rows * cols), rows * cols)),
  categoricalAccuracy: ({ k }, _l, a, y, rows, cols, s, at) =>
    put(s, at, y.sparse ? k.countCorrectSparse(a, y.ptr, rows, cols) : k.countCorrectOneHot(a, y.ptr, rows, cols), rows),
  precision: positives("precision", 1),
  recall: positives("recall", 2),
  mae: ({ k }, _l, a, y, rows, cols, s, at) => (dense("mae", y), put(s, at, k.pointLoss(a, y.ptr, 0, rows * cols, 0, 1), rows * cols)),
  mse: ({ k }, _l, a, y, rows, cols, s, at) => (dense("mse", y), put(s, at, k.mse(a, y.ptr, rows * cols) * rows * cols, rows * cols)),
});
