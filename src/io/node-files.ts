// Node only: a model as a folder holding model.json and weights.bin, as TensorFlow.js' Node file
// handler (file://) writes it. node:fs is imported when a handler runs, never at module load, so
// the browser bundles (which never take this path) carry no node: import.
import { ModelFileError, artifactsFromModelJson, manifestOf, parseModelJson } from "./layers-model.js";
import { modelJsonOf, WEIGHTS_FILE } from "./artifacts.js";
import { joinWeightData } from "./weights-codec.js";
import { artifactsInfo, type IOHandler, type ModelArtifacts, type SaveResult } from "./types.js";

/** A folder (or a model.json path) from a plain path or a file:// URL. */
async function locate(target: string): Promise<{ dir: string; json: string }> {
  const { fileURLToPath } = await import("node:url");
  const { join, dirname } = await import("node:path");
  const path = target.startsWith("file://") ? fileURLToPath(target) : target;
  return path.endsWith(".json") ? { dir: dirname(path), json: path } : { dir: path, json: join(path, "model.json") };
}

async function readBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import("node:fs/promises");
  try {
    const file = await readFile(path);
    return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  } catch (e) {
    throw new ModelFileError(`${path}: cannot be read (${(e as Error).message})`);
  }
}

/** Read model.json and every weight file it names; `names` reports the file paths for messages. */
export async function readModelFolder(target: string): Promise<{ artifacts: ModelArtifacts; jsonPath: string; binPath: string }> {
  const { join } = await import("node:path");
  const { dir, json: jsonPath } = await locate(target);
  const json = parseModelJson(await readBytes(jsonPath), jsonPath);
  const { paths } = manifestOf(json, jsonPath);
  const files = paths.map((p) => join(dir, p));
  const parts = await Promise.all(files.map(readBytes));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) { bytes.set(p, at); at += p.byteLength; }
  return { artifacts: artifactsFromModelJson(json, bytes, jsonPath), jsonPath, binPath: files.join(" + ") || join(dir, WEIGHTS_FILE) };
}

/** An IOHandler over a folder: save() writes model.json + weights.bin (creating the folder), load() reads them. */
export function fileHandler(target: string): IOHandler & { readonly path: string } {
  return {
    path: target,
    async save(artifacts: ModelArtifacts): Promise<SaveResult> {
      const { mkdir, writeFile } = await import("node:fs/promises");
      const { join } = await import("node:path");
      const { dir, json } = await locate(target);
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(join(dir, WEIGHTS_FILE), joinWeightData(artifacts.weightData));
        await writeFile(json, JSON.stringify(modelJsonOf(artifacts, [WEIGHTS_FILE])));
      } catch (e) {
        throw new ModelFileError(`${dir}: cannot save the model there (${(e as Error).message}); give save() a folder path (it is created) or a path ending in .json`);
      }
      return { modelArtifactsInfo: artifactsInfo(artifacts) };
    },
    async load(): Promise<ModelArtifacts> {
      return (await readModelFolder(target)).artifacts;
    },
  };
}
