// ONNX export of issue 14's layers, run in onnxruntime-node: LeakyReLU as LeakyRelu(alpha),
// Flatten as Flatten(axis 1), Reshape as Reshape(x, [0, ...shape]) with an int64 shape, Activation
// as its table entry (softmax over the last axis of a [2, 4] sample), Dropout absent.
import { describe, it, expect } from "vitest";
import * as ort from "onnxruntime-node";
import { Sequential, Dense, Dropout, LeakyReLU, Flatten, Reshape, Activation, ModelError } from "../../src/index.js";
import { toOnnx, onnxGraph } from "../../src/io/onnx/to-onnx.js";
import type { Layer } from "../../src/layers/layer.js";
import { seeded } from "../model/util.js";

/** onnxruntime's output for `rows` seeded rows against predict's, and its dims. */
async function compare(model: Sequential, rows: number, seed: number): Promise<{ diff: number; dims: readonly number[] }> {
  const x = Float32Array.from(seeded(rows * model.inputUnits, seed, -2, 2));
  const session = await ort.InferenceSession.create(toOnnx(model));
  const { output } = await session.run({ input: new ort.Tensor("float32", x, [rows, ...model.inputShape]) });
  await session.release();
  const n = model.inputUnits, ours = model.predict(Array.from({ length: rows }, (_, r) => Array.from(x.subarray(r * n, (r + 1) * n)))).data;
  expect(output.data.length).toBe(ours.length);
  return { diff: ours.reduce((m, v, i) => Math.max(m, Math.abs(v - (output.data as Float32Array)[i])), 0), dims: output.dims };
}

function trainedModel(layers: Layer[]): Sequential {
  const model = new Sequential({ seed: 8, layers });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  model.setWeights(model.getWeights().map((w, i) => seeded(w.data.length, 30 + i, -1, 1)));
  return model;
}

describe("toOnnx with the weightless layers", () => {
  it("[2, 3] → Flatten → Dense → LeakyReLU → Dropout → tanh → Reshape [2, 4] → softmax (last axis) → Flatten → Dense", async () => {
    const model = trainedModel([new Flatten({ inputShape: [2, 3] }), new Dense({ units: 8 }), new LeakyReLU({ alpha: 0.2 }),
      new Dropout({ rate: 0.5 }), new Activation({ activation: "tanh" }), new Reshape({ targetShape: [2, 4] }),
      new Activation({ activation: "softmax" }), new Flatten(), new Dense({ units: 3 })]);
    const graph = onnxGraph(model);
    expect(graph.nodes.map((n) => n.opType))
      .toEqual(["Flatten", "MatMul", "Add", "LeakyRelu", "Tanh", "Reshape", "Softmax", "Flatten", "MatMul", "Add"]);
    expect(graph.nodes[3].floatAttributes).toEqual({ alpha: 0.2 });
    expect(graph.inputs[0].dims).toEqual(["batch", 2, 3]);
    for (const rows of [1, 7, 64]) {
      const r = await compare(model, rows, rows);
      expect(r.dims).toEqual([rows, 3]);
      console.log(`ONNX, weightless layers, ${rows} rows: max |Δ| = ${r.diff.toExponential(2)}`);
      expect(r.diff).toBeLessThan(1e-6); // measured 8.9e-8, 2.4e-7, 1.2e-7 (onnxruntime-node, x64)
    }
    model.dispose();
  });

  it("an output of shape [2, 4] (softmax over each row of 4) keeps its shape in the graph", async () => {
    const model = trainedModel([new Dense({ units: 8, inputShape: [5] }), new LeakyReLU({ alpha: -0.5 }),
      new Reshape({ targetShape: [2, -1] }), new Activation({ activation: "softmax" })]);
    expect(onnxGraph(model).outputs[0].dims).toEqual(["batch", 2, 4]);
    const r = await compare(model, 5, 3);
    expect(r.dims).toEqual([5, 2, 4]);
    expect(r.diff).toBeLessThan(1e-6);
    const p = model.predict([seeded(5, 1)]).data; // each row of 4 sums to 1: the softmax ran over the last axis
    expect(Math.abs(p[0] + p[1] + p[2] + p[3] - 1)).toBeLessThan(1e-6);
    model.dispose();
  });

  it("a model of Dropout alone is an Identity; a layer toOnnx does not know is refused by name", async () => {
    const model = trainedModel([new Dropout({ rate: 0.3, inputShape: [4] })]);
    expect(onnxGraph(model).nodes.map((n) => n.opType)).toEqual(["Identity"]);
    expect((await compare(model, 3, 2)).diff).toBe(0);
    model.dispose();
    class Odd extends Dropout { override readonly className = "Odd" as "Dropout"; }
    const odd = trainedModel([new Odd({ rate: 0.1, inputShape: [2] })]);
    expect(() => onnxGraph(odd)).toThrow(ModelError);
    expect(() => onnxGraph(odd)).toThrow(/is a Odd layer; toOnnx writes Dense, BatchNormalization, Activation, LeakyReLU, Dropout, Flatten and Reshape layers/);
    odd.dispose();
  });
});
