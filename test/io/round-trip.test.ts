// model.save() → loadModel() gives the same bits back, through every Node route (folder path,
// file:// URL, model.json path, http, bytes in memory, ModelArtifacts, a custom IOHandler), and
// training resumes where it stopped: weights, optimizer state (Adam's m, v and step count,
// momentum's velocity) come back bit-exact.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import { Sequential, Dense, SGD, Adam, engine, createEngine, wasmBytes } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { toyClasses, weightBytes, rowsOf } from "../model/util.js";

const dirs: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), "scratchnet-io-"));
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const data = toyClasses(60, 5, 3, 7);
const probe = rowsOf(9, 5, 99);

function build(optimizer: SGD | Adam, seed = 5): Sequential {
  const model = new Sequential({ seed, layers: [
    new Dense({ units: 7, activation: "tanh", inputShape: [5], kernelRegularizer: { l2: 0.001 } }),
    new Dense({ units: 6, activation: "relu", useBias: false }),
    new Dense({ units: 3, activation: "softmax" }),
  ] });
  model.compile({ optimizer, loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

const fitArgs = (epochs: number, shuffle: boolean) => ({ epochs, batchSize: 8, shuffle, seed: 3, verbose: 0 as const });

/** The optimizer's state buffers and step count, as bytes, for bit comparison. */
function optimizerBytes(model: Sequential): { bytes: number[]; iterations: number } {
  const f32 = engine().heap.f32;
  const bytes = model.optimizer!.stateBuffers().flatMap((b) => Array.from(new Uint8Array(f32.slice(b.ptr >>> 2, (b.ptr >>> 2) + b.size).buffer)));
  return { bytes, iterations: model.optimizer!.iterations };
}

describe("save → load in Node", () => {
  it("a folder path: model.json + weights.bin, the same weights, predictions, optimizer and config", async () => {
    const model = build(new Adam({ learningRate: 0.01 }));
    await model.fit(data.x, data.y, fitArgs(2, true));
    const dir = join(await tempDir(), "nested", "model");
    const result = await model.save(dir);
    expect((await readdir(dir)).sort()).toEqual(["model.json", "weights.bin"]);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe((await readFile(join(dir, "weights.bin"))).byteLength);
    const json = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    expect(json.format).toBe("layers-model");
    expect(json.weightsManifest[0].paths).toEqual(["weights.bin"]);
    expect(json.trainingConfig.optimizer_config).toEqual({ class_name: "Adam", config: { learningRate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } });
    expect(json.weightsManifest[0].weights.filter((w: { group?: string }) => w.group === "optimizer").map((w: { name: string }) => w.name))
      .toEqual(["iter", ...["m", "v"].flatMap((s) => model.params().map((p) => `${p.name}/${s}`))]);

    const loaded = await loadModel(dir);
    expect(weightBytes(loaded)).toEqual(weightBytes(model));
    expect(loaded.predict(probe).data).toEqual(model.predict(probe).data);
    expect(optimizerBytes(loaded)).toEqual(optimizerBytes(model));
    expect(loaded.layers.map((l) => [l.name, l.units, l.activation.name, l.useBias, l.args.kernelRegularizer?.l2])).toEqual(model.layers.map((l) => [l.name, l.units, l.activation.name, l.useBias, l.args.kernelRegularizer?.l2]));
    expect([loaded.loss, loaded.metrics, loaded.name]).toEqual([model.loss, model.metrics, model.name]);
    expect(loaded.evaluate(data.x, data.y)).toEqual(model.evaluate(data.x, data.y));
    for (const alias of [pathToFileURL(dir).href, join(dir, "model.json")]) expect(weightBytes(await loadModel(alias))).toEqual(weightBytes(model));
  });

  it("includeOptimizer: false stores weights only; the loaded model predicts but is not compiled", async () => {
    const model = build(new SGD({ learningRate: 0.1 }));
    const dir = await tempDir();
    await model.save(`${pathToFileURL(dir).href}/`, { includeOptimizer: false });
    const json = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    expect(json.trainingConfig).toBeUndefined();
    const loaded = await loadModel(dir);
    expect(loaded.predict(probe).data).toEqual(model.predict(probe).data);
    await expect(loaded.fit(data.x, data.y)).rejects.toThrow(/is not compiled/);
    const uncompiled = await loadModel(dir, { compile: false });
    expect(uncompiled.optimizer).toBeUndefined();
  });

  it("in memory: { modelJson, weights } (also as text and bytes), ModelArtifacts and a custom IOHandler", async () => {
    const model = build(new SGD({ learningRate: 0.1, momentum: 0.9 }));
    await model.fit(data.x, data.y, fitArgs(1, true));
    let saved: ModelArtifacts | undefined;
    await model.save({ save: async (a) => { saved = a; return {}; } });
    const dir = await tempDir();
    await model.save(dir);
    const modelJson = await readFile(join(dir, "model.json"), "utf8");
    const weights = new Uint8Array(await readFile(join(dir, "weights.bin")));
    const sources = [
      saved!, { load: async () => saved! }, { modelJson, weights }, { modelJson: JSON.parse(modelJson), weights: weights.buffer },
      { modelJson: new TextEncoder().encode(modelJson), weights: [weights.buffer.slice(0, 100), weights.buffer.slice(100)] },
    ];
    for (const source of sources) {
      const loaded = await loadModel(source);
      expect(weightBytes(loaded)).toEqual(weightBytes(model));
      expect(optimizerBytes(loaded)).toEqual(optimizerBytes(model));
      loaded.dispose();
    }
  });

  it("from http: model.json, then the weight files its manifest names, relative to it", async () => {
    const model = build(new Adam());
    const dir = await tempDir();
    await model.save(join(dir, "models", "toy"));
    const server = createServer(async (req, res) => {
      try {
        res.end(await readFile(join(dir, decodeURIComponent(req.url ?? ""))));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models/toy/model.json`;
      expect(weightBytes(await loadModel(url))).toEqual(weightBytes(model));
      await expect(loadModel(url.replace("toy", "missing"))).rejects.toThrow(/models\/missing\/model.json: HTTP 404/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("saving from onEpochEnd checkpoints the model as it is after that epoch; loadModel({engine}) picks the instance", async () => {
    const dir = await tempDir();
    const model = build(new Adam({ learningRate: 0.02 }));
    await model.fit(data.x, data.y, { ...fitArgs(3, true), callbacks: { onEpochEnd: async (epoch) => void (await model.save(join(dir, `epoch-${epoch + 1}`))) } });
    const twoEpochs = build(new Adam({ learningRate: 0.02 }));
    await twoEpochs.fit(data.x, data.y, fitArgs(2, true));
    const other = createEngine(await wasmBytes());
    const checkpoint = await loadModel(join(dir, "epoch-2"), { engine: other });
    expect(checkpoint.engine).toBe(other);
    expect(weightBytes(checkpoint)).toEqual(weightBytes(twoEpochs));
    expect(weightBytes(await loadModel(join(dir, "epoch-3")))).toEqual(weightBytes(model));
  });

  it("browser-only URLs say so in Node; unknown schemes and non-handlers are refused", async () => {
    const model = build(new Adam());
    await expect(model.save("localstorage://toy")).rejects.toThrow("localStorage is not available here; it needs a browser");
    await expect(loadModel("indexeddb://toy")).rejects.toThrow("IndexedDB is not available here; it needs a browser");
    await expect(model.save("downloads://toy")).rejects.toThrow("downloads://toy needs a browser page");
    await expect(model.save("ftp://host/model")).rejects.toThrow("unknown scheme ftp://");
    await expect(model.save({} as never)).rejects.toThrow("or an object with a save(artifacts) method");
    await expect(loadModel(42 as never)).rejects.toThrow("loadModel() takes a URL or folder path");
  });
});

describe("training resumes where it stopped", () => {
  const cases = [
    ["Adam", () => new Adam({ learningRate: 0.02 })],
    ["SGD", () => new SGD({ learningRate: 0.1 })],
    ["SGD with momentum", () => new SGD({ learningRate: 0.05, momentum: 0.9 })],
  ] as const;
  for (const [name, optimizer] of cases) {
    it(`${name}: 2 epochs, save, load, 2 more == 4 epochs, bit for bit (shuffle: false)`, async () => {
      const straight = build(optimizer());
      await straight.fit(data.x, data.y, fitArgs(4, false));
      const first = build(optimizer());
      await first.fit(data.x, data.y, fitArgs(2, false));
      const dir = await tempDir();
      await first.save(dir);
      first.dispose();
      const resumed = await loadModel(dir);
      const history = await resumed.fit(data.x, data.y, fitArgs(2, false));
      expect(Number.isFinite(history.history.loss[1])).toBe(true);
      expect(weightBytes(resumed)).toEqual(weightBytes(straight));
      expect(optimizerBytes(resumed)).toEqual(optimizerBytes(straight));
    });
  }

  it("with shuffle, each fit() reseeds its shuffle: saving between two fits changes nothing", async () => {
    const unsaved = build(new Adam({ learningRate: 0.02 }));
    await unsaved.fit(data.x, data.y, fitArgs(2, true));
    const dir = await tempDir();
    await unsaved.save(dir);
    await unsaved.fit(data.x, data.y, fitArgs(2, true));
    const resumed = await loadModel(dir);
    await resumed.fit(data.x, data.y, fitArgs(2, true));
    expect(weightBytes(resumed)).toEqual(weightBytes(unsaved));
  });

  it("with shuffle, fit({ epochs: 4, initialEpoch: 2 }) after a save/load repeats 4 unbroken epochs, bit for bit", async () => {
    const straight = build(new Adam({ learningRate: 0.02 }));
    const full = await straight.fit(data.x, data.y, fitArgs(4, true));
    const first = build(new Adam({ learningRate: 0.02 }));
    await first.fit(data.x, data.y, fitArgs(2, true));
    const dir = await tempDir();
    await first.save(dir);
    first.dispose();
    const resumed = await loadModel(dir);
    const history = await resumed.fit(data.x, data.y, { ...fitArgs(4, true), initialEpoch: 2 });
    expect(history.epoch).toEqual([2, 3]);
    expect(history.history.loss).toEqual(full.history.loss.slice(2));
    expect(weightBytes(resumed)).toEqual(weightBytes(straight));
    expect(optimizerBytes(resumed)).toEqual(optimizerBytes(straight));
  });

  it("initialEpoch outside [0, epochs) or not an integer is refused", async () => {
    const model = build(new SGD({ learningRate: 0.1 }));
    for (const initialEpoch of [-1, 1.5, 4, Number.NaN]) {
      await expect(model.fit(data.x, data.y, { ...fitArgs(4, true), initialEpoch })).rejects.toThrow(/initialEpoch must be an integer in \[0, epochs = 4\)/);
    }
  });
});
