// modelTopology as TensorFlow.js' model.toJSON() writes it for a Sequential (of Dense, Activation,
// Dropout, LeakyReLU, Flatten and Reshape layers: their readers in io/layer-readers.ts; the image
// layers' in io/topology-pooling.ts and io/topology-conv2d.ts), and
// the reading side, which also takes what Keras writes (tensorflowjs_converter's model_config
// wrapper, an InputLayer first with batch_input_shape or Keras 3's batch_shape, dtype-policy
// objects, a Functional model that is a plain chain). Anything else is refused by name.
import type { Model } from "../models/model.js";
import { Dense, type Regularizer } from "../layers/dense.js";
import { sizeOf, type Layer } from "../layers/layer.js";
import { weightlessReaders } from "./layer-readers.js";
import { readBatchNormalization } from "./topology-batch-norm.js";
import { poolingReaders } from "./topology-pooling.js";
import { readConv2D } from "./topology-conv2d.js";
import type { ActivationName } from "../core/activations.js";
import type { InitializerSpec } from "../layers/initializers.js";
import { initializerJson } from "./initializer-json.js";
import { kernelOptions } from "./kernel-options.js";

/** The TensorFlow.js version whose layers-model format this writes (model.json's keras_version). */
export const TFJS_FORMAT = "tfjs-layers 4.22.0";

/** A layer read from model.json: what the weight checks need, and how to make it. */
export interface LayerSpec {
  className: string;
  name: string;
  /** The layer itself; the first one is given the model's per-sample input shape. */
  create(inputShape?: number[]): Layer;
  /** Its weights for `inputs` features in, TF.js' layer order (trainable first), named after `${name}/`; none if absent. */
  weights?(inputs: number): { name: string; shape: number[]; trainable: boolean }[];
}

export interface DenseConfig extends LayerSpec {
  units: number;
  activation: ActivationName;
  useBias: boolean;
  regularizer?: Regularizer;
}

export interface Topology {
  name: string;
  /** The per-sample input shape (batch_input_shape without the batch). */
  inputShape: number[];
  inputUnits: number;
  layers: LayerSpec[];
}

export type Fail = (what: string) => never;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isDim = (d: unknown): d is number => typeof d === "number" && Number.isInteger(d) && d >= 1;

/** A layer's getConfig() as model.json holds it (TF.js' serialization): snake_case keys, initializers and regularizers as {class_name, config}. */
function configJson(config: Record<string, unknown>): Record<string, unknown> {
  const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const json = (key: string, v: unknown) => {
    if (key.endsWith("Initializer")) return initializerJson(v as InitializerSpec, "zeros");
    const r = v as Regularizer | null;
    if (key === "dataFormat") return snake(String(v)); // TF.js writes 'channels_last'
    return key.endsWith("Regularizer") && r ? { class_name: "L1L2", config: { l1: r.l1, l2: r.l2 } } : v;
  };
  return Object.fromEntries(Object.entries(config).map(([key, v]) => [snake(key), json(key, v)]));
}

/** The model's topology as TensorFlow.js' Sequential.toJSON() writes it. */
export function topologyJson(model: Model): object {
  const layers = model.layers.map((l, i) => ({
    class_name: l.className,
    config: { ...configJson(l.getConfig()), ...(i === 0 ? { batch_input_shape: [null, ...model.inputShape], dtype: "float32" } : {}) },
  }));
  return { class_name: "Sequential", config: { name: model.name, layers }, keras_version: TFJS_FORMAT, backend: "tensor_flow.js" };
}

/** float32 as a string or as a Keras 3 DTypePolicy object; anything else is refused. */
function checkDtype(name: string, dtype: unknown, fail: Fail): void {
  const value = isObject(dtype) && isObject(dtype.config) ? dtype.config.name : dtype;
  if (value !== undefined && value !== null && value !== "float32") {
    fail(`${name}: dtype ${JSON.stringify(value)} is not float32; scratchnet computes in float32, so convert the model to float32 before saving it`);
  }
}

/** The per-sample shape of a [null, ...dims] batch shape (or an input shape, or input_dim); null when malformed, undefined when absent. */
function inputsOf(c: Record<string, unknown>): number[] | null | undefined {
  const batch = c.batch_input_shape ?? c.batch_shape;
  const dims = Array.isArray(batch) ? (batch.length >= 2 ? batch.slice(1) : []) : Array.isArray(c.input_shape) ? c.input_shape : undefined;
  if (dims) return dims.length >= 1 && dims.every(isDim) ? (dims as number[]) : null;
  return isDim(c.input_dim) ? [c.input_dim] : undefined;
}

