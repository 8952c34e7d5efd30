// A model as TensorFlow.js' layers-model artifacts: the topology model.toJSON() would write, a
// weights manifest (kernel [in, units] then bias, layer by layer, then the non-trainable weights; little-endian float32) and,
// when the model is compiled, trainingConfig plus the optimizer's state (group 'optimizer').
// src/io/layers-model.ts reads them back.
import type { Sequential } from "../models/sequential.js";
import { topologyJson, TFJS_FORMAT } from "./topology.js";
import { trainingConfigOf, optimizerWeights } from "./optimizer-state.js";
import { encodeWeights, type NamedArray } from "./weights-codec.js";
import type { ModelArtifacts, ModelJson, SaveConfig } from "./types.js";

/** The name model.json gives the weights file, as TensorFlow.js' Node file handler does. */
export const WEIGHTS_FILE = "weights.bin";

/** The model (and, unless includeOptimizer is false, its optimizer) as TensorFlow.js ModelArtifacts. */
export function modelArtifacts(model: Sequential, config: SaveConfig = {}): ModelArtifacts {
  const engine = model.ready();
  const f32 = engine.heap.f32;
  const arrays: NamedArray[] = model.weights().map((p) => ({ // TF.js' model order: trainable weights, then the moving statistics
    spec: { name: p.name, shape: p.shape, dtype: "float32" },
    data: f32.slice(p.value >>> 2, (p.value >>> 2) + p.size),
  }));
  const withOptimizer = (config.includeOptimizer ?? true) && model.optimizer !== undefined && model.loss !== undefined;
  if (withOptimizer) arrays.push(...optimizerWeights(model));
  return {
    modelTopology: topologyJson(model),
    weightSpecs: arrays.map((a) => a.spec),
    weightData: encodeWeights(arrays),
    ...(withOptimizer ? { trainingConfig: trainingConfigOf(model) } : {}),
    format: "layers-model",
    generatedBy: `scratchnet (${TFJS_FORMAT} format)`,
    convertedBy: null,
  };
}

/** model.json for artifacts whose bytes are stored in `paths` (relative to model.json). */
export function modelJsonOf(a: ModelArtifacts, paths: string[] = [WEIGHTS_FILE]): ModelJson {
  return {
    modelTopology: a.modelTopology as object,
    weightsManifest: [{ paths, weights: a.weightSpecs ?? [] }],
    ...(a.trainingConfig ? { trainingConfig: a.trainingConfig } : {}),
    format: a.format ?? "layers-model",
    generatedBy: a.generatedBy,
    convertedBy: a.convertedBy ?? null,
    ...(a.userDefinedMetadata ? { userDefinedMetadata: a.userDefinedMetadata } : {}),
  };
}

/** model.json and the bytes of weights.bin, weights only (what the CLI and scripts write). */
export function toArtifacts(model: Sequential): { modelJson: ModelJson; weights: Uint8Array } {
  const a = modelArtifacts(model, { includeOptimizer: false });
  return { modelJson: modelJsonOf(a), weights: new Uint8Array(a.weightData as ArrayBuffer) };
}
