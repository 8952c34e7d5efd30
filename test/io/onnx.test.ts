// ONNX export checked by running the files in onnxruntime-node: every activation, a layer
// without bias, a 784-50-10 MNIST-shaped model, batches of 1 and 7 rows, and the file read
// back from disk with its input and output names and shapes.
import { describe, it, expect, afterAll } from "vitest";
import * as ort from "onnxruntime-node";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Sequential, Dense, ModelError } from "../../src/index.js";
import { ACTIVATION_NAMES, type ActivationName } from "../../src/core/activations.js";
import { toOnnx, onnxGraph } from "../../src/io/onnx/to-onnx.js";
import { writeOnnx } from "../../src/io/onnx/onnx-node.js";
import { seeded, tiny, toyClasses } from "../model/util.js";

/** A model whose every weight (biases too) is a seeded value in [-scale, scale). */
function modelOf(layers: Dense[], seed: number, scale = 1): Sequential {
  const model = new Sequential({ layers });
  model.compile({ optimizer: "sgd", loss: "mse" });
  model.setWeights(model.getWeights().map((w, i) => seeded(w.data.length, seed + i, -scale, scale)));
  return model;
}

/**
 * The largest difference between our predictions and onnxruntime's over `rows` seeded input rows,
 * as |ours − theirs| / max(1, |theirs|): absolute for outputs up to 1 (sigmoid, tanh, softmax,
 * step), relative beyond (a linear output of 5 can only agree to about 5 × 2⁻²³ in float32).
 */
async function maxDiff(model: Sequential, session: ort.InferenceSession, rows: number, seed: number, lo = -2, hi = 2): Promise<number> {
  const x = Float32Array.from(seeded(rows * model.inputUnits, seed, lo, hi));
  const result = await session.run({ input: new ort.Tensor("float32", x, [rows, model.inputUnits]) });
  const theirs = result.output;
  expect(theirs.dims).toEqual([rows, model.outputUnits]);
  const ours = model.predict(Array.from({ length: rows }, (_, r) => Array.from(x.subarray(r * model.inputUnits, (r + 1) * model.inputUnits)))).data;
  expect(theirs.data.length).toBe(ours.length);
  let diff = 0, absolute = 0;
  ours.forEach((v, i) => {
    const t = (theirs.data as Float32Array)[i];
    diff = Math.max(diff, Math.abs(v - t) / Math.max(1, Math.abs(t)));
    absolute = Math.max(absolute, Math.abs(v - t));
  });
  if (process.env.ONNX_DIFFS) console.log("ONNXDIFF", diff, absolute, rows, expect.getState().currentTestName);
  return diff;
}

// Measured with onnxruntime-node 1.30 on x64 (ONNX_DIFFS=1 prints each figure): at most 3.6e-7 for
// linear → linear (absolute 4.8e-7 on outputs near 1.3), 2.1e-7 for tanh, 1.2e-7 for sigmoid and
// softmax, 4.5e-8 for 784-50-10; step matched exactly. 1e-6 leaves room for other CPUs' summation order.
const TOLERANCE = 1e-6;

