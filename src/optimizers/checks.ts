// Argument checks shared by the optimizers and the schedules: a clear ModelError naming the option.
import { ModelError } from "../core/errors.js";

/** `args` if an object of known keys: TF.js' positional sgd(0.1), Keras' lr or nesterov would silently train with defaults. */
export function options<T extends object>(name: string, args: T, keys: readonly string[]): T {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    const rate = typeof args === "number" ? args : 0.01;
    throw new ModelError(`new ${name}(${String(args)}): options are an object; use new ${name}({learningRate: ${rate}})`);
  }
  const bad = Object.keys(args).find((k) => !keys.includes(k) && (args as Record<string, unknown>)[k] !== undefined);
  if (bad !== undefined) throw new ModelError(`${name}: unknown option '${bad}'; ${name} takes ${keys.join(", ")}`);
  return args;
}

/** `v` if in [lo, hi), else a ModelError naming the option and its usual value. */
export function inRange(name: string, key: string, v: number, lo: number, hi: number, usual: number): number {
  if (!(typeof v === "number" && v >= lo && v < hi)) {
    throw new ModelError(`${name} ${key} must be in [${lo}, ${hi}), got ${String(v)}; the usual value is ${usual}`);
  }
  return v;
}

/** `v` if a positive finite number (an ε), else a ModelError naming the option. */
export function positive(name: string, key: string, v: number, usual: number): number {
  if (!(typeof v === "number" && v > 0 && Number.isFinite(v))) {
    throw new ModelError(`${name} ${key} must be a positive finite number, got ${String(v)}; the usual value is ${usual}`);
  }
  return v;
}
