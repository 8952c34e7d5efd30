// What one entry of the activation table (core/activations.ts) says, in a file of its own so that
// src/extras/activations.ts, which adds entries, and the table need not import each other.

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

/** An ONNX node of one input (Sigmoid, Tanh, …). */
export const unary = (type: string) => (g: OnnxWriter, z: string) => g.op(type, [z]);
