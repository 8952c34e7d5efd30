// The image layers as ONNX nodes. scratchnet's images are NHWC (TF.js' channels last) and ONNX's
// Conv and pools take NCHW, so the graph keeps the model's NHWC input for its users and transposes:
//   Transpose(perm [0, 3, 1, 2])   before the first image layer of a run of them
//   Conv(x, W, B)                  W = the kernel [kh, kw, cin, cout] transposed to [cout, cin, kh, kw]
//   MaxPool / AveragePool          count_include_pad 0: TF.js averages a 'same' window over its in-image values
//   GlobalAveragePool / GlobalMaxPool, then Flatten(axis 1): [n, c, 1, 1] → TF.js' [n, c]
//   Pad(x, [0, 0, top, left, 0, 0, bottom, right])   ZeroPadding2D; before a MaxPool it pads with −0 (equal to 0):
//                                  onnxruntime (≥ 1.17, its PadFusion) moves a Pad of +0 into the MaxPool's pads, where
//                                  padding counts as −∞, so a window of negative values would lose its 0s (measured)
//   Transpose(perm [0, 2, 3, 1])   before any other layer (Flatten, Dense, softmax over channels, ...), so
//                                  that it sees TF.js' order, and at the end when the output is an image
// Padding: TF.js' 'same' pads total = max((out − 1)·stride + k − size, 0) on each axis, floor(total / 2)
// before and the rest (the larger half) after; ONNX takes them explicitly as [top, left, bottom, right].
import { ModelError } from "../../core/errors.js";
import { ACTIVATIONS, isActivationName, type ActivationEntry } from "../../core/activations.js";
import type { Layer } from "../../layers/layer.js";

/** Where the channels of the value flowing through the graph are: last (TF.js' order) or second (ONNX's images). */
export type Layout = "nhwc" | "nchw";
export const TO_NCHW = [0, 3, 1, 2], TO_NHWC = [0, 2, 3, 1];

/** What the image writers need from to-onnx.ts' graph under construction. */
export interface GraphBuilder {
  op(layer: Layer, opType: string, inputs: string[], attributes?: Record<string, number | number[]>): string;
  initializer(name: string, dims: number[], data: Float32Array | BigInt64Array): string;
  /** The layer's weight `what` ("kernel", "bias") as getWeights() holds it, or undefined. */
  weight(layer: Layer, what: string): { data: Float32Array; shape: number[] } | undefined;
  activation(layer: Layer, z: string): string;
}

/** The layers written here, which take NCHW in the graph. */
export const IMAGE_LAYERS = ["Conv2D", "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D", "ZeroPadding2D"];

type Pair = [number, number];
interface Windowed extends Layer { kernelSize?: Pair; poolSize?: Pair; strides: Pair; padding: "valid" | "same" }
interface Conv extends Windowed { kernelSize: Pair; filters: number; useBias: boolean }

/** Whether the activation works value by value, so that it runs on NCHW as it does on NHWC (softmax works over channels). */
export function elementwise(layer: Layer): boolean {
  const name: string = layer.activation.name;
  return !isActivationName(name) || !(ACTIVATIONS[name] as ActivationEntry).over;
}

/** ONNX's pads [top, left, bottom, right] for TF.js' padding of the layer's window. */
function pads(layer: Layer, [kh, kw]: Pair, [sh, sw]: Pair, padding: "valid" | "same"): number[] {
  const axis = (size: number, k: number, s: number, out: number): Pair => {
    const total = padding === "same" ? Math.max((out - 1) * s + k - size, 0) : 0;
    return [Math.floor(total / 2), total - Math.floor(total / 2)];
  };
  const [top, bottom] = axis(layer.inputShape[0], kh, sh, layer.outputShape[0]);
  const [left, right] = axis(layer.inputShape[1], kw, sw, layer.outputShape[1]);
  return [top, left, bottom, right];
}

/** The kernel [kh, kw, cin, cout] (TF.js) as [cout, cin, kh, kw] (ONNX's Conv). */
function kernelOIHW(k: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(k.length);
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < cin; i++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) out[((o * cin + i) * kh + y) * kw + x] = k[((y * kw + x) * cin + i) * cout + o];
      }
    }
  }
  return out;
}

function conv(g: GraphBuilder, l: Conv, x: string): { x: string; layout: Layout } {
  const kernel = g.weight(l, "kernel")!, oihw = [kernel.shape[3], kernel.shape[2], kernel.shape[0], kernel.shape[1]];
  const inputs = [x, g.initializer(`${l.name}/kernel`, oihw, kernelOIHW(kernel.data, kernel.shape))];
  if (l.useBias) inputs.push(g.initializer(`${l.name}/bias`, [l.filters], g.weight(l, "bias")!.data));
  const window = { kernel_shape: [...l.kernelSize], strides: [...l.strides], pads: pads(l, l.kernelSize, l.strides, l.padding) };
  const z = g.op(l, "Conv", inputs, window);
  if (elementwise(l)) return { x: g.activation(l, z), layout: "nchw" };
  return { x: g.activation(l, g.op(l, "Transpose", [z], { perm: TO_NHWC })), layout: "nhwc" }; // softmax over the channels
}

/** The nodes of an image layer (one of IMAGE_LAYERS) applied to `x` in NCHW; returns its output and that output's layout. */
export function imageLayer(g: GraphBuilder, l: Layer, x: string, next?: Layer): { x: string; layout: Layout } {
  const w = l as Windowed;
  switch (l.className) {
    case "Conv2D": return conv(g, l as Conv, x);
    case "MaxPooling2D":
    case "AveragePooling2D": {
      const attributes = { kernel_shape: [...w.poolSize!], strides: [...w.strides], pads: pads(l, w.poolSize!, w.strides, w.padding) };
      if (l.className === "MaxPooling2D") return { x: g.op(l, "MaxPool", [x], attributes), layout: "nchw" };
      return { x: g.op(l, "AveragePool", [x], { ...attributes, count_include_pad: 0 }), layout: "nchw" };
    }
    case "GlobalAveragePooling2D":
    case "GlobalMaxPooling2D": { // [n, c, 1, 1] flattened to TF.js' [n, c]: the same order in either layout
      const pooled = g.op(l, l.className === "GlobalMaxPooling2D" ? "GlobalMaxPool" : "GlobalAveragePool", [x]);
      return { x: g.op(l, "Flatten", [pooled], { axis: 1 }), layout: "nhwc" };
    }
    case "ZeroPadding2D": {
      const [[top, bottom], [left, right]] = (l as Layer & { padding: [Pair, Pair] }).padding;
      const padsData = BigInt64Array.from([0, 0, top, left, 0, 0, bottom, right].map(BigInt));
      const inputs = [x, g.initializer(`${l.name}/pads`, [8], padsData)];
      if (next?.className === "MaxPooling2D") inputs.push(g.initializer(`${l.name}/constant_value`, [], Float32Array.of(-0)));
      return { x: g.op(l, "Pad", inputs), layout: "nchw" };
    }
    default: throw new ModelError(`toOnnx: ${l.name} is a ${l.className}, not an image layer`);
  }
}
