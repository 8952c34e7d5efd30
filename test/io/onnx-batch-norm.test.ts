// ONNX export of BatchNormalization (ONNX's BatchNormalization op, inference form: the moving
// statistics), checked by running the file in onnxruntime-node against predict().
import { describe, it, expect } from "vitest";
import * as ort from "onnxruntime-node";
import { Sequential, Dense, BatchNormalization } from "../../src/index.js";
import { toOnnx, onnxGraph } from "../../src/io/onnx/to-onnx.js";
import { seeded, toyClasses } from "../model/util.js";

/** max |ours − theirs| over `rows` seeded rows, run with onnxruntime's graph optimizations off and on. */
async function maxDiff(model: Sequential, rows: number): Promise<number> {
  const x = Float32Array.from(seeded(rows * model.inputUnits, rows, -2, 2)), bytes = toOnnx(model);
  const ours = model.predict({ data: x, shape: [rows, model.inputUnits] }).data;
  let diff = 0;
  for (const graphOptimizationLevel of ["disabled", "all"] as const) {
    const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel });
    const theirs = (await session.run({ input: new ort.Tensor("float32", x, [rows, model.inputUnits]) })).output;
    expect(theirs.dims).toEqual([rows, model.outputUnits]);
    (theirs.data as Float32Array).forEach((t, i) => (diff = Math.max(diff, Math.abs(t - ours[i]))));
    await session.release();
  }
  return diff;
}

describe("toOnnx: BatchNormalization", () => {
  it("Dense → BatchNormalization → Dense(softmax) after fit: one BatchNormalization node, same predictions, 1, 7, 64 rows", async () => {
    const data = toyClasses(60, 4, 3, 17);
    const model = new Sequential({ seed: 3, layers: [new Dense({ units: 8, activation: "relu", inputShape: [4] }),
      new BatchNormalization({ momentum: 0.8, epsilon: 0.01 }), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    await model.fit(data.x, data.y, { epochs: 5, batchSize: 16, verbose: 0 });
    const graph = onnxGraph(model), bn = graph.nodes.find((n) => n.opType === "BatchNormalization")!;
    expect(graph.nodes.map((n) => n.opType)).toEqual(["MatMul", "Add", "Relu", "BatchNormalization", "MatMul", "Add", "Softmax"]);
    expect(bn.inputs.slice(1).map((s) => s.split("/")[1])).toEqual(["gamma", "beta", "moving_mean", "moving_variance"]);
    expect(bn.floatAttributes).toEqual({ epsilon: 0.01 });
    const diffs = [];
    for (const rows of [1, 7, 64]) diffs.push(await maxDiff(model, rows));
    console.log(`ONNX BatchNormalization vs predict: max |Δ| ${Math.max(...diffs).toExponential(2)}`);
    expect(Math.max(...diffs)).toBeLessThan(1e-6);
    model.dispose();
  });

  it("first layer, and without center and scale (written as γ = 1, β = 0): same predictions", async () => {
    const model = new Sequential({ layers: [new BatchNormalization({ inputShape: [5] }), new Dense({ units: 4, activation: "tanh" }),
      new BatchNormalization({ center: false, scale: false }), new Dense({ units: 2 })] });
    model.compile({ optimizer: "sgd", loss: "mse" });
    // Moving statistics far from 0 and 1, so that a mix-up of mean and variance would show.
    const value = (n: number, i: number) => (i < 6 ? seeded(n, i, -1, 1) : seeded(n, i, i % 2 ? 0.5 : -1, i % 2 ? 3 : 1));
    model.setWeights(model.getWeights().map((w, i) => value(w.data.length, i)));
    const initializers = onnxGraph(model).initializers;
    const of = (what: string) => initializers.find((t) => t.name === `${model.layers[2].name}/${what}`)!;
    expect([Array.from(of("gamma").data), Array.from(of("beta").data), of("gamma").dims]).toEqual([[1, 1, 1, 1], [0, 0, 0, 0], [4]]);
    expect(await maxDiff(model, 7)).toBeLessThan(1e-6);
    model.dispose();
  });

  it("refuses a BatchNormalization over samples of more than one axis (ONNX normalizes axis 1, this the last)", () => {
    const model = new Sequential({ layers: [new BatchNormalization({ inputShape: [2, 3] })] });
    model.compile({ optimizer: "sgd", loss: "mse" });
    expect(() => toOnnx(model)).toThrow(/normalizes the last axis of \[null, 2, 3\], which ONNX's BatchNormalization \(axis 1\) does not/);
    model.dispose();
  });
});
