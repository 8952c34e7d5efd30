// The activations beyond scratchnet/core's (the funcs of issue 14): entries of the table in
// core/activations.ts (which says what an entry is and what adding one touches), registered into it
// by src/extras.ts. This file imports only the entry's type, so the table can import its type.
import { unary, type ActivationEntry, type OnnxWriter } from "../core/activation-entry.js";

/** Φ(z) = ½ + ½·erf(z/√2), for gelu's ONNX form. */
const geluCdf = (g: OnnxWriter, z: string, half: string) =>
  g.op("Add", [half, g.op("Mul", [half, g.op("Erf", [g.op("Mul", [z, g.constant("invSqrt2", Math.SQRT1_2)])])])]);

/** Appended to the table, in this order. */
export const EXTRA_ACTIVATIONS = {
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

export type ExtraActivations = typeof EXTRA_ACTIVATIONS;
