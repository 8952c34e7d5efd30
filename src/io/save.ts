// model.save(): the model, and unless asked otherwise its optimizer, as TensorFlow.js' layers-model
// artifacts written through any handler (src/io/handlers.ts). Registered with src/io/save-hook.ts
// when this module loads (src/io/load-model.ts imports it).
import type { Sequential } from "../models/sequential.js";
import { modelArtifacts } from "./artifacts.js";
import { saveHandler, type SaveTarget } from "./handlers.js";
import type { SaveConfig, SaveResult } from "./types.js";
import { registerSaver } from "./save-hook.js";

export type { SaveTarget, SaveConfig, SaveResult };

/** Write `model` (weights, topology and by default the optimizer) to `target`. */
export async function saveModel(model: Sequential, target: SaveTarget, config: SaveConfig = {}): Promise<SaveResult> {
  const handler = saveHandler(target);
  return (await handler.save!(modelArtifacts(model, config))) as SaveResult;
}

registerSaver(saveModel);
