// A model as TensorFlow.js' layers-model artifacts: model.json (topology + weights manifest)
// and weights.bin (little-endian float32, getWeights() order); src/io/layers-model.ts reads them back.
import type { Sequential } from "../models/sequential.js";

export function toArtifacts(model: Sequential): { modelJson: object; weights: Uint8Array } {
  const weights = model.getWeights();
  const layers = model.layers.map((l, i) => ({
    class_name: "Dense",
    config: {
      name: l.name, units: l.units, activation: l.activation.name === "identity" ? "linear" : l.activation.name, use_bias: l.useBias,
      ...(i === 0 ? { batch_input_shape: [null, model.inputUnits] } : {}),
    },
  }));
  const total = weights.reduce((n, w) => n + w.data.length, 0);
  const bytes = new Uint8Array(total * 4);
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const w of weights) for (const v of w.data) view.setFloat32((at++) * 4, v, true);
  const names = model.params().map((p) => p.name);
  return {
    modelJson: {
      format: "layers-model",
      generatedBy: "scratchnet",
      modelTopology: { class_name: "Sequential", config: { name: model.name, layers } },
      weightsManifest: [{ paths: ["weights.bin"], weights: weights.map((w, i) => ({ name: names[i], shape: w.shape, dtype: "float32" })) }],
    },
    weights: bytes,
  };
}
