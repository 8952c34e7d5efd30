// The checks every weightless layer's constructor makes of its args: no option scratchnet does
// not implement (refused by name, not ignored), and an inputShape of positive integers.
import { ModelError, assertPositiveInteger } from "../core/errors.js";

/** The args common to every layer. */
export interface BaseLayerArgs {
  /** The per-sample input shape; the first layer of a model needs one. */
  inputShape?: number[];
  name?: string;
}

/** Throw on an option outside `known` (plus inputShape and name); return the declared input shape, checked. */
export function checkLayerArgs(name: string, className: string, args: object, known: readonly string[]): number[] | undefined {
  const all = [...known, "inputShape", "name"], given = args as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !all.includes(key) && given[key] !== undefined);
  if (unknown !== undefined) {
    throw new ModelError(`${name}: option '${unknown}' is not implemented in scratchnet; ${className} takes ${all.join(", ")}`);
  }
  const shape = given.inputShape;
  if (shape === undefined) return undefined;
  if (!Array.isArray(shape)) throw new ModelError(`${name}: inputShape must be an array such as [28, 28], got ${JSON.stringify(shape)}`);
  shape.forEach((d) => assertPositiveInteger(`${name}: inputShape`, d));
  return [...(shape as number[])];
}
