// The save/load scenario run in Chromium (bundled by io.browser.test.ts) and, for its reference
// hash, in Node: a model trained from a fixed seed is saved to localstorage:// and indexeddb://,
// loaded back and compared bit for bit (weights, predictions, Adam's state), then trained on to
// check that 2 + 2 epochs across a save equal 4 straight; a copy Node saved is loaded over http,
// and downloads:// hands the two files to the browser's downloads.
import { Sequential, Dense, Adam, engine } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";

export const DOWNLOAD_NAME = "scratchnet-io";

export interface RouteResult {
  route: string;
  sameWeights: boolean;
  samePredictions: boolean;
  sameOptimizerState: boolean;
  iterations: number;
  /** 2 epochs, save, load, 2 more == 4 epochs, bit for bit (not checked for http: its copy comes from Node). */
  resumedExactly?: boolean;
}

export interface IoScenarioResult {
  /** SHA-256 of the trained model's weight bytes: equal to Node's for the same scenario. */
  sha256: string;
  routes: RouteResult[];
  /** TensorFlow.js' own localStorage key for the model exists. */
  tfjsKeys: boolean;
}

const x = Array.from({ length: 24 }, (_, i) => [((i * 7) % 11) / 11 - 0.5, ((i * 5) % 13) / 13 - 0.5, ((i * 3) % 7) / 7 - 0.5]);
const y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));

/** The scenario's model after `epochs` epochs (fixed seeds, no shuffle). */
export async function trainedModel(epochs: number): Promise<Sequential> {
  const model = new Sequential({ seed: 9, layers: [new Dense({ units: 6, activation: "tanh", inputShape: [3] }), new Dense({ units: 2, activation: "softmax" })] });
  model.compile({ optimizer: new Adam({ learningRate: 0.05 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(x, y, { epochs, batchSize: 8, shuffle: false, verbose: 0 });
  return model;
}

export function weightsOf(model: Sequential): Float32Array {
  const parts = model.getWeights().map((w) => w.data);
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
  return all;
}

function stateOf(model: Sequential): number[] {
  const f32 = engine().heap.f32;
  return model.optimizer!.stateBuffers().flatMap((b) => Array.from(f32.subarray(b.ptr >>> 2, (b.ptr >>> 2) + b.size)));
}

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const fa = Float32Array.from(a), fb = Float32Array.from(b);
  return fa.length === fb.length && new Uint8Array(fa.buffer).every((v, i) => v === new Uint8Array(fb.buffer)[i]);
};

export async function sha256(values: Float32Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new Uint8Array(values.buffer as ArrayBuffer));
  return Array.from(new Uint8Array(digest), (v) => v.toString(16).padStart(2, "0")).join("");
}

async function compare(route: string, model: Sequential, straight: Sequential | undefined): Promise<RouteResult> {
  const loaded = await loadModel(route);
  const result: RouteResult = {
    route,
    sameWeights: sameBits(weightsOf(loaded), weightsOf(model)),
    samePredictions: sameBits(loaded.predict(x).data, model.predict(x).data),
    sameOptimizerState: sameBits(stateOf(loaded), stateOf(model)) && loaded.optimizer!.iterations === model.optimizer!.iterations,
    iterations: loaded.optimizer!.iterations,
  };
  if (straight) {
    await loaded.fit(x, y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 });
    result.resumedExactly = sameBits(weightsOf(loaded), weightsOf(straight)) && sameBits(stateOf(loaded), stateOf(straight));
  }
  loaded.dispose();
  return result;
}

/** Run in the page: `httpUrl` is model.json of a copy of trainedModel(2) that Node saved. */
export async function runIoScenario(httpUrl: string): Promise<IoScenarioResult> {
  const model = await trainedModel(2);
  const straight = await trainedModel(4);
  const routes: RouteResult[] = [];
  for (const route of ["localstorage://scratchnet-io", "indexeddb://scratchnet-io"]) {
    await model.save(route);
    routes.push(await compare(route, model, straight));
  }
  routes.push(await compare(httpUrl, model, undefined));
  await model.save(`downloads://${DOWNLOAD_NAME}`);
  const tfjsKeys = globalThis.localStorage.getItem("tensorflowjs_models/scratchnet-io/weight_data") !== null;
  return { sha256: await sha256(weightsOf(model)), routes, tfjsKeys };
}
