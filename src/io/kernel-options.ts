// The config keys Dense and Conv2D share in model.json (TF.js' and Keras' spellings): activation,
// use_bias, kernel/bias initializers and kernel_regularizer, read into the layers' args. A penalty
// or constraint scratchnet does not implement is refused by name, never dropped silently.
import type { Regularizer } from "../layers/dense.js";
import { savedNames, type ActivationName } from "../core/activations.js";
import type { InitializerSpec } from "../layers/initializers.js";
import { readInitializer } from "./initializer-json.js";

type Fail = (what: string) => never;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export interface KernelOptions {
  activation: ActivationName;
  useBias: boolean;
  regularizer?: Regularizer;
  /** The layer's args for them (kernelInitializer, biasInitializer, kernelRegularizer), present only when the file gives them. */
  args: { kernelInitializer?: InitializerSpec; biasInitializer?: InitializerSpec; kernelRegularizer?: Regularizer };
}

function regularizerOf(name: string, r: unknown, fail: Fail): Regularizer | undefined {
  if (r === null || r === undefined) return undefined;
  const c = isObject(r) && isObject(r.config) ? r.config : {};
  const cls = isObject(r) ? r.class_name : undefined;
  if (cls !== "L1L2" && cls !== "L1" && cls !== "L2") {
    return fail(`${name}: kernel_regularizer ${JSON.stringify(cls)} is not one scratchnet has; it knows L1, L2 and L1L2`);
  }
  // Keras' L1 and L2 classes default their rate to 0.01 (L1L2's class defaults are 0 in Keras, 0.01 in TF.js: files write both).
  const l1 = Number(c.l1 ?? (cls === "L1" ? 0.01 : 0)), l2 = Number(c.l2 ?? (cls === "L2" ? 0.01 : 0));
  if (!(l1 >= 0 && l2 >= 0 && Number.isFinite(l1 + l2))) {
    return fail(`${name}: kernel_regularizer l1 ${c.l1}, l2 ${c.l2} must be finite and ≥ 0`);
  }
  return { l1, l2 };
}

/** The activation by its saved name (TF.js' and Keras': 'linear', 'relu', ...). */
export function activationOf(c: Record<string, unknown>, name: string, fail: Fail): ActivationName {
  const saved = c.activation ?? "linear", activation = typeof saved === "string" ? savedNames().get(saved) : undefined;
  if (!activation) {
    return fail(`${name}: activation ${JSON.stringify(saved)} is not one scratchnet has; it knows ${[...savedNames().keys()].join(", ")}`);
  }
  return activation;
}

/** Refuse each of `keys` that the config sets (not null): a file's penalty or constraint is never dropped silently. */
export function refuseSet(c: Record<string, unknown>, name: string, keys: string[], fail: Fail, instead = ""): void {
  for (const key of keys) {
    if (c[key] !== null && c[key] !== undefined) {
      fail(`${name}: ${key} is not implemented in scratchnet${instead}; set it to null in model.json to load the model without it`);
    }
  }
}

/** Activation, bias, initializers and kernel_regularizer of a Dense or Conv2D config. */
export function kernelOptions(c: Record<string, unknown>, name: string, fail: Fail): KernelOptions {
  const activation = activationOf(c, name, fail);
  refuseSet(c, name, ["bias_regularizer", "activity_regularizer"], fail, " (only kernel_regularizer)");
  const useBias = c.use_bias !== false, regularizer = regularizerOf(name, c.kernel_regularizer, fail);
  const kernelInitializer = readInitializer(c.kernel_initializer, `${name}: kernel_initializer`, fail);
  const biasInitializer = readInitializer(c.bias_initializer, `${name}: bias_initializer`, fail);
  const args = {
    ...(kernelInitializer ? { kernelInitializer } : {}), ...(biasInitializer ? { biasInitializer } : {}),
    ...(regularizer ? { kernelRegularizer: regularizer } : {}),
  };
  return { activation, useBias, regularizer, args };
}