/** The layer a Functional layer takes its input from (Keras 2 lists or Keras 3 keras_history). */
function inboundOf(layer: Record<string, unknown>): unknown {
  const nodes = layer.inbound_nodes;
  if (!Array.isArray(nodes) || nodes.length !== 1) return undefined;
  const node = nodes[0] as unknown;
  if (Array.isArray(node)) return node.length === 1 && Array.isArray(node[0]) ? node[0][0] : undefined;
  const args = isObject(node) && Array.isArray(node.args) ? node.args : [];
  const history = args.length === 1 && isObject(args[0]) && isObject(args[0].config) ? args[0].config.keras_history : undefined;
  return Array.isArray(history) ? history[0] : undefined;
}

/** Read a Sequential (a plain chain of the layers in `readers`) from any of the topologies TensorFlow.js or Keras write. */
export function readTopology(raw: unknown, fail: Fail): Topology {
  let topology = isObject(raw) && isObject(raw.model_config) ? raw.model_config : raw; // tensorflowjs_converter's wrapper
  if (!isObject(topology)) return fail("modelTopology is missing or is not a JSON object");
  const cls = topology.class_name;
  const functional = cls === "Model" || cls === "Functional";
  if (cls !== "Sequential" && !functional) return fail(`modelTopology is a ${JSON.stringify(cls)}; scratchnet loads Sequential models of Dense layers`);
  const config = Array.isArray(topology.config) ? { layers: topology.config } : topology.config; // Keras ≤ 2.1 listed the layers directly
  if (!isObject(config) || !Array.isArray(config.layers)) return fail("modelTopology.config has no layers list");
  const layers: LayerSpec[] = [];
  let inputShape: number[] | undefined;
  let previous: unknown;
  config.layers.forEach((layer, i) => {
    const c = isObject(layer) ? layer.config : undefined;
    if (!isObject(layer) || !isObject(c)) return fail(`layer ${i} has no class_name and config`);
    const name = String(c.name ?? layer.name ?? `layer ${i}`);
    checkDtype(name, c.dtype, fail);
    if (functional && i > 0 && inboundOf(layer) !== previous) return fail(`${name} does not take the previous layer's output; scratchnet loads only a plain chain of layers`);
    previous = layer.name ?? c.name;
    const declared = inputsOf(c);
    if (declared === null) {
      const got = JSON.stringify(c.batch_input_shape ?? c.batch_shape ?? c.input_shape);
      return fail(`${name}: the input shape must be [null, ...dims] with every dim a positive integer; got ${got}`);
    }
    if (layer.class_name === "InputLayer") {
      if (i !== 0) return fail(`${name}: an InputLayer can only come first`);
      if (declared === undefined) return fail(`${name}: the InputLayer has no batch_input_shape or batch_shape`);
      inputShape = declared;
      return;
    }
    const known = readers(), reader = Object.hasOwn(known, String(layer.class_name)) ? known[String(layer.class_name)] : undefined;
    if (!reader) {
      const what = `${name} is a ${JSON.stringify(layer.class_name)} layer`;
      return fail(`${what}; scratchnet loads Sequential models of ${Object.keys(known).join(", ")} layers (an InputLayer first is fine)`);
    }
    if (layers.length === 0 && inputShape === undefined) inputShape = declared;
    layers.push(reader(c, name, fail));
  });
  if (layers.length === 0) return fail("has no layers");
  if (inputShape === undefined) {
    return fail(`${layers[0].name}: the first layer has no batch_input_shape, so the number of inputs is unknown`);
  }
  return { name: String(config.name ?? "sequential"), inputShape, inputUnits: sizeOf(inputShape), layers };
}

/** Dense's config as TF.js and Keras write it (Dense.getConfig() is the writing side). */
function readDense(c: Record<string, unknown>, name: string, fail: Fail): DenseConfig {
  if (!isDim(c.units)) return fail(`${name}: units ${JSON.stringify(c.units)} is not a positive integer`);
  const units = c.units, { activation, useBias, regularizer, args } = kernelOptions(c, name, fail);
  const create = (inputShape?: number[]) => new Dense({ units, activation, useBias, name, ...args,
    ...(inputShape ? { inputShape } : {}) });
  const weights = (inputs: number) =>
    [{ name: "kernel", shape: [inputs, units], trainable: true }, ...(useBias ? [{ name: "bias", shape: [units], trainable: true }] : [])];
  return { className: "Dense", name, units, activation, useBias, regularizer, create, weights };
}

/** The layer classes model.json may name, each with its reader: a new layer class registers one here. */
// A function, not a spread object: esbuild keeps a spread at module level (it may run getters), and with it
// every layer class in scratchnet/core, which reads no model files.
type Reader = (c: Record<string, unknown>, name: string, fail: Fail) => LayerSpec;
const readers = (): Record<string, Reader> => ({ Dense: readDense, BatchNormalization: readBatchNormalization, ...weightlessReaders,
  ...poolingReaders, Conv2D: readConv2D });
