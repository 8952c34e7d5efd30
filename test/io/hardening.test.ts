// Model files that lie. Each bad input gives a ModelFileError (or ShapeError/DataError for
// setWeights) whose message names the file, the problem and the fix, and nothing is returned
// half-loaded: WASM memory in use is the same before and after every refused load.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sequential, Dense, Adam, ShapeError, DataError, engine } from "../../src/index.js";
import { ModelFileError } from "../../src/io/layers-model.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelJson } from "../../src/io/types.js";
import { toyClasses, weightBytes } from "../model/util.js";

let dir = "";
let json: ModelJson;
let bin: Uint8Array;
let model: Sequential;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "scratchnet-bad-"));
  model = new Sequential({ seed: 1, layers: [new Dense({ units: 4, activation: "relu", inputShape: [3] }), new Dense({ units: 2, activation: "softmax" })] });
  model.compile({ optimizer: new Adam(), loss: "sparseCategoricalCrossentropy" });
  const { x, y } = toyClasses(16, 3, 2, 5);
  await model.fit(x, y, { epochs: 1, verbose: 0 });
  await model.save(join(dir, "good"));
  json = JSON.parse(await readFile(join(dir, "good", "model.json"), "utf8"));
  bin = new Uint8Array(await readFile(join(dir, "good", "weights.bin")));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Write a (possibly broken) model folder and expect loadModel to refuse it with `message`, freeing everything. */
async function refused(name: string, modelJson: unknown, weights: Uint8Array, message: string | RegExp): Promise<void> {
  const folder = join(dir, name);
  await rm(folder, { recursive: true, force: true });
  await model.save(folder); // then overwrite with the broken files
  await writeFile(join(folder, "model.json"), typeof modelJson === "string" ? modelJson : JSON.stringify(modelJson));
  await writeFile(join(folder, "weights.bin"), weights);
  const live = engine().heap.liveBytes;
  const error = await loadModel(folder).then(() => undefined, (e: unknown) => e as Error);
  expect(error, name).toBeInstanceOf(ModelFileError);
  expect(error!.message, name).toMatch(message);
  expect(engine().heap.liveBytes, `${name}: memory after the refused load`).toBe(live);
}

const edit = (change: (j: ModelJson & { modelTopology: { config: { layers: { class_name: string; config: Record<string, unknown> }[] } } }) => void) => {
  const copy = structuredClone(json) as Parameters<typeof change>[0];
  change(copy);
  return copy;
};
const f32Offset = (index: number) => index * 4;

