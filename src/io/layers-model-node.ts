// Node-only: read a layers-model folder (model.json + the weights file its manifest names).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ModelFileError, parseLayersModel, type LayersModel } from "./layers-model.js";

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const file = await readFile(path);
    return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  } catch (e) {
    throw new ModelFileError(`${path}: cannot be read (${(e as Error).message})`);
  }
}

/** Load and check the model stored in `dir` (as written by toArtifacts()). */
export async function readLayersModel(dir: string): Promise<LayersModel> {
  const jsonPath = join(dir, "model.json");
  const text = new TextDecoder().decode(await readBytes(jsonPath));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`${jsonPath}: is not valid JSON (${(e as Error).message})`);
  }
  const paths = (json as { weightsManifest?: { paths?: unknown[] }[] })?.weightsManifest?.[0]?.paths;
  const binName = Array.isArray(paths) && typeof paths[0] === "string" ? paths[0] : "weights.bin";
  const binPath = join(dir, binName);
  return parseLayersModel(json, await readBytes(binPath), { modelJson: jsonPath, weights: binPath });
}
