// model.json readers of the weightless layers (TF.js' config keys, and Keras' where they differ:
// Keras 3's LeakyReLU writes negative_slope). Each checks the config by building the layer once,
// so a bad value is refused by name with the constructor's own message; io/topology.ts registers them.
import { Activation } from "../layers/activation.js";
import { Dropout } from "../layers/dropout.js";
import { Flatten } from "../layers/flatten.js";
import { LeakyReLU } from "../layers/leaky-relu.js";
import { Reshape } from "../layers/reshape.js";
import type { Layer } from "../layers/layer.js";
import { savedNames, type ActivationName } from "../core/activations.js";

export type Fail = (what: string) => never;
export type Config = Record<string, unknown>;
export interface Spec { className: string; name: string; create(inputShape?: number[]): Layer }

/** A spec whose layer `make` builds; `make` is tried once here so that its errors become the file's. */
export function spec(className: string, name: string, fail: Fail, make: (inputShape?: number[]) => Layer): Spec {
  try {
    make();
  } catch (e) {
    return fail(`${name}: ${(e as Error).message.replace(`${name}: `, "")}`);
  }
  return { className, name, create: make };
}

export const shapeArg = (inputShape?: number[]) => (inputShape ? { inputShape } : {});
const orUndefined = (v: unknown) => (v === null ? undefined : v);

function readActivation(c: Config, name: string, fail: Fail): Spec {
  const saved = c.activation ?? "linear", activation = typeof saved === "string" ? savedNames().get(saved) : undefined;
  if (!activation) {
    return fail(`${name}: activation ${JSON.stringify(saved)} is not one scratchnet has; it knows ${[...savedNames().keys()].join(", ")}`);
  }
  return spec("Activation", name, fail, (s) => new Activation({ activation: activation as ActivationName, name, ...shapeArg(s) }));
}

function readDropout(c: Config, name: string, fail: Fail): Spec {
  const seed = orUndefined(c.seed) as number | undefined, noiseShape = orUndefined(c.noise_shape) as (number | null)[] | undefined;
  const args = { rate: c.rate as number, seed, noiseShape };
  return spec("Dropout", name, fail, (s) => new Dropout({ ...args, name, ...shapeArg(s) }));
}

function readLeakyReLU(c: Config, name: string, fail: Fail): Spec {
  const alpha = (c.alpha ?? c.negative_slope ?? 0.3) as number; // TF.js and Keras 2: alpha; Keras 3: negative_slope
  return spec("LeakyReLU", name, fail, (s) => new LeakyReLU({ alpha, name, ...shapeArg(s) }));
}

function readFlatten(c: Config, name: string, fail: Fail): Spec {
  // channels_first moves the channel axis to the front before flattening; scratchnet's samples are channels_last.
  if (c.data_format === "channels_first") {
    return fail(`${name}: Flatten with data_format 'channels_first' is not implemented; scratchnet's samples are channels_last`);
  }
  return spec("Flatten", name, fail, (s) => new Flatten({ name, ...shapeArg(s) }));
}

function readReshape(c: Config, name: string, fail: Fail): Spec {
  return spec("Reshape", name, fail, (s) => new Reshape({ targetShape: c.target_shape as number[], name, ...shapeArg(s) }));
}

/** The readers by TF.js class name. */
export const weightlessReaders: Record<string, (c: Config, name: string, fail: Fail) => Spec> = {
  Activation: readActivation, Dropout: readDropout, LeakyReLU: readLeakyReLU, Flatten: readFlatten, Reshape: readReshape,
};
