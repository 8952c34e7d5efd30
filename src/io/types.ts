// The shapes TensorFlow.js' tf.io uses (ModelArtifacts, IOHandler, model.json), so that a
// tf.io handler such as tf.io.withSaveHandler() or tf.io.fromMemory() works with model.save()
// and loadModel() unchanged, and files written here are the files TensorFlow.js writes.

/** One array in the weights manifest (TensorFlow.js' WeightsManifestEntry). */
export interface WeightSpec {
  name: string;
  shape: number[];
  /** TensorFlow.js' DataType names; scratchnet reads float32 (and int32 for 'iter'). */
  dtype: "float32" | "int32" | "bool" | "complex64" | "string";
  /** 'optimizer' for optimizer state (TensorFlow.js' convention); absent for model weights. */
  group?: "model" | "optimizer";
  /** Quantized weights (TensorFlow.js' converter option), which scratchnet refuses. */
  quantization?: { scale?: number; min?: number; dtype: "uint16" | "uint8" | "float16" };
}

/** The training configuration TensorFlow.js writes beside the topology when it saves the optimizer. */
export interface TrainingConfig {
  loss: string | string[] | Record<string, string>;
  metrics?: string[] | Record<string, string>;
  optimizer_config: { class_name?: string; config?: Record<string, unknown> };
}

/** A model in memory (TensorFlow.js' ModelArtifacts): topology, manifest and bytes in one object. */
export interface ModelArtifacts {
  modelTopology?: object | ArrayBuffer;
  weightSpecs?: WeightSpec[];
  /** Little-endian bytes in weightSpecs order; TensorFlow.js ≥ 4.10 may hand a list of buffers. */
  weightData?: ArrayBuffer | ArrayBuffer[];
  trainingConfig?: TrainingConfig;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: { [key: string]: {} };
}

/** model.json as stored on disk, in a browser store or behind a URL. */
export interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  trainingConfig?: TrainingConfig;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  userDefinedMetadata?: { [key: string]: {} };
}

/** What a save reports (TensorFlow.js' SaveResult). */
export interface SaveResult {
  modelArtifactsInfo: {
    dateSaved: Date;
    modelTopologyType: "JSON";
    modelTopologyBytes: number;
    weightSpecsBytes: number;
    weightDataBytes: number;
  };
  responses?: Response[];
}

/** Anything with TensorFlow.js' save() and/or load(): a tf.io handler or your own. */
export interface IOHandler {
  save?(artifacts: ModelArtifacts): Promise<SaveResult | object>;
  load?(): Promise<ModelArtifacts>;
}

/** Where model.save() writes: a URL scheme string (file://, localstorage://, indexeddb://, downloads://, http(s)://) or a handler. */
export type SaveTarget = string | IOHandler;

/** model.save()'s options (TensorFlow.js' SaveConfig). */
export interface SaveConfig {
  /** Also store the optimizer's configuration and state (Adam's m, v, the step count) so fit() resumes; default true when compiled. */
  includeOptimizer?: boolean;
}

/** Byte sizes of what a handler stored, as TensorFlow.js reports them. */
export function artifactsInfo(a: ModelArtifacts): SaveResult["modelArtifactsInfo"] {
  const bytes = (s: unknown) => new TextEncoder().encode(JSON.stringify(s)).byteLength;
  const data = a.weightData;
  return {
    dateSaved: new Date(),
    modelTopologyType: "JSON",
    modelTopologyBytes: bytes(a.modelTopology),
    weightSpecsBytes: bytes(a.weightSpecs),
    weightDataBytes: Array.isArray(data) ? data.reduce((n, b) => n + b.byteLength, 0) : (data?.byteLength ?? 0),
  };
}
