// Models behind a URL: load() fetches model.json, then every weight file its manifest names,
// resolved relative to model.json (TensorFlow.js' http handler); save() POSTs model.json and
// the weights as multipart form data, the fields TensorFlow.js' http handler sends.
import { ModelFileError, artifactsFromModelJson, manifestOf, parseModelJson } from "./layers-model.js";
import { modelJsonOf } from "./artifacts.js";
import { joinWeightData } from "./weights-codec.js";
import { artifactsInfo, type IOHandler, type ModelArtifacts, type SaveResult } from "./types.js";

export interface HttpOptions {
  /** Passed to every fetch (headers, credentials, ...). */
  requestInit?: RequestInit;
  /** A fetch to use instead of the global one. */
  fetchFunc?: typeof fetch;
}

/** An IOHandler for an http(s) URL of model.json. */
export function httpHandler(url: string, options: HttpOptions = {}): IOHandler & { names?: { modelJson: string; weights: string } } {
  const get = async (target: string): Promise<Response> => {
    const fetchFunc = options.fetchFunc ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchFunc(target, options.requestInit);
    } catch (e) {
      throw new ModelFileError(`${target}: cannot be fetched (${(e as Error).message})`);
    }
    if (!response.ok) throw new ModelFileError(`${target}: HTTP ${response.status} ${response.statusText}; check the URL of model.json and that its weight files sit beside it`);
    return response;
  };
  const handler = {
    names: undefined as { modelJson: string; weights: string } | undefined,
    async load(): Promise<ModelArtifacts> {
      const json = parseModelJson(await (await get(url)).text(), url);
      const files = manifestOf(json, url).paths.map((p) => new URL(p, new URL(url, globalThis.location?.href)).href);
      handler.names = { modelJson: url, weights: files.join(" + ") };
      const parts = await Promise.all(files.map(async (f) => new Uint8Array(await (await get(f)).arrayBuffer())));
      return artifactsFromModelJson(json, joinWeightData(parts.map((p) => p.buffer as ArrayBuffer)), url);
    },
    async save(a: ModelArtifacts): Promise<SaveResult> {
      const form = new FormData();
      form.append("model.json", new Blob([JSON.stringify(modelJsonOf(a, ["./model.weights.bin"]))], { type: "application/json" }), "model.json");
      form.append("model.weights.bin", new Blob([joinWeightData(a.weightData)], { type: "application/octet-stream" }), "model.weights.bin");
      const response = await (options.fetchFunc ?? globalThis.fetch)(url, { method: "POST", ...options.requestInit, body: form });
      if (!response.ok) throw new ModelFileError(`${url}: the server answered HTTP ${response.status} to the POST of model.json and model.weights.bin`);
      return { modelArtifactsInfo: artifactsInfo(a), responses: [response] };
    },
  };
  return handler;
}

/** downloads://name: the browser downloads name.json and name.weights.bin (TensorFlow.js' names). */
export function downloadsHandler(name = "model"): IOHandler {
  return {
    async save(a: ModelArtifacts): Promise<SaveResult> {
      const doc = globalThis.document;
      if (!doc) throw new ModelFileError(`downloads://${name} needs a browser page; in Node save to a folder path`);
      const weightsFile = `${name}.weights.bin`;
      const files: [string, Blob][] = [
        [`${name}.json`, new Blob([JSON.stringify(modelJsonOf(a, [`./${weightsFile}`]))], { type: "application/json" })],
        [weightsFile, new Blob([joinWeightData(a.weightData)], { type: "application/octet-stream" })],
      ];
      for (const [file, blob] of files) {
        const link = doc.createElement("a");
        link.download = file;
        link.href = URL.createObjectURL(blob);
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // the download reads the URL asynchronously
      }
      return { modelArtifactsInfo: artifactsInfo(a) };
    },
  };
}
