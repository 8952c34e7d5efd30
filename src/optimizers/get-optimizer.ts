// compile()'s optimizer strings: TensorFlow.js's getOptimizer (tfjs-layers optimizers.ts), the
// same spellings and the defaults it gives each (which are not always the classes' defaults).
import { ModelError } from "../core/errors.js";
import { Optimizer } from "./optimizer.js";
import { SGD } from "./sgd.js";
import { Adam } from "./adam.js";
import { RMSprop } from "./rmsprop.js";
import { inFullBuild } from "../core/full-build.js";

/** scratchnet/core's strings; src/extras/optimizers.ts registers adagrad, adadelta and adamax. */
const MADE: Record<string, () => Optimizer> = {
  sgd: () => new SGD({ learningRate: 0.01 }),
  adam: () => new Adam({ learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }),
  rmsprop: () => new RMSprop({ learningRate: 0.001, decay: 0.9, momentum: 0, epsilon: 1e-7 }),
};
/** Each key of MADE, and TensorFlow.js's capitalised spelling of it. */
const capitalised = (k: string) => (k === "sgd" ? "SGD" : k === "rmsprop" ? "RMSProp" : k[0].toUpperCase() + k.slice(1));
const SPELLINGS = Object.keys(MADE).flatMap((k) => [k, capitalised(k)]);

/** Adds compile() strings (lowercase keys; the capitalised spelling comes with each), after those already there. */
export function registerOptimizers(made: Record<string, () => Optimizer>): void {
  Object.assign(MADE, made);
  SPELLINGS.push(...Object.keys(made).flatMap((k) => [k, capitalised(k)]));
}

/** The strings TensorFlow.js's compile() accepts, or an optimizer object. */
export type OptimizerSpec = "sgd" | "SGD" | "adam" | "Adam" | "rmsprop" | "RMSProp" | "adagrad" | "Adagrad" | "adadelta" | "Adadelta"
  | "adamax" | "Adamax" | Optimizer;

/** An optimizer from a TensorFlow.js string, with the learning rate and defaults TensorFlow.js gives it, or the object itself. */
export function getOptimizer(spec: OptimizerSpec): Optimizer {
  if (spec instanceof Optimizer) return spec;
  if (SPELLINGS.includes(spec as string)) return MADE[SPELLINGS[SPELLINGS.indexOf(spec as string) & ~1]]();
  const s = typeof spec === "object" && spec !== null ? JSON.stringify(spec) : `'${String(spec)}'`;
  const all = SPELLINGS.map((k) => `'${k}'`).join(", ");
  throw new ModelError(`unknown optimizer ${s}; use one of ${all} or an optimizer object such as new SGD({momentum: 0.9})${inFullBuild()}`);
}
