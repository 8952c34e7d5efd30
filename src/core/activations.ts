// Every activation scratchnet has, in one table. It sits in core/, below everything that reads
// it, because the kernel interface itself (core/kernels.ts) is derived from it; it imports
// only its entry's type (core/activation-entry.ts), so neither the ONNX writer nor the threads come into a bundle that reads it.
//
// Adding an activation touches these places and no others:
//   1. assembly/activations/<kernel>.ts   <kernel>(x, out, n) and <kernel>Backward(a, dy, dz, n), a = the forward's output
//   2. assembly/index.ts                  its export line
//   3. this table                         one entry (src/extras/activation-table.ts for one that is not
//                                         in scratchnet/core: src/extras.ts registers that table here)
//   4. test/reference/activations.ts      the f64 <kernel> and <kernel>Backward
//   5. test/kernels/<kernel>.test.ts      its edge cases (test/core/activations.test.ts and the
//                                         gradient, ONNX and fused tests take every entry already)
//   An activation whose output does not give z back (swish, gelu) sets `fromInput: true`: its
//   backward then takes z, which Dense keeps in a buffer of its own, and it cannot be fused.
//   And, only to fuse its derivative into Dense's backward, assembly/bias-activation.ts (a
//   `<kernel>Kind` constant and its branch) plus `fused: true` here.
// The rest derives from the table: Kernels (core/kernels.ts), getActivation and Dense
// (layers/activations.ts), the tensor wrappers (ops/activations.ts), model.json's names
// (io/topology.ts, Dense.getConfig), ONNX export (io/onnx/to-onnx.ts), the threads' jobs
// (parallel/protocol.ts, parallel/kernels.ts) and the CLI's --activation (cli/options.ts).
// The course's lessons (course/activations.ts, deep-neural-net.ts, step-by-step.ts) name the
// activations they teach; a new one is not added to them.

import { unary, type ActivationEntry } from "./activation-entry.js";
import type { ExtraActivations } from "../extras/activation-table.js";

export type { ActivationEntry, OnnxWriter } from "./activation-entry.js";

const FLOAT = 1; // ONNX TensorProto.DataType.FLOAT

/** scratchnet/core's entries; src/extras.ts registers src/extras/activation-table.ts's after these. */
const CORE = {
  linear: { kernel: "identity", fused: true, onnx: (_g, z) => z },
  identity: { kernel: "identity", fused: true, savedAs: "linear", onnx: (_g, z) => z },
  sigmoid: { kernel: "sigmoid", fused: true, costly: true, onnx: unary("Sigmoid") },
  tanh: { kernel: "tanh", fused: true, costly: true, onnx: unary("Tanh") },
  relu: { kernel: "relu", fused: true, onnx: unary("Relu") },
  softmax: { kernel: "softmax", over: "rows", onnx: (g, z) => g.op("Softmax", [z], { axis: -1 }) },
  // Exactly the kernel's rule `z > 0 ? 1 : 0`.
  step: { kernel: "step", flat: true, onnx: (g, z) => g.op("Cast", [g.op("Greater", [z, g.constant("zero", 0)])], { to: FLOAT }) },
} as const satisfies Record<string, ActivationEntry>;

/**
 * The table. Keys are the names users pass (TF.js' spelling); the order is the order messages list
 * them in. Its type has every entry (the kernels' types derive from it); at run time it holds the
 * registered ones: CORE, and the extras' once src/extras.ts has run (the full barrel imports it).
 */
export const ACTIVATIONS = { ...CORE } as typeof CORE & ExtraActivations;

type Table = typeof ACTIVATIONS;
export type ActivationName = keyof Table;
type KernelWhere<Flag> = { [N in ActivationName]: Table[N] extends Flag ? Table[N]["kernel"] : never }[ActivationName];
/** Kernels of signature (x, out, n) and (a, dy, dz, n). */
export type ElementwiseKernel = Exclude<Table[ActivationName]["kernel"], RowKernel>;
/** Kernels of signature (x, out, rows, cols) and (a, dy, dz, rows, cols). */
export type RowKernel = KernelWhere<{ over: "rows" }>;
/** Kernels whose derivative activationBiasBackward fuses: the module exports `${kernel}Kind`. */
export type FusedKernel = KernelWhere<{ fused: true }>;

/** The registered names, in table order. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

/** Adds entries after those already there (src/extras.ts). */
export function registerActivations(more: Record<string, ActivationEntry>): void {
  Object.assign(ACTIVATIONS, more);
  ACTIVATION_NAMES.push(...(Object.keys(more) as ActivationName[]));
}

/** Whether `name` is a key of the table (not an Object.prototype member such as "toString"). */
export const isActivationName = (name: string): name is ActivationName => Object.hasOwn(ACTIVATIONS, name);

// Functions rather than constants, so that a bundle that does not call them (scratchnet/core
// has no threads and no model files) leaves them out.
const entries = () => ACTIVATION_NAMES.map((name) => [name, ACTIVATIONS[name] as ActivationEntry] as const);

/** Each element-by-element kernel once (linear and identity share one), with its cost. */
export const elementwiseKernels = (): { kernel: ElementwiseKernel; costly: boolean }[] =>
  [...new Map(entries().filter(([, e]) => !e.over).map(([, e]) => [e.kernel as ElementwiseKernel, !!e.costly])).entries()]
    .map(([kernel, costly]) => ({ kernel, costly }));

/** The names model.json may hold (TF.js' and Keras' spellings), each with the entry it means. */
export const savedNames = (): ReadonlyMap<string, ActivationName> => new Map(entries().filter(([, e]) => !e.savedAs)
  .flatMap(([name, e]) => (e.keras ? [[name, name], [e.keras, name]] : [[name, name]]) as [string, ActivationName][]));
