// Activation functions by name, each a pair of kernels on pointers, made from the table in
// core/activations.ts (which lists what a new activation touches). The backward takes the
// forward's OUTPUT a (not z): σ' = a(1 − a), tanh' = 1 − a², relu' = [a > 0], so a layer
// keeps one buffer per batch, overwritten in place.
import type { Kernels } from "../core/kernels.js";
import { ModelError } from "../core/errors.js";
import { inFullBuild } from "../core/full-build.js";
import { ACTIVATIONS, ACTIVATION_NAMES, isActivationName, type ActivationEntry, type ActivationName } from "../core/activations.js";

export type { ActivationName };

export interface Activation {
  readonly name: ActivationName;
  /** The name model.json holds (TF.js writes identity as linear). */
  readonly savedName: string;
  /** The kernels it calls, resolved once when the table is built (no string built per step). */
  readonly kernels: { readonly forward: keyof Kernels; readonly backward: keyof Kernels };
  /**
   * Its `kind` in the fused backward kernel (activationBiasBackward in assembly/bias-activation.ts),
   * read from the module's `<kernel>Kind`, or -1 when it has none and Dense runs the separate passes.
   */
  fusedKind(k: Kernels): number;
  /** Its backward takes the forward's input z instead of its output a (swish, gelu): the layer keeps z. */
  readonly fromInput: boolean;
  /** a = f(z) over a rows×cols block; in place when a === z. */
  forward(k: Kernels, z: number, a: number, rows: number, cols: number): void;
  /** dz = dL/dz from dy = dL/da and the forward output a (input z when fromInput); in place when dz === dy. */
  backward(k: Kernels, a: number, dy: number, dz: number, rows: number, cols: number): void;
}

type Pass = (...args: number[]) => void;

function activation(name: ActivationName): Activation {
  const e: ActivationEntry = ACTIVATIONS[name];
  const forward = e.kernel as keyof Kernels, backward = `${e.kernel}Backward` as keyof Kernels;
  const kind = `${e.kernel}Kind` as keyof Kernels;
  const f = (k: Kernels) => k[forward] as Pass, b = (k: Kernels) => k[backward] as Pass;
  return {
    name,
    savedName: e.savedAs ?? name,
    fromInput: !!e.fromInput,
    kernels: { forward, backward },
    fusedKind: e.fused ? (k) => (k[kind] as WebAssembly.Global).value as number : () => -1,
    ...(e.over === "rows" ? {
      forward: (k, z, a, rows, cols) => f(k)(z, a, rows, cols),
      backward: (k, a, dy, dz, rows, cols) => b(k)(a, dy, dz, rows, cols),
    } : {
      forward: (k, z, a, rows, cols) => f(k)(z, a, rows * cols),
      backward: (k, a, dy, dz, rows, cols) => b(k)(a, dy, dz, rows * cols),
    }),
  };
}

/** Each registered activation, made on its first use (src/extras.ts may register more after this module loads). */
const table: Partial<Record<ActivationName, Activation>> = {};

/** The activation called `name`; an unknown name lists the known ones. */
export function getActivation(name: string | undefined): Activation {
  const key = name ?? "linear";
  if (!isActivationName(key)) {
    throw new ModelError(`unknown activation '${name}'; use one of ${ACTIVATION_NAMES.join(", ")}${inFullBuild()}`);
  }
  return (table[key] ??= activation(key));
}
