// A Sequential model as an ONNX graph. Each Dense layer becomes the same arithmetic it runs here:
//   z = MatMul(x, kernel)             kernel [inputs, units], row-major as getWeights() gives it
//   z = Add(z, bias)                  broadcast over the batch rows (left out when useBias is false)
//   a = the nodes the activation table gives (core/activations.ts: Sigmoid(z), Softmax(z, axis -1),
//       nothing for linear, ...)
// The weightless layers: Activation is its table entry's nodes; LeakyReLU is LeakyRelu(alpha);
// Flatten is Flatten(axis 1); Reshape is Reshape(x, [0, ...its output shape]) (0 keeps the batch);
// Dropout writes nothing (the graph computes inference, where it is the identity). Each
// BatchNormalization layer is ONNX's BatchNormalization(x, gamma, beta, moving_mean, moving_variance,
// epsilon): inference, as predict runs it. The image layers (Conv2D, the poolings, ZeroPadding2D) and a
// BatchNormalization of images run in NCHW between Transposes from and back to the model's NHWC: io/onnx/onnx-images.ts.
// The input is "input" [batch, ...inputShape] and the output "output" [batch, ...output shape], where
// "batch" is a symbolic dimension so any number of rows can be fed. Opset 13 (IR version 7, ONNX 1.8)
// has every operator used here; test/io/onnx.test.ts and onnx-layers.test.ts run the files in onnxruntime-node.
import { ModelError } from "../../core/errors.js";
import { ACTIVATIONS, ACTIVATION_NAMES, isActivationName, type ActivationEntry, type OnnxWriter } from "../../core/activations.js";
import type { Dense } from "../../layers/dense.js";
import type { BatchNormalization } from "../../layers/batch-normalization.js";
import type { Layer } from "../../layers/layer.js";
import type { LeakyReLU } from "../../layers/leaky-relu.js";
import type { Sequential } from "../../models/sequential.js";
import { encodeModel, type OnnxGraph, type OnnxInitializer, type OnnxNode } from "./onnx-proto.js";
import { IMAGE_LAYERS, TO_NCHW, TO_NHWC, elementwise, imageLayer, type GraphBuilder, type Layout } from "./onnx-images.js";

export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
export const ONNX_INPUT = "input";
export const ONNX_OUTPUT = "output";

/** The bytes of an .onnx file that computes what `model.predict` computes. */
export function toOnnx(model: Sequential): Uint8Array {
  return encodeModel({ irVersion: ONNX_IR_VERSION, opsetVersion: ONNX_OPSET, producerName: "scratchnet", graph: onnxGraph(model) });
}

