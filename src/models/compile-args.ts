// compile()'s arguments checked before anything is built or bound: a misspelt option (`metric:`)
// or a missing loss would otherwise train without what the user asked for, or fail later with a
// message about `undefined`.
import { ModelError } from "../core/errors.js";
import { getLoss, type LossName, type LossSpec, type MetricName } from "../losses/loss.js";
import type { OptimizerSpec } from "../optimizers.js";
import { METRIC_NAMES } from "../losses/metrics.js";
import { inFullBuild } from "../core/full-build.js";

export interface CompileArgs {
  optimizer: OptimizerSpec;
  loss: LossSpec;
  metrics?: MetricName[];
}

const OPTIONS = ["optimizer", "loss", "metrics"];
const EXAMPLE = "e.g. compile({optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy']})";

/** The loss and the metric names (as given: TF.js and Keras log 'acc' as acc), or a ModelError naming what is wrong. */
export function compileArgs(args: CompileArgs): { loss: LossName; metrics: MetricName[] } {
  if (typeof args !== "object" || args === null) throw new ModelError(`compile() takes an object, ${EXAMPLE}`);
  const unknown = Object.keys(args).find((key) => !OPTIONS.includes(key));
  if (unknown !== undefined) throw new ModelError(`compile(): unknown option '${unknown}'; the options are ${OPTIONS.join(", ")}`);
  for (const key of ["loss", "optimizer"] as const) {
    if (args[key] === undefined) throw new ModelError(`compile() needs ${key === "loss" ? "a loss" : "an optimizer"}, ${EXAMPLE}`);
  }
  const metrics = args.metrics ?? [];
  if (!Array.isArray(metrics)) throw new ModelError(`compile(): metrics is a list, e.g. metrics: ['accuracy']; got ${JSON.stringify(metrics)}`);
  for (const m of metrics) {
    if (!METRIC_NAMES.includes(m)) {
      throw new ModelError(`unknown metric '${m}'; scratchnet computes ${METRIC_NAMES.map((n) => `'${n}'`).join(", ")}${inFullBuild()}`);
    }
  }
  return { loss: getLoss(args.loss), metrics };
}
