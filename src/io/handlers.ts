// Where model.save() writes and loadModel() reads, by TensorFlow.js' URL schemes:
//   indexeddb://name, localstorage://name, downloads://name (save only)   browsers
//   http(s)://…/model.json, or a relative URL in a browser                 fetch (save: POST)
//   file://… or a plain path (a folder, or its model.json)                 Node
// or any object with TensorFlow.js' save()/load() (tf.io.withSaveHandler, tf.io.fromMemory, …),
// or the model in memory: { modelJson, weights } or TensorFlow.js ModelArtifacts.
import { ModelError } from "../core/errors.js";
import { artifactsFromModelJson, parseModelJson, type ArtifactNames } from "./layers-model.js";
import { indexedDbHandler, localStorageHandler } from "./browser-storage.js";
import { downloadsHandler, httpHandler, type HttpOptions } from "./http.js";
import { joinWeightData } from "./weights-codec.js";
import type { IOHandler, ModelArtifacts, SaveResult, SaveTarget } from "./types.js";

export type { SaveTarget };

/** A model held in memory: model.json (object, text or bytes) and the bytes of its weight files, in manifest order. */
export interface ModelBytes {
  modelJson: object | string | Uint8Array | ArrayBuffer;
  weights: Uint8Array | ArrayBuffer | ArrayBuffer[];
}

/** A handler that, once loaded, says what its files are called (for error messages). */
export interface NamedHandler extends IOHandler {
  names?: ArtifactNames;
}

export type LoadSource = string | IOHandler | ModelBytes | ModelArtifacts;

const isNode = () => typeof process !== "undefined" && typeof process.versions?.node === "string";

function byScheme(url: string, options: HttpOptions, load: boolean): IOHandler {
  const scheme = /^([a-z]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  const rest = url.slice((scheme?.length ?? 0) + 3);
  switch (scheme) {
    case "indexeddb": return indexedDbHandler(rest);
    case "localstorage": return localStorageHandler(rest);
    case "downloads": return downloadsHandler(rest || "model");
    case "http": case "https": return httpHandler(url, options);
  }
  if (scheme !== undefined && scheme !== "file") {
    throw new ModelError(`'${url}': unknown scheme ${scheme}://; use indexeddb://, localstorage://, downloads://, http(s)://, file:// or a folder path`);
  }
  if (!isNode() && load && scheme === undefined) return httpHandler(url, options); // a relative URL, as in TensorFlow.js
  if (!isNode()) throw new ModelError(`'${url}' is a file path, which a browser cannot write; use indexeddb://name, localstorage://name, downloads://name or an http(s) URL`);
  const handler: NamedHandler = {
    save: async (a) => (await import("./node-files.js")).fileHandler(url).save!(a) as Promise<SaveResult>,
    load: async () => {
      const { artifacts, jsonPath, binPath } = await (await import("./node-files.js")).readModelFolder(url);
      handler.names = { modelJson: jsonPath, weights: binPath };
      return artifacts;
    },
  };
  return handler;
}

/** The IOHandler model.save(target) writes through. */
export function saveHandler(target: SaveTarget): IOHandler {
  if (typeof target === "string") return byScheme(target, {}, false);
  if (typeof target?.save !== "function") throw new ModelError(`model.save() takes a URL such as 'indexeddb://my-model', a folder path in Node, or an object with a save(artifacts) method; got ${String(target)}`);
  return target;
}

/** The IOHandler loadModel(source) reads through. */
export function loadHandler(source: LoadSource, options: HttpOptions = {}): NamedHandler {
  if (typeof source === "string") return byScheme(source, options, true);
  const s = typeof source === "object" && source !== null ? (source as Partial<IOHandler & ModelBytes & ModelArtifacts>) : undefined;
  if (typeof s?.load === "function") return s as IOHandler;
  if (s && "modelJson" in s) {
    const bytes = s.weights instanceof Uint8Array ? s.weights : joinWeightData(s.weights);
    const names = { modelJson: "modelJson (in memory)", weights: "weights (in memory)" };
    return { names, load: async () => artifactsFromModelJson(parseModelJson(s.modelJson, names.modelJson), bytes, names.modelJson) };
  }
  if (s && "modelTopology" in s) return { names: { modelJson: "modelTopology (in memory)", weights: "weightData (in memory)" }, load: async () => s as ModelArtifacts };
  throw new ModelError(`loadModel() takes a URL or folder path, an object with load(), { modelJson, weights } or TensorFlow.js ModelArtifacts; got ${String(source)}`);
}
