// Reading back exactly what toArtifacts() (./artifacts.ts) writes: a TensorFlow.js layers-model
// of Dense layers, model.json (topology + one weights group) and weights.bin (little-endian
// float32, kernel [in, units] then bias, layer by layer). Everything is checked before it is
// used: the byte length against the manifest, every shape against the topology. A failure
// throws a ModelFileError that names the file and what is wrong with it.
import { ModelError } from "../core/errors.js";

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
  activation: string;
  /** [inputs, units], row-major. */
  kernel: StoredWeight;
  /** [units], absent when use_bias is false. */
  bias?: StoredWeight;
}

export interface LayersModel {
  name: string;
  inputUnits: number;
  layers: StoredDense[];
}

/** File names used in error messages (default: model.json and the manifest's path). */
export interface ArtifactNames {
  modelJson?: string;
  weights?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);
const isDim = (d: unknown) => typeof d === "number" && Number.isInteger(d) && d >= 1;

/** Parse model.json (text or object) and the bytes of weights.bin into checked Dense layers. */
export function parseLayersModel(modelJson: unknown, weights: Uint8Array, names: ArtifactNames = {}): LayersModel {
  const jsonFile = names.modelJson ?? "model.json";
  const fail = (file: string, what: string): never => {
    throw new ModelFileError(`${file}: ${what}`);
  };
  let json = modelJson;
  if (typeof json === "string") {
    try {
      json = JSON.parse(json);
    } catch (e) {
      fail(jsonFile, `is not valid JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(json)) return fail(jsonFile, "is not a JSON object");
  const topology = json.modelTopology;
  if (!isObject(topology) || topology.class_name !== "Sequential" || !isObject(topology.config) || !Array.isArray(topology.config.layers)) {
    return fail(jsonFile, "modelTopology is not a Sequential model with a layers list (this reader takes the files toArtifacts() writes)");
  }
  const config = topology.config as { name?: unknown; layers: unknown[] };
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length !== 1 || !isObject(manifest[0]) || !Array.isArray(manifest[0].paths) || manifest[0].paths.length !== 1 || !Array.isArray(manifest[0].weights)) {
    return fail(jsonFile, "weightsManifest must hold one group with one path and a weights list");
  }
  const binFile = names.weights ?? String(manifest[0].paths[0]);
  const specs = (manifest[0].weights as unknown[]).map((w, i) => {
    if (!isObject(w) || typeof w.name !== "string" || !Array.isArray(w.shape) || !w.shape.every(isDim)) {
      return fail(jsonFile, `weightsManifest entry ${i} needs a name and a shape of positive integers`);
    }
    if (w.dtype !== "float32") return fail(jsonFile, `${w.name} has dtype ${String(w.dtype)}; only float32 is stored`);
    return { name: w.name, shape: w.shape as number[], size: (w.shape as number[]).reduce((a, b) => a * b, 1) };
  });
  const expected = specs.reduce((n, s) => n + s.size * 4, 0);
  if (weights.byteLength !== expected) {
    const hint = weights.byteLength < expected ? "it is truncated" : "it has extra bytes";
    fail(binFile, `${weights.byteLength} bytes, but ${jsonFile} lists ${specs.length} float32 arrays of ${expected} bytes; ${hint} or belongs to another model`);
  }
  const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
  let offset = 0;
  const read = (spec: (typeof specs)[number]): StoredWeight => {
    const data = new Float32Array(spec.size);
    for (let i = 0; i < spec.size; i++, offset += 4) data[i] = view.getFloat32(offset, true);
    const bad = data.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) fail(binFile, `${spec.name}[${bad}] is ${data[bad]}; stored weights must be finite`);
    return { name: spec.name, shape: spec.shape, data };
  };

  const layers: StoredDense[] = [];
  let next = 0;
  let inputUnits = 0;
  let inputs = 0;
  config.layers.forEach((layer, i) => {
    const c = isObject(layer) ? layer.config : undefined;
    if (!isObject(layer) || layer.class_name !== "Dense" || !isObject(c)) return fail(jsonFile, `layer ${i} is not a Dense layer`);
    const name = String(c.name ?? `layer ${i}`);
    if (!isDim(c.units)) return fail(jsonFile, `${name}: units ${String(c.units)} is not a positive integer`);
    const units = c.units as number;
    if (i === 0) {
      const shape = c.batch_input_shape;
      if (!Array.isArray(shape) || shape.length !== 2 || !isDim(shape[1])) return fail(jsonFile, `${name}: batch_input_shape must be [null, inputs]`);
      inputs = inputUnits = shape[1] as number;
    }
    const take = (what: string, shape: number[]) => {
      const spec = specs[next++];
      if (!spec) return fail(jsonFile, `${name}: the weights manifest ends before its ${what}`);
      if (!sameShape(spec.shape, shape)) {
        return fail(jsonFile, `${spec.name} has shape [${spec.shape}] but ${name} (${inputs} inputs, ${units} units) needs [${shape}]`);
      }
      return read(spec);
    };
    const kernel = take("kernel", [inputs, units]);
    const bias = c.use_bias === false ? undefined : take("bias", [units]);
    layers.push({ name, units, activation: String(c.activation ?? "linear"), kernel, bias });
    inputs = units;
  });
  if (layers.length === 0) fail(jsonFile, "has no layers");
  if (next !== specs.length) fail(jsonFile, `lists ${specs.length} weight arrays but the layers use ${next}`);
  return { name: String(config.name ?? "model"), inputUnits, layers };
}
