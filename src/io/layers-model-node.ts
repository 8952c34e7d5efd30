// Node-only: read a layers-model folder (model.json + the weight files its manifest names).
import { parseArtifacts, type ParsedModel } from "./layers-model.js";
import { readModelFolder } from "./node-files.js";

/** Load and check the model stored in `dir` (or at a model.json path), as model.save() or TensorFlow.js wrote it. */
export async function readLayersModel(dir: string): Promise<ParsedModel> {
  const { artifacts, jsonPath, binPath } = await readModelFolder(dir);
  return parseArtifacts(artifacts, { modelJson: jsonPath, weights: binPath });
}
