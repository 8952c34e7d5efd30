// Browser stores under TensorFlow.js' own keys, so a model saved here to localstorage://name or
// indexeddb://name loads with tf.loadLayersModel('localstorage://name') and the other way round:
//   localStorage: tensorflowjs_models/<name>/{info, model_topology, weight_specs, weight_data (base64), model_metadata}
//   IndexedDB:    database 'tensorflowjs' v1, stores 'models_store' and 'model_info_store', keyPath 'modelPath'
import { ModelFileError } from "./layers-model.js";
import { joinWeightData } from "./weights-codec.js";
import { artifactsInfo, type IOHandler, type ModelArtifacts, type SaveResult } from "./types.js";

const keysOf = (name: string) => {
  const key = (suffix: string) => `tensorflowjs_models/${name}/${suffix}`;
  return { info: key("info"), topology: key("model_topology"), specs: key("weight_specs"), data: key("weight_data"), metadata: key("model_metadata") };
};

function base64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function unbase64(text: string): ArrayBuffer {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out.buffer;
}

function need<T>(what: string, value: T | undefined | null): T {
  if (value === undefined || value === null) throw new ModelFileError(`${what} is not available here; it needs a browser (use a folder path or file:// URL in Node)`);
  return value;
}

/** localstorage://name, with TensorFlow.js' keys. */
export function localStorageHandler(name: string): IOHandler {
  const keys = keysOf(name);
  const store = () => need("localStorage", globalThis.localStorage);
  return {
    async save(a: ModelArtifacts): Promise<SaveResult> {
      const ls = store(), info = artifactsInfo(a);
      try {
        ls.setItem(keys.info, JSON.stringify(info));
        ls.setItem(keys.topology, JSON.stringify(a.modelTopology));
        ls.setItem(keys.specs, JSON.stringify(a.weightSpecs));
        ls.setItem(keys.data, base64(joinWeightData(a.weightData)));
        ls.setItem(keys.metadata, JSON.stringify({ format: a.format, generatedBy: a.generatedBy, convertedBy: a.convertedBy, trainingConfig: a.trainingConfig }));
      } catch (e) {
        for (const k of Object.values(keys)) ls.removeItem(k); // nothing half-saved stays behind
        throw new ModelFileError(`localstorage://${name}: saving ${info.weightDataBytes} bytes of weights failed (${(e as Error).message}); localStorage holds about 5 MB, use indexeddb://${name} for larger models`);
      }
      return { modelArtifactsInfo: info };
    },
    async load(): Promise<ModelArtifacts> {
      const ls = store();
      const item = (key: string, what: string) => {
        const v = ls.getItem(key);
        if (v === null) throw new ModelFileError(`localstorage://${name}: ${what} is missing; save a model there first with model.save('localstorage://${name}')`);
        return v;
      };
      item(keys.info, "no model is stored under this name (its info");
      const metadata = JSON.parse(ls.getItem(keys.metadata) ?? "{}") as ModelArtifacts;
      return { ...metadata, modelTopology: JSON.parse(item(keys.topology, "the topology")), weightSpecs: JSON.parse(item(keys.specs, "the weight specs")), weightData: unbase64(item(keys.data, "the weight data")) };
    },
  };
}

/** indexeddb://name, in TensorFlow.js' database and stores. */
export function indexedDbHandler(name: string): IOHandler {
  const where = `indexeddb://${name}`;
  const open = () => new Promise<IDBDatabase>((resolve, reject) => {
    const request = need("IndexedDB", globalThis.indexedDB).open("tensorflowjs", 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore("models_store", { keyPath: "modelPath" });
      request.result.createObjectStore("model_info_store", { keyPath: "modelPath" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new ModelFileError(`${where}: the database cannot be opened (${request.error?.message})`));
  });
  const run = <T>(db: IDBDatabase, storeName: string, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      const request = act(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = tx.onabort = () => reject(new ModelFileError(`${where}: ${mode === "readonly" ? "reading" : "writing"} failed (${(tx.error ?? request.error)?.message})`));
    });
  return {
    async save(a: ModelArtifacts): Promise<SaveResult> {
      const db = await open();
      try {
        const modelArtifacts = { ...a, weightData: joinWeightData(a.weightData).slice().buffer };
        const modelArtifactsInfo = artifactsInfo(modelArtifacts);
        await run(db, "model_info_store", "readwrite", (s) => s.put({ modelPath: name, modelArtifactsInfo }));
        await run(db, "models_store", "readwrite", (s) => s.put({ modelPath: name, modelArtifacts, modelArtifactsInfo }));
        return { modelArtifactsInfo };
      } finally {
        db.close();
      }
    },
    async load(): Promise<ModelArtifacts> {
      const db = await open();
      try {
        const found = await run<{ modelArtifacts: ModelArtifacts } | undefined>(db, "models_store", "readonly", (s) => s.get(name));
        if (!found) throw new ModelFileError(`${where}: no model is stored under this name; save one first with model.save('${where}')`);
        return found.modelArtifacts;
      } finally {
        db.close();
      }
    },
  };
}