describe("model files that lie are refused, naming the file and the problem", () => {
  it("the good folder loads (the baseline the cases below break)", async () => {
    expect(weightBytes(await loadModel(join(dir, "good")))).toEqual(weightBytes(model));
  });

  it("a truncated weights.bin, and one with extra bytes", async () => {
    await refused("truncated", json, bin.subarray(0, 40), new RegExp(`truncated[/\\\\]weights\\.bin: 40 bytes, but .*truncated[/\\\\]model\\.json lists 13 arrays of ${bin.byteLength} bytes; it is truncated`));
    await refused("extra", json, new Uint8Array([...bin, 0, 0, 0, 0]), /extra[/\\]weights\.bin: \d+ bytes, .*; it has extra bytes or belongs to another model/);
  });

  it("a manifest whose shapes do not fit the topology, and one missing an entry", async () => {
    const swapped = edit((j) => { j.weightsManifest[0].weights[0].shape = [4, 3]; });
    await refused("shapes", swapped, bin, /shapes[/\\]model\.json: dense_\d+\/kernel has shape \[4,3\] but dense_\d+ \(3 inputs, 4 units\) needs \[3,4\]/);
    const units = edit((j) => { j.modelTopology.config.layers[1].config.units = 3; });
    await refused("units", units, bin, /needs \[4,3\]/);
    // Drop the first layer's bias from the manifest and its 4 floats from the bytes.
    const missing = edit((j) => { j.weightsManifest[0].weights.splice(1, 1); });
    await refused("missing", missing, new Uint8Array([...bin.subarray(0, f32Offset(12)), ...bin.subarray(f32Offset(16))]),
      /missing[/\\]model\.json: the weights manifest has no dense_\d+\/bias \(dense_\d+ needs its bias, shape \[4\]\); the file is incomplete or belongs to another model/);
  });

  it("an unknown layer class or activation", async () => {
    await refused("lstm", edit((j) => { j.modelTopology.config.layers[1].class_name = "LSTM"; }), bin, /lstm[/\\]model\.json: dense_\d+ is a "LSTM" layer; scratchnet loads Sequential models of Dense, BatchNormalization, Activation, Dropout, LeakyReLU, Flatten, Reshape, MaxPooling2D, .* layers/);
    await refused("mish", edit((j) => { j.modelTopology.config.layers[0].config.activation = "mish"; }), bin, /mish[/\\]model\.json: dense_\d+: activation "mish" is not one scratchnet has; it knows linear, sigmoid, tanh, relu, softmax, step/);
    await refused("graph", edit((j) => { (j as { modelTopology: object }).modelTopology = { node: [], library: {} }; }), bin, /modelTopology is a undefined; scratchnet loads Sequential models/);
  });

  it("a bias or activity regularizer (not implemented): refused, not loaded without its penalty", async () => {
    const l2 = { class_name: "L1L2", config: { l1: 0, l2: 0.01 } };
    await refused("bias-reg", edit((j) => { j.modelTopology.config.layers[0].config.bias_regularizer = l2; }), bin, /bias-reg[/\\]model\.json: dense_\d+: bias_regularizer is not implemented in scratchnet \(only kernel_regularizer\); set it to null/);
    await refused("activity-reg", edit((j) => { j.modelTopology.config.layers[1].config.activity_regularizer = l2; }), bin, /activity_regularizer is not implemented in scratchnet/);
  });

  it("non-finite weights", async () => {
    const nan = bin.slice();
    new DataView(nan.buffer).setFloat32(f32Offset(5), Number.NaN, true);
    await refused("nan", json, nan, /nan[/\\]weights\.bin: dense_\d+\/kernel\[5\] is NaN; stored weights must be finite/);
    const inf = bin.slice();
    new DataView(inf.buffer).setFloat32(f32Offset(13), Number.POSITIVE_INFINITY, true);
    await refused("inf", json, inf, /dense_\d+\/bias\[1\] is Infinity/);
  });

  it("a model.json that is not JSON, or not a model", async () => {
    await refused("text", "<html>404 Not Found</html>", bin, /text[/\\]model\.json: is not valid JSON \(.*\); it should be the model\.json that model\.save\(\) or TensorFlow\.js wrote/);
    await refused("array", "[1, 2]", bin, /array[/\\]model\.json: is not a JSON object with modelTopology and weightsManifest/);
    await refused("no-manifest", edit((j) => { delete (j as Partial<ModelJson>).weightsManifest; }), bin, /no-manifest[/\\]model\.json: has no weightsManifest list/);
  });

  it("a wrong dtype, or quantized weights", async () => {
    await refused("float16", edit((j) => { (j.weightsManifest[0].weights[0] as { dtype: string }).dtype = "float16"; }), bin, /float16[/\\]model\.json: dense_\d+\/kernel has dtype "float16"; weights must be float32/);
    await refused("int32", edit((j) => { j.weightsManifest[0].weights[2].dtype = "int32"; }), bin, /dense_\d+\/kernel has dtype "int32"; weights must be float32/);
    await refused("policy", edit((j) => { j.modelTopology.config.layers[0].config.dtype = { class_name: "DTypePolicy", config: { name: "mixed_float16" } }; }), bin, /dtype "mixed_float16" is not float32/);
    await refused("quantized", edit((j) => { (j.weightsManifest[0].weights[0] as { quantization?: object }).quantization = { dtype: "uint8", scale: 0.1, min: 0 }; }), bin, /is quantized .*save the model without quantization/);
  });

  it("optimizer state or training config that does not fit: refused after building, and the built model is freed", async () => {
    const short = edit((j) => { j.weightsManifest[0].weights.pop(); });
    await refused("state", short, bin.subarray(0, bin.byteLength - 8), /state[/\\]model\.json: the optimizer state has 7 arrays but Adam over 4 weights keeps 8/);
    await refused("nadam", edit((j) => { j.trainingConfig!.optimizer_config.class_name = "Nadam"; }), bin, /optimizer "Nadam" is not one scratchnet has \(SGD, Momentum, Adam, .*\); load with \{compile: false\}/);
    await refused("rmsprop", edit((j) => { j.trainingConfig!.optimizer_config.class_name = "RMSProp"; }), bin, /optimizer state dense_\d+\/kernel\/m is not RMSProp's 'rms' \(RMSProp keeps 'rms', 'momentum' per weight\)/);
    await refused("cosine", edit((j) => { j.trainingConfig!.loss = "cosine_proximity"; }), bin, /trainingConfig: unknown loss 'cosine_proximity'.*load with \{compile: false\}/);
    await refused("beta", edit((j) => { j.trainingConfig!.optimizer_config.config!.beta1 = 1; }), bin, /optimizer_config: Adam beta1 must be in \[0, 1\)/);
  });

  it("a weight file the manifest names but that does not exist", async () => {
    await refused("nofile", edit((j) => { j.weightsManifest[0].paths = ["group1-shard1of1.bin"]; }), bin, /nofile[/\\]group1-shard1of1\.bin: cannot be read/);
  });

  it("saving onto a path that is a file: a ModelFileError naming the path and what to give instead", async () => {
    const file = join(dir, "a-file");
    await writeFile(file, "not a folder");
    await expect(model.save(file)).rejects.toThrow(ModelFileError);
    await expect(model.save(file)).rejects.toThrow(/a-file: cannot save the model there \(EEXIST.*give save\(\) a folder path/);
  });
});

describe("setWeights refuses weights of another architecture, changing nothing", () => {
  it("names the count, the shape or the value that is wrong", () => {
    const other = new Sequential({ seed: 2, layers: [new Dense({ units: 5, inputShape: [3] }), new Dense({ units: 2 })] });
    const before = weightBytes(model);
    expect(() => model.setWeights(other.getWeights())).toThrow(ShapeError);
    expect(() => model.setWeights(other.getWeights())).toThrow(/setWeights: dense_\d+\/kernel has shape \[3,4\] but was given shape \[3,5\]; kernels are \[inputs, units\]/);
    expect(() => model.setWeights(other.getWeights().slice(0, 3))).toThrow(/setWeights: got 3 arrays but sequential_\d+ has 4/);
    const bad = model.getWeights();
    bad[3].data[1] = Number.NaN;
    expect(() => model.setWeights(bad)).toThrow(DataError);
    expect(weightBytes(model)).toEqual(before);
    other.dispose();
  });
});
