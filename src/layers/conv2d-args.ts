// Conv2D's arguments as TF.js takes them (tf.layers.conv2d), checked once in the constructor:
// kernelSize and strides a number or a pair, TF.js' defaults, and what scratchnet does not do
// refused by name (channelsFirst, dilation) rather than silently ignored.
import { ModelError } from "../core/errors.js";
import type { ActivationName } from "./activations.js";
import type { InitializerSpec } from "./initializers.js";
import type { RegularizerSpec } from "../regularizers.js";

export interface Conv2DArgs {
  filters: number;
  kernelSize: number | [number, number];
  strides?: number | [number, number];
  padding?: "valid" | "same";
  /** 'channelsLast' only (TF.js' default): images are [h, w, c]. */
  dataFormat?: "channelsLast" | "channelsFirst";
  /** 1 only (TF.js' default). */
  dilationRate?: number | [number, number];
  activation?: ActivationName;
  useBias?: boolean;
  kernelInitializer?: InitializerSpec;
  biasInitializer?: InitializerSpec;
  kernelRegularizer?: RegularizerSpec;
  inputShape?: number[];
  name?: string;
}

export const CONV2D_OPTIONS = ["filters", "kernelSize", "strides", "padding", "dataFormat", "dilationRate", "activation", "useBias",
  "kernelInitializer", "biasInitializer", "kernelRegularizer", "inputShape", "name"];

type Pair = [number, number];

/** A number or a pair of positive integers as [rows, cols] (TF.js' normalizeArray). */
export function pair(name: string, what: string, v: unknown): [number, number] {
  const p = typeof v === "number" ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && d > 0)) {
    throw new ModelError(`${name}: ${what} must be a positive integer or a pair [height, width] of them, got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
}

/** The checked geometry options: kernel [kh, kw], strides [down, across], padding. */
export function convOptions(name: string, args: Conv2DArgs): { kernel: Pair; strides: Pair; padding: "valid" | "same" } {
  const given = args as unknown as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !CONV2D_OPTIONS.includes(key) && given[key] !== undefined);
  if (unknown !== undefined) {
    throw new ModelError(`${name}: option '${unknown}' is not implemented in scratchnet; Conv2D takes ${CONV2D_OPTIONS.join(", ")}`);
  }
  if (args.kernelSize === undefined) throw new ModelError(`${name}: kernelSize is required, e.g. kernelSize: 3 or [3, 3]`);
  const kernel = pair(name, "kernelSize", args.kernelSize), strides = pair(name, "strides", args.strides ?? 1);
  const padding = args.padding ?? "valid";
  if (padding !== "valid" && padding !== "same") {
    throw new ModelError(`${name}: padding '${String(padding)}' is not 'valid' or 'same' (TF.js' 'causal' is for Conv1D)`);
  }
  if (args.dataFormat !== undefined && args.dataFormat !== "channelsLast") {
    throw new ModelError(`${name}: dataFormat '${args.dataFormat}' is not supported; scratchnet's images are channelsLast `
      + "[h, w, c] (TF.js' default): transpose NCHW data to NHWC and leave dataFormat out");
  }
  if (args.dilationRate !== undefined && pair(name, "dilationRate", args.dilationRate).some((d) => d !== 1)) {
    throw new ModelError(`${name}: dilationRate ${JSON.stringify(args.dilationRate)} is not supported; only 1 (TF.js' default)`);
  }
  return { kernel, strides, padding };
}
