// Activation functions by name, each a pair of kernels on pointers. The backward takes the
// forward's OUTPUT a (not z): σ' = a(1 − a), tanh' = 1 − a², relu' = [a > 0], so a layer
// keeps one buffer per batch, overwritten in place.
import type { Kernels } from "../core/kernels.js";
import { ModelError } from "../core/errors.js";

export type ActivationName = "linear" | "identity" | "step" | "sigmoid" | "tanh" | "relu" | "softmax";

export interface Activation {
  readonly name: ActivationName;
  /** The kernels it calls, resolved once when the table is built (no string built per step). */
  readonly kernels: { readonly forward: keyof Kernels; readonly backward: keyof Kernels };
  /**
   * Its `kind` in the fused backward kernel (activationBiasBackward in assembly/bias-activation.ts),
   * or -1 when it has none and Dense runs the separate passes.
   */
  readonly fused: number;
  /** a = f(z) over a rows×cols block; in place when a === z. */
  forward(k: Kernels, z: number, a: number, rows: number, cols: number): void;
  /** dz = dL/dz from dy = dL/da and the forward output a; in place when dz === dy. */
  backward(k: Kernels, a: number, dy: number, dz: number, rows: number, cols: number): void;
}

/** The kinds assembly/bias-activation.ts knows; step and softmax have none. */
const FUSED: Record<string, number> = { identity: 0, sigmoid: 1, tanh: 2, relu: 3 };

const elementwise = (name: ActivationName, f: "identity" | "step" | "sigmoid" | "tanh" | "relu"): Activation => {
  const fBackward = `${f}Backward` as const;
  return {
    name,
    kernels: { forward: f, backward: fBackward },
    fused: FUSED[f] ?? -1,
    forward: (k, z, a, rows, cols) => k[f](z, a, rows * cols),
    backward: (k, a, dy, dz, rows, cols) => k[fBackward](a, dy, dz, rows * cols),
  };
};

const table: Record<ActivationName, Activation> = {
  linear: elementwise("linear", "identity"),
  identity: elementwise("identity", "identity"),
  step: elementwise("step", "step"),
  sigmoid: elementwise("sigmoid", "sigmoid"),
  tanh: elementwise("tanh", "tanh"),
  relu: elementwise("relu", "relu"),
  softmax: {
    name: "softmax",
    kernels: { forward: "softmax", backward: "softmaxBackward" },
    fused: -1,
    forward: (k, z, a, rows, cols) => k.softmax(z, a, rows, cols),
    backward: (k, a, dy, dz, rows, cols) => k.softmaxBackward(a, dy, dz, rows, cols),
  },
};

/** The activation called `name`; an unknown name lists the known ones. */
export function getActivation(name: string | undefined): Activation {
  const found = table[(name ?? "linear") as ActivationName];
  if (!found) {
    throw new ModelError(`unknown activation '${name}'; use one of ${Object.keys(table).join(", ")}`);
  }
  return found;
}
