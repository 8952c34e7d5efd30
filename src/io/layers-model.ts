// Reading a TensorFlow.js layers-model (model.json + its weights, or tf.io ModelArtifacts) into
// checked Dense layers: the topology (src/io/topology.ts), every dtype and the byte length
// (src/io/weights-codec.ts), every shape against the topology, the optimizer state apart.
// Everything is checked before anything is returned; a failure throws a ModelFileError that
// names the file, what is wrong with it, and what to do.
import { ModelError } from "../core/errors.js";
import type { ActivationName } from "../layers/activations.js";
import { readTopology, type DenseConfig, type Topology } from "./topology.js";
import { decodeWeights, joinWeightData, type NamedArray } from "./weights-codec.js";
import type { ModelArtifacts, TrainingConfig, WeightSpec } from "./types.js";

/** A stored model file that is missing, malformed, truncated or does not fit its own topology. */
export class ModelFileError extends ModelError {
  override name = "ModelFileError";
}

export interface StoredWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface StoredDense {
  name: string;
  units: number;
  activation: ActivationName;
  /** [inputs, units], row-major. */
  kernel: StoredWeight;
  /** [units], absent when use_bias is false. */
  bias?: StoredWeight;
}

export interface LayersModel {
  name: string;
  /** The per-sample input shape; inputUnits is its size. */
  inputShape: number[];
  inputUnits: number;
  /** The layers that hold weights (Dense), in order; the weightless ones (Dropout, Flatten, ...) store nothing. */
  layers: StoredDense[];
}

/** A checked model with what loadModel() needs besides the weights. */
export interface ParsedModel extends LayersModel {
  topology: Topology;
  /** Entries of group 'optimizer' (TensorFlow.js' convention), in manifest order. */
  optimizerState: NamedArray[];
  trainingConfig?: TrainingConfig;
}

/** File names used in error messages (default: model.json and the manifest's path). */
export interface ArtifactNames {
  modelJson?: string;
  weights?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const fileError = (file: string, what: string): never => {
  throw new ModelFileError(`${file}: ${what}`);
};

/** model.json's text (or bytes) as an object; the error names the file. */
export function parseModelJson(text: unknown, file = "model.json"): Record<string, unknown> {
  let json = text;
  if (json instanceof Uint8Array || json instanceof ArrayBuffer) json = new TextDecoder().decode(json);
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (e) {
      fileError(file, `is not valid JSON (${(e as Error).message}); it should be the model.json that model.save() or TensorFlow.js wrote`);
    }
  }
  if (!isObject(json)) return fileError(file, "is not a JSON object with modelTopology and weightsManifest");
  return json;
}

/** The weights manifest's groups flattened in order, and the weight files they name in order. */
export function manifestOf(json: Record<string, unknown>, file = "model.json"): { specs: WeightSpec[]; paths: string[] } {
  const manifest = json.weightsManifest;
  const fail = (what: string) => fileError(file, what);
  if (!Array.isArray(manifest)) return fail("has no weightsManifest list (a layers-model's model.json lists its weight files there)");
  const paths: string[] = [];
  const specs: WeightSpec[] = [];
  manifest.forEach((group, i) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) fail(`weightsManifest group ${i} needs paths and weights lists`);
    const g = group as { paths: unknown[]; weights: WeightSpec[] };
    if (!g.paths.every((p) => typeof p === "string" && p.length > 0)) fail(`weightsManifest group ${i}: paths must be file names`);
    paths.push(...(g.paths as string[]));
    specs.push(...g.weights);
  });
  return { specs, paths };
}

/** model.json plus the bytes of its weight files (concatenated in manifest order) as ModelArtifacts. */
export function artifactsFromModelJson(json: Record<string, unknown>, weights: Uint8Array, file = "model.json"): ModelArtifacts {
  const bytes = weights.byteOffset === 0 && weights.byteLength === weights.buffer.byteLength ? (weights.buffer as ArrayBuffer) : weights.slice().buffer;
  return {
    modelTopology: json.modelTopology as object,
    weightSpecs: manifestOf(json, file).specs,
    weightData: bytes,
    trainingConfig: json.trainingConfig as TrainingConfig | undefined,
    format: json.format as string | undefined,
    generatedBy: json.generatedBy as string | undefined,
  };
}

