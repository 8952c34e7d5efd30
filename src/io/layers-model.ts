// Reading a TensorFlow.js layers-model (model.json + its weights, or tf.io ModelArtifacts) into
// checked layers (Dense, BatchNormalization, Conv2D, ...): the topology (src/io/topology.ts), every dtype and the byte length
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
  className: "Dense";
  name: string;
  units: number;
  activation: ActivationName;
  /** [inputs, units], row-major. */
  kernel: StoredWeight;
  /** [units], absent when use_bias is false. */
  bias?: StoredWeight;
  /** kernel, then bias. */
  weights: StoredWeight[];
}

/** A layer of another class (BatchNormalization): its weights in TF.js' layer order. */
export interface StoredLayer {
  className: string;
  name: string;
  weights: StoredWeight[];
}

export interface LayersModel {
  name: string;
  /** The per-sample input shape; inputUnits is its size. */
  inputShape: number[];
  inputUnits: number;
  /** Every layer in order, with its weights (none for Dropout, Flatten, ...). */
  layers: (StoredDense | StoredLayer)[];
  /** Every weight in TF.js' model order (every layer's trainable ones, then the non-trainable ones): what setWeights() takes. */
  weights: StoredWeight[];
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

/** Check ModelArtifacts (from any handler) into layers, their weights and the optimizer state. */
export function parseArtifacts(a: ModelArtifacts, names: ArtifactNames = {}): ParsedModel {
  const jsonFile = names.modelJson ?? "model.json";
  const binFile = names.weights ?? "weights.bin";
  if (!isObject(a)) return fileError(jsonFile, "the model's artifacts are not an object with modelTopology and weightSpecs");
  if (a.modelTopology instanceof ArrayBuffer) return fileError(jsonFile, "holds a binary (GraphDef) topology; scratchnet loads layers-models, not graph models");
  const topology = readTopology(a.modelTopology, (what) => fileError(jsonFile, what));
  const all = decodeWeights(a.weightSpecs, joinWeightData(a.weightData), jsonFile, binFile, fileError);
  const weights = all.filter((w) => w.spec.group !== "optimizer");
  const byName = new Map(weights.map((w) => [w.spec.name, w]));
  // TensorFlow.js matches weights by name; files whose names follow no layer (converted ones) go by
  // order, which is TF.js' model order: every layer's trainable weights, then the non-trainable ones.
  let shape: readonly number[] = topology.inputShape;
  const wanted = topology.layers.flatMap((l, i) => {
    const inputs = shape[shape.length - 1], list = (l.weights?.(inputs) ?? []).map((w) => ({ layer: l, inputs, ...w }));
    try { // each layer's shape from the one before
      shape = l.create(i === 0 ? [...shape] : undefined).computeOutputShape(shape);
    } catch (e) {
      fileError(jsonFile, (e as Error).message);
    }
    return list;
  });
  const named = wanted.some((w) => byName.has(`${w.layer.name}/${w.name}`));
  const ordered = [...wanted.filter((w) => w.trainable), ...wanted.filter((w) => !w.trainable)];
  const used = new Set<NamedArray>();
  const stored = new Map(ordered.map((want, i): [typeof want, StoredWeight] => {
    const { layer: l, name: what, shape } = want, full = `${l.name}/${what}`;
    const w = named ? byName.get(full) : weights[i];
    if (!w) {
      return fileError(jsonFile, named
        ? `the weights manifest has no ${full} (${l.name} needs its ${what}, shape [${shape}]); `
          + "the file is incomplete or belongs to another model"
        : `${l.name}: the weights manifest ends before its ${what}`);
    }
    if (!sameShape(w.spec.shape, shape)) {
      const sizes = `${want.inputs} inputs${l.className === "Dense" ? `, ${(l as DenseConfig).units} units` : ""}`;
      fileError(jsonFile, `${w.spec.name} has shape [${w.spec.shape}] but ${l.name} (${sizes}) needs [${shape}]; `
        + "the manifest and the topology describe different models");
    }
    used.add(w);
    return [want, { name: w.spec.name, shape, data: w.data as Float32Array }];
  }));
  const layers = topology.layers.map((l): StoredDense | StoredLayer => {
    const own = wanted.filter((w) => w.layer === l).map((w) => stored.get(w)!);
    if (l.className !== "Dense") return { className: l.className, name: l.name, weights: own };
    const d = l as DenseConfig;
    const bias = d.useBias ? own[1] : undefined;
    return { className: "Dense", name: l.name, units: d.units, activation: d.activation, kernel: own[0], bias, weights: own };
  });
  if (used.size !== weights.length) {
    const extra = weights.filter((w) => !used.has(w)).map((w) => w.spec.name);
    fileError(jsonFile, `lists ${weights.length} weight arrays but the layers use ${used.size} (unused: ${extra.slice(0, 4).join(", ")}); the manifest does not belong to this topology`);
  }
  const trainingConfig = isObject(a.trainingConfig) ? (a.trainingConfig as unknown as TrainingConfig) : undefined;
  const optimizerState = all.filter((w) => w.spec.group === "optimizer");
  const inModelOrder = ordered.map((w) => stored.get(w)!);
  const { name, inputShape, inputUnits } = topology;
  return { name, inputShape, inputUnits, layers, weights: inModelOrder, topology, optimizerState, trainingConfig };
}

/** Parse model.json (text, bytes or object) and the bytes of its weights into checked layers. */
export function parseLayersModel(modelJson: unknown, weights: Uint8Array, names: ArtifactNames = {}): ParsedModel {
  const jsonFile = names.modelJson ?? "model.json";
  const json = parseModelJson(modelJson, jsonFile);
  const { paths } = manifestOf(json, jsonFile);
  return parseArtifacts(artifactsFromModelJson(json, weights, jsonFile), { modelJson: jsonFile, weights: names.weights ?? paths.join(" + ") });
}