/** The graph toOnnx() writes, as plain objects (useful to read or to test). */
export function onnxGraph(model: Sequential): OnnxGraph {
  try {
    model.built(); // weights exist and are not freed
  } catch (e) {
    throw new ModelError(`toOnnx: ${(e as Error).message}`);
  }
  assertUniqueNames(model);
  const values = model.getWeights(), byName = new Map(model.weights().map((w, i) => [w.name, values[i]]));
  const nodes: OnnxNode[] = [];
  const initializers: OnnxInitializer[] = [];
  /** The initializer of the layer's weight `what` (by its TF.js name), or of a constant when it has none. */
  const weight = (layer: Layer, what: string, constant?: number): string => {
    const name = `${layer.name}/${what}`, w = byName.get(name);
    const data = w?.data ?? new Float32Array(layer.outputShape[layer.outputShape.length - 1]).fill(constant ?? 0);
    initializers.push({ name, dims: w?.shape ?? [data.length], data });
    return name;
  };
  const graph: GraphBuilder = {
    op: (layer, opType, inputs, attributes) => op(nodes, layer, opType, inputs, attributes),
    initializer: (name, dims, data) => (initializers.push({ name, dims, data }), name),
    weight: (layer, what) => byName.get(`${layer.name}/${what}`),
    activation: (layer, z) => activation(nodes, initializers, layer, z),
  };
  let x = ONNX_INPUT, layout: Layout = "nhwc";
  for (const [i, l] of model.layers.entries()) {
    // ONNX's BatchNormalization normalizes axis 1: an image's channels in NCHW, as TF.js' axis -1 does in NHWC.
    const imageNorm = l.className === "BatchNormalization" && l.inputShape.length === 3;
    if (layout === "nhwc" && (IMAGE_LAYERS.includes(l.className) || imageNorm)) {
      [x, layout] = [op(nodes, l, "Transpose", [x], { perm: TO_NCHW }), "nchw"];
    }
    if (IMAGE_LAYERS.includes(l.className)) {
      ({ x, layout } = imageLayer(graph, l, x, model.layers.slice(i + 1).find((n) => n.className !== "Dropout")));
      continue;
    }
    const keepsLayout = imageNorm || l.className === "Dropout" || l.className === "LeakyReLU"
      || (l.className === "Activation" && elementwise(l));
    if (layout === "nchw" && !keepsLayout) [x, layout] = [op(nodes, l, "Transpose", [x], { perm: TO_NHWC }), "nhwc"];
    switch (l.className) {
      case "Dense": {
        const layer = l as Dense;
        x = op(nodes, layer, "MatMul", [x, weight(layer, "kernel")]);
        if (layer.useBias) x = op(nodes, layer, "Add", [x, weight(layer, "bias")]);
        x = activation(nodes, initializers, layer, x);
        break;
      }
      case "BatchNormalization": { // inference: the moving statistics; γ = 1 and β = 0 when scale/center are off
        // ONNX normalizes axis 1 (NCHW); here the features are last, the same axis only for flat rows (and images, transposed).
        if (l.inputShape.length > 1 && !imageNorm) {
          throw new ModelError(`toOnnx: ${l.name} normalizes the last axis of [null, ${l.inputShape.join(", ")}], `
            + "which ONNX's BatchNormalization (axis 1) does not; toOnnx writes it after flat rows only");
        }
        const inputs = [x, weight(l, "gamma", 1), weight(l, "beta", 0), weight(l, "moving_mean"), weight(l, "moving_variance")];
        x = op(nodes, l, "BatchNormalization", inputs, undefined, { epsilon: (l as BatchNormalization).epsilon });
        break;
      }
      case "Activation": x = activation(nodes, initializers, l, x); break;
      case "LeakyReLU": x = op(nodes, l, "LeakyRelu", [x], undefined, { alpha: (l as LeakyReLU).alpha }); break;
      case "Flatten": x = op(nodes, l, "Flatten", [x], { axis: 1 }); break;
      case "Reshape": {
        const shape = `${l.name}/shape`;
        initializers.push({ name: shape, dims: [l.outputShape.length + 1], data: BigInt64Array.from([0, ...l.outputShape].map(BigInt)) });
        x = op(nodes, l, "Reshape", [x, shape]);
        break;
      }
      case "Dropout": break; // the identity in inference
      default:
        throw new ModelError(`toOnnx: ${l.name} is a ${l.className} layer; toOnnx writes Dense, BatchNormalization, Activation, `
          + `LeakyReLU, Dropout, Flatten and Reshape layers, and the image layers ${IMAGE_LAYERS.join(", ")}`);
    }
  }
  if (layout === "nchw") x = op(nodes, model.layers.at(-1)!, "Transpose", [x], { perm: TO_NHWC }); // an image out, as predict gives it
  if (x === ONNX_INPUT) x = op(nodes, model.layers[0], "Identity", [x]); // only Dropouts: the output is the input
  nodes[nodes.length - 1].outputs = [ONNX_OUTPUT]; // the last value computed is the graph's output
  return {
    name: model.name,
    nodes,
    initializers,
    inputs: [{ name: ONNX_INPUT, dims: ["batch", ...model.inputShape] }],
    outputs: [{ name: ONNX_OUTPUT, dims: ["batch", ...model.outputShapes.at(-1)!] }],
  };
}

/** Append `opType(inputs)` for `layer`; returns the name of its output. A second node of one type gets `_1`, and so on. */
function op(nodes: OnnxNode[], layer: Layer, opType: string, inputs: string[], attributes?: Record<string, number | number[]>,
  floatAttributes?: Record<string, number>): string {
  const base = `${layer.name}/${opType}`;
  let name = base;
  for (let i = 1; nodes.some((n) => n.name === name); i++) name = `${base}_${i}`;
  const output = `${name}:0`;
  nodes.push({ opType, name, inputs, outputs: [output], ...(attributes ? { attributes } : {}),
    ...(floatAttributes ? { floatAttributes } : {}) });
  return output;
}

/** Append the nodes of the layer's activation applied to `z`; returns the name of its output. */
function activation(nodes: OnnxNode[], initializers: OnnxInitializer[], layer: Layer, z: string): string {
  const name: string = layer.activation.name;
  const write = isActivationName(name) ? (ACTIVATIONS[name] as ActivationEntry).onnx : undefined;
  if (!write) {
    const known = ACTIVATION_NAMES.filter((n) => (ACTIVATIONS[n] as ActivationEntry).onnx).join(", ");
    throw new ModelError(`toOnnx: ${layer.name} has activation '${name}', which has no ONNX export; use ${known}`);
  }
  const writer: OnnxWriter = {
    op: (type, inputs, attributes) => op(nodes, layer, type, inputs, attributes),
    constant(what, value) {
      const constant = `${layer.name}/${what}`;
      initializers.push({ name: constant, dims: [], data: Float32Array.of(value) }); // a scalar, broadcast
      return constant;
    },
  };
  return write(writer, z);
}

/** Nodes and weights are named after their layer, and ONNX needs every name once (as Keras does). */
function assertUniqueNames(model: Sequential): void {
  const seen = new Set<string>();
  for (const layer of model.layers) {
    if (seen.has(layer.name)) {
      throw new ModelError(`toOnnx: two layers of ${model.name} are named '${layer.name}', and ONNX names each node and weight after its layer; build the model again with a distinct name for each Dense and copy the weights over with setWeights(model.getWeights())`);
    }
    seen.add(layer.name);
  }
}