/** Check ModelArtifacts (from any handler) into Dense layers, their weights and the optimizer state. */
export function parseArtifacts(a: ModelArtifacts, names: ArtifactNames = {}): ParsedModel {
  const jsonFile = names.modelJson ?? "model.json";
  const binFile = names.weights ?? "weights.bin";
  if (!isObject(a)) return fileError(jsonFile, "the model's artifacts are not an object with modelTopology and weightSpecs");
  if (a.modelTopology instanceof ArrayBuffer) return fileError(jsonFile, "holds a binary (GraphDef) topology; scratchnet loads layers-models, not graph models");
  const topology = readTopology(a.modelTopology, (what) => fileError(jsonFile, what));
  const all = decodeWeights(a.weightSpecs, joinWeightData(a.weightData), jsonFile, binFile, fileError);
  const weights = all.filter((w) => w.spec.group !== "optimizer");
  const byName = new Map(weights.map((w) => [w.spec.name, w]));
  // TensorFlow.js matches weights by name; files whose names follow no layer (converted ones) go by order.
  const named = topology.layers.some((l) => byName.has(`${l.name}/kernel`));
  const used = new Set<NamedArray>();
  let next = 0;
  let inputs = 0;
  let shape: readonly number[] = topology.inputShape;
  const layers: StoredDense[] = [];
  topology.layers.forEach((spec, i) => {
    try { // each layer's shape from the one before: a Reshape that does not fit is the file's error
      const before = shape;
      shape = spec.create(i === 0 ? [...shape] : undefined).computeOutputShape(before);
      inputs = before[0];
    } catch (e) {
      fileError(jsonFile, (e as Error).message);
    }
    if (spec.className === "Dense") layers.push(dense(spec as DenseConfig));
  });
  function dense(l: DenseConfig): StoredDense {
    const take = (what: "kernel" | "bias", shape: number[]): StoredWeight => {
      const want = `${l.name}/${what}`;
      const w = named ? byName.get(want) : weights[next++];
      if (!w) {
        return fileError(jsonFile, named ? `the weights manifest has no ${want} (${l.name} needs its ${what}, shape [${shape}]); the file is incomplete or belongs to another model`
          : `${l.name}: the weights manifest ends before its ${what}`);
      }
      if (!sameShape(w.spec.shape, shape)) fileError(jsonFile, `${w.spec.name} has shape [${w.spec.shape}] but ${l.name} (${inputs} inputs, ${l.units} units) needs [${shape}]; the manifest and the topology describe different models`);
      used.add(w);
      return { name: w.spec.name, shape, data: w.data as Float32Array };
    };
    const kernel = take("kernel", [inputs, l.units]);
    const bias = l.useBias ? take("bias", [l.units]) : undefined;
    return { name: l.name, units: l.units, activation: l.activation, kernel, bias };
  }
  if (used.size !== weights.length) {
    const extra = weights.filter((w) => !used.has(w)).map((w) => w.spec.name);
    fileError(jsonFile, `lists ${weights.length} weight arrays but the layers use ${used.size} (unused: ${extra.slice(0, 4).join(", ")}); the manifest does not belong to this topology`);
  }
  const trainingConfig = isObject(a.trainingConfig) ? (a.trainingConfig as unknown as TrainingConfig) : undefined;
  const optimizerState = all.filter((w) => w.spec.group === "optimizer");
  const { name, inputShape, inputUnits } = topology;
  return { name, inputShape, inputUnits, layers, topology, optimizerState, trainingConfig };
}

/** Parse model.json (text, bytes or object) and the bytes of its weights into checked Dense layers. */
export function parseLayersModel(modelJson: unknown, weights: Uint8Array, names: ArtifactNames = {}): ParsedModel {
  const jsonFile = names.modelJson ?? "model.json";
  const json = parseModelJson(modelJson, jsonFile);
  const { paths } = manifestOf(json, jsonFile);
  return parseArtifacts(artifactsFromModelJson(json, weights, jsonFile), { modelJson: jsonFile, weights: names.weights ?? paths.join(" + ") });
}
