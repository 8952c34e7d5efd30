// model.save(): the model, and unless asked otherwise its optimizer, as TensorFlow.js' layers-model
// artifacts written through any handler (src/io/handlers.ts). Registered with src/models/save-hook.ts
// when this module loads (src/io/load-model.ts imports it).
// What resumes exactly after save → loadModel: the weights and the optimizer's state (Adam's m, v
// and step count, momentum's velocity), bit for bit. The shuffle order is not model state: each
// fit() reseeds it from its `seed` (default 42), as an unsaved model's next fit() would; so
// 2 epochs + save + load + 2 epochs equals 4 straight epochs bit for bit with shuffle: false,
// and equals 2 + 2 epochs without the save with shuffle on (test/io/round-trip.test.ts).
import type { Sequential } from "../models/sequential.js";
import { modelArtifacts } from "./artifacts.js";
import { saveHandler, type SaveTarget } from "./handlers.js";
import type { SaveConfig, SaveResult } from "./types.js";
import { registerSaver } from "../models/save-hook.js";

export type { SaveTarget, SaveConfig, SaveResult };

/** Write `model` (weights, topology and by default the optimizer) to `target`. */
export async function saveModel(model: Sequential, target: SaveTarget, config: SaveConfig = {}): Promise<SaveResult> {
  const handler = saveHandler(target);
  return (await handler.save!(modelArtifacts(model, config))) as SaveResult;
}

registerSaver((model, target, config) => saveModel(model as Sequential, target, config)); // only a Sequential calls its save()