describe("toOnnx against onnxruntime", () => {
  const cases: [ActivationName, ActivationName][] = [
    ["linear", "linear"], ["identity", "sigmoid"], ["sigmoid", "sigmoid"], ["tanh", "tanh"], ["relu", "softmax"], ["step", "linear"], ["tanh", "step"],
  ];
  // Every entry of the activation table is exported and checked: one not named above runs as the hidden layer's.
  cases.push(...ACTIVATION_NAMES.filter((n) => !cases.flat().includes(n)).map((n): [ActivationName, ActivationName] => [n, "linear"]));
  it.each(cases)("hidden %s, output %s: same predictions for batches of 1, 7 and 64 rows", async (hidden, output) => {
    const model = modelOf([new Dense({ units: 6, activation: hidden, inputShape: [5] }), new Dense({ units: 3, activation: output })], 11);
    const bytes = toOnnx(model);
    // "disabled" runs the graph as written; "all" lets onnxruntime fuse it (MatMul+Add → Gemm, ...).
    for (const graphOptimizationLevel of ["disabled", "all"] as const) {
      const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel });
      for (const rows of [1, 7, 64]) {
        const diff = await maxDiff(model, session, rows, rows * 101);
        if (output === "step") expect(diff).toBe(0); // 0 or 1 on both sides
        expect(diff).toBeLessThan(TOLERANCE);
      }
      await session.release();
    }
    model.dispose();
  });

  it("a layer without bias exports as MatMul alone and still agrees", async () => {
    const model = modelOf([new Dense({ units: 4, activation: "relu", inputShape: [3], useBias: false }), new Dense({ units: 2, activation: "softmax" })], 5);
    const graph = onnxGraph(model);
    expect(graph.nodes.map((n) => n.opType)).toEqual(["MatMul", "Relu", "MatMul", "Add", "Softmax"]);
    expect(graph.initializers.map((t) => [t.name, t.dims])).toEqual([[`${model.layers[0].name}/kernel`, [3, 4]], [`${model.layers[1].name}/kernel`, [4, 2]], [`${model.layers[1].name}/bias`, [2]]]);
    const session = await ort.InferenceSession.create(toOnnx(model));
    for (const rows of [1, 7]) expect(await maxDiff(model, session, rows, rows)).toBeLessThan(TOLERANCE);
    await session.release();
    model.dispose();
  });

  it("a 784-50-10 MNIST-shaped model (relu, softmax) agrees on pixel-like inputs in [0, 1]", async () => {
    const model = modelOf([new Dense({ units: 50, activation: "relu", inputShape: [784] }), new Dense({ units: 10, activation: "softmax" })], 21, 0.1);
    const bytes = toOnnx(model);
    expect(bytes.length).toBeGreaterThan(39_760 * 4); // every weight as 4 bytes, plus the graph
    expect(bytes.length).toBeLessThan(39_760 * 4 + 1_000);
    const session = await ort.InferenceSession.create(bytes);
    for (const rows of [1, 7]) expect(await maxDiff(model, session, rows, 7 + rows, 0, 1)).toBeLessThan(TOLERANCE);
    await session.release();
    model.dispose();
  });

  it("a model after fit() (Adam, 20 epochs) gives the same probabilities and predicted classes", async () => {
    const data = toyClasses(60, 4, 3, 17);
    const model = tiny({ seed: 5 }); // 4 → 8 relu → 3 softmax, Adam, sparse categorical cross-entropy
    await model.fit(data.x, data.y, { epochs: 20, batchSize: 16, verbose: 0 });
    const session = await ort.InferenceSession.create(toOnnx(model));
    const x = Float32Array.from(data.x.flat());
    const theirs = (await session.run({ input: new ort.Tensor("float32", x, [60, 4]) })).output.data as Float32Array;
    const ours = model.predict(data.x).data;
    const argmax = (p: Float32Array, r: number) => [0, 1, 2].reduce((best, j) => (p[r * 3 + j] > p[r * 3 + best] ? j : best), 0);
    expect(Array.from({ length: 60 }, (_, r) => argmax(theirs, r))).toEqual(Array.from({ length: 60 }, (_, r) => argmax(ours, r)));
    ours.forEach((v, i) => expect(Math.abs(v - theirs[i])).toBeLessThan(TOLERANCE));
    await session.release();
    model.dispose();
  });

  it("exporting changes neither the weights nor the predictions", () => {
    const model = modelOf([new Dense({ units: 3, activation: "tanh", inputShape: [2] })], 3);
    const before = model.getWeights(), p = model.predict([[0.5, -1]]).data;
    toOnnx(model);
    expect(model.getWeights()).toEqual(before);
    expect(model.predict([[0.5, -1]]).data).toEqual(p);
    model.dispose();
  });
});

describe("the written file", () => {
  const dir = mkdtempSync(join(tmpdir(), "scratchnet-onnx-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reloads from disk with input [batch, 784] and output [batch, 10], and predicts as before", async () => {
    const model = modelOf([new Dense({ units: 50, activation: "relu", inputShape: [784] }), new Dense({ units: 10, activation: "softmax" })], 8, 0.1);
    const path = join(dir, "mnist.onnx");
    await writeOnnx(model, path);
    const session = await ort.InferenceSession.create(path);
    expect(session.inputNames).toEqual(["input"]);
    expect(session.outputNames).toEqual(["output"]);
    expect(session.inputMetadata).toEqual([{ name: "input", isTensor: true, type: "float32", shape: ["batch", 784] }]);
    expect(session.outputMetadata).toEqual([{ name: "output", isTensor: true, type: "float32", shape: ["batch", 10] }]);
    expect(await maxDiff(model, session, 7, 99, 0, 1)).toBeLessThan(TOLERANCE);
    await session.release();
    model.dispose();
  });
});

describe("models that cannot be exported say why", () => {
  it("a disposed model", () => {
    const model = modelOf([new Dense({ units: 2, inputShape: [2] })], 1);
    model.dispose();
    expect(() => toOnnx(model)).toThrow(ModelError);
    expect(() => toOnnx(model)).toThrow(/toOnnx: sequential.* was disposed/);
  });

  it("a model never compiled (it has no weights yet)", () => {
    const model = new Sequential({ name: "fresh", layers: [new Dense({ units: 2, inputShape: [2] })] });
    expect(() => toOnnx(model)).toThrow(/toOnnx: fresh is not compiled: call model.compile/);
    model.dispose();
  });

  it("two layers with one name (ONNX needs each node and weight name once)", async () => {
    const model = modelOf([new Dense({ units: 3, inputShape: [2], name: "d" }), new Dense({ units: 2, name: "d" })], 1);
    expect(() => toOnnx(model)).toThrow(/toOnnx: two layers of sequential_\d+ are named 'd'.*distinct name for each Dense.*setWeights\(model.getWeights\(\)\)/);
    // The fix the message gives works: the same weights under distinct names export and agree.
    const renamed = new Sequential({ layers: [new Dense({ units: 3, inputShape: [2], name: "d" }), new Dense({ units: 2, name: "d2" })] });
    renamed.setWeights(model.getWeights());
    const session = await ort.InferenceSession.create(toOnnx(renamed));
    expect(await maxDiff(model, session, 7, 3)).toBeLessThan(TOLERANCE);
    await session.release();
    model.dispose();
    renamed.dispose();
  });

  it("an activation without an ONNX form names the layer", () => {
    const model = modelOf([new Dense({ units: 2, inputShape: [2], name: "odd" })], 1);
    (model.layers[0] as { activation: { name: string } }).activation = { name: "mish" }; // not one scratchnet has today
    expect(() => toOnnx(model)).toThrow(/toOnnx: odd has activation 'mish', which has no ONNX export/);
    model.dispose();
  });
});
