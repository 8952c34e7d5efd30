// model.save() is a Sequential method, but its code (the format and every handler, ~4 KB gzipped)
// joins a bundle only where loadModel does: src/io/save.ts registers itself here when loaded, and
// src/io/load-model.ts loads it. So scratchnet/core (the Keras-style API with its .wasm under
// 30 KB gzipped) stays without it, much as TensorFlow.js registers its IO routers. The hook lives
// in models/ and names io's types only: io builds on models, never the reverse (no import circle).
import { ModelError } from "../core/errors.js";
import type { Model } from "./model.js";
import type { SaveConfig, SaveResult, SaveTarget } from "../io/types.js";

type Saver = (model: Model, target: SaveTarget, config?: SaveConfig) => Promise<SaveResult>;
let saver: Saver | undefined;

/** Called once by src/io/save.ts. */
export function registerSaver(s: Saver): void {
  saver = s;
}

/** model.save(): the registered saver, or an error saying which build has it. */
export function save(model: Model, target: SaveTarget, config?: SaveConfig): Promise<SaveResult> {
  if (!saver) return Promise.reject(new ModelError("model.save() is not in this build (scratchnet/core); import from 'scratchnet' or 'scratchnet/node', whose loadModel brings save and load"));
  return saver(model, target, config);
}

export type { SaveTarget, SaveConfig, SaveResult };
