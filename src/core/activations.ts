// Every activation scratchnet has, in one table. It sits in core/, below everything that reads
// it, because the kernel interface itself (core/kernels.ts) is derived from it; it imports
// nothing, so neither the ONNX writer nor the threads come into a bundle that reads it.
//
// Adding an activation touches these places and no others:
//   1. assembly/activations/<kernel>.ts   <kernel>(x, out, n) and <kernel>Backward(a, dy, dz, n), a = the forward's output
//   2. assembly/index.ts                  its export line
//   3. this table                         one entry
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

/** What an entry's `onnx` writes with: to-onnx.ts gives one per layer. */
export interface OnnxWriter {
  /** Appends the node `type(inputs)`; returns the name of its output. */
  op(type: string, inputs: string[], attributes?: Record<string, number>): string;
  /** A float scalar initializer named after the layer and `name`; returns its name. */
  constant(name: string, value: number): string;
}

export interface ActivationEntry {
  /** Its kernels in assembly/index.ts: `kernel` and `${kernel}Backward`. */
  readonly kernel: string;
  /**
   * "rows": the kernels take (…, rows, cols) and see a row at a time (softmax). Else they take
   * (…, n) and compute each element from its own input alone, so threads may cut a pass anywhere.
   */
  readonly over?: "rows";
  /** assembly/bias-activation.ts fuses its derivative with the bias gradient, with kind `${kernel}Kind` (a module export). */
  readonly fused?: true;
  /** An e^x or so an element: the threads share its passes from fewer elements (parallel/kernels.ts). */
  readonly costly?: true;
  /** Its backward reads the forward's INPUT z, not its output a, which does not give z back (swish, gelu): layers keep z for it. */
  readonly fromInput?: true;
  /** Its derivative is 0 wherever it exists, so gradient descent cannot train through it. */
  readonly flat?: true;
  /** The name model.json holds when it is another entry's (TF.js writes identity as linear). */
  readonly savedAs?: string;
  /** Keras' spelling when it differs from TF.js' (accepted when reading a model file). */
  readonly keras?: string;
  /** The ONNX nodes (opset 13) that compute it from the value named `z`; without it toOnnx refuses the layer. */
  readonly onnx?: (g: OnnxWriter, z: string) => string;
}

const unary = (type: string) => (g: OnnxWriter, z: string) => g.op(type, [z]);
/** Φ(z) = ½ + ½·erf(z/√2), for gelu's ONNX form. */
const geluCdf = (g: OnnxWriter, z: string, half: string) =>
  g.op("Add", [half, g.op("Mul", [half, g.op("Erf", [g.op("Mul", [z, g.constant("invSqrt2", Math.SQRT1_2)])])])]);
const FLOAT = 1; // ONNX TensorProto.DataType.FLOAT

/** The table. Keys are the names users pass (TF.js' spelling); the order is the order messages list them in. */
export const ACTIVATIONS = {
  linear: { kernel: "identity", fused: true, onnx: (_g, z) => z },
  identity: { kernel: "identity", fused: true, savedAs: "linear", onnx: (_g, z) => z },
  sigmoid: { kernel: "sigmoid", fused: true, costly: true, onnx: unary("Sigmoid") },
  tanh: { kernel: "tanh", fused: true, costly: true, onnx: unary("Tanh") },
  relu: { kernel: "relu", fused: true, onnx: unary("Relu") },
  softmax: { kernel: "softmax", over: "rows", onnx: (g, z) => g.op("Softmax", [z], { axis: -1 }) },
  // Exactly the kernel's rule `z > 0 ? 1 : 0`.
  step: { kernel: "step", flat: true, onnx: (g, z) => g.op("Cast", [g.op("Greater", [z, g.constant("zero", 0)])], { to: FLOAT }) },
  // ONNX's Elu, Selu and HardSigmoid defaults (α = 1; SELU's constants; 0.2, 0.5) are TF.js' own.
  elu: { kernel: "elu", costly: true, onnx: unary("Elu") },
  selu: { kernel: "selu", costly: true, onnx: unary("Selu") },
  softplus: { kernel: "softplus", costly: true, onnx: unary("Softplus") },
  softsign: { kernel: "softsign", onnx: unary("Softsign") },
  relu6: { kernel: "relu6", onnx: (g, z) => g.op("Clip", [z, g.constant("zero", 0), g.constant("six", 6)]) },
  hardSigmoid: { kernel: "hardSigmoid", keras: "hard_sigmoid", onnx: unary("HardSigmoid") },
  swish: { kernel: "swish", fromInput: true, costly: true, onnx: (g, z) => g.op("Mul", [z, g.op("Sigmoid", [z])]) },
  // z·(½ + ½·erf(z/√2)): ONNX's Erf (opset 13) is the exact form TF.js' 'gelu' is.
  gelu: { kernel: "gelu", fromInput: true, costly: true, onnx: (g, z) => g.op("Mul", [z, geluCdf(g, z, g.constant("half", 0.5))]) },
} as const satisfies Record<string, ActivationEntry>;

type Table = typeof ACTIVATIONS;
export type ActivationName = keyof Table;
type KernelWhere<Flag> = { [N in ActivationName]: Table[N] extends Flag ? Table[N]["kernel"] : never }[ActivationName];
/** Kernels of signature (x, out, n) and (a, dy, dz, n). */
export type ElementwiseKernel = Exclude<Table[ActivationName]["kernel"], RowKernel>;
/** Kernels of signature (x, out, rows, cols) and (a, dy, dz, rows, cols). */
export type RowKernel = KernelWhere<{ over: "rows" }>;
/** Kernels whose derivative activationBiasBackward fuses: the module exports `${kernel}Kind`. */
export type FusedKernel = KernelWhere<{ fused: true }>;

/** The names, in table order. */
export const ACTIVATION_NAMES = Object.keys(ACTIVATIONS) as ActivationName[];

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
