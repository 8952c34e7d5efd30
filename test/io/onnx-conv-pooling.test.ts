// ONNX export of the image layers without weights, run in onnxruntime-node: the graph takes the
// model's NHWC input, transposes to NCHW before the first image layer, writes MaxPool/AveragePool with
// TF.js' 'same' pads as explicit [top, left, bottom, right] (the larger half after) and count_include_pad
// 0, GlobalAveragePool/GlobalMaxPool then Flatten, Pad for ZeroPadding2D, and transposes back to NHWC
// before Flatten, a softmax over channels, or the output.
import { describe, it, expect } from "vitest";
import * as ort from "onnxruntime-node";
import { Sequential, Dense, Flatten, Activation, LeakyReLU, Dropout, ZeroPadding2D, MaxPooling2D, AveragePooling2D,
  GlobalAveragePooling2D, GlobalMaxPooling2D, tensor2d } from "../../src/index.js";
import { toOnnx, onnxGraph } from "../../src/io/onnx/to-onnx.js";
import type { Layer } from "../../src/layers/layer.js";
import { seeded } from "../model/util.js";

/** onnxruntime's output for `rows` seeded images against predict's, and its dims. */
async function compare(model: Sequential, rows: number, seed: number): Promise<{ diff: number; dims: readonly number[] }> {
  const x = Float32Array.from(seeded(rows * model.inputUnits, seed, -2, 2));
  const session = await ort.InferenceSession.create(toOnnx(model));
  const { output } = await session.run({ input: new ort.Tensor("float32", x, [rows, ...model.inputShape]) });
  await session.release();
  const ours = model.predict(tensor2d(x, [rows, model.inputUnits])).data;
  expect(output.data.length).toBe(ours.length);
  return { diff: ours.reduce((m, v, i) => Math.max(m, Math.abs(v - (output.data as Float32Array)[i])), 0), dims: output.dims };
}

function modelOf(layers: Layer[]): Sequential {
  const model = new Sequential({ seed: 8, layers });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  model.setWeights(model.getWeights().map((w, i) => seeded(w.data.length, 30 + i, -1, 1)));
  return model;
}

const opTypes = (model: Sequential) => onnxGraph(model).nodes.map((n) => n.opType);

describe("toOnnx with the pooling and padding layers", () => {
  it("ZeroPadding2D → MaxPooling2D 'same' [2, 3] strides [1, 2] → AveragePooling2D 'same' → Flatten → Dense", async () => {
    const model = modelOf([new ZeroPadding2D({ inputShape: [6, 5, 2], padding: [[1, 0], [2, 1]] }),
      new MaxPooling2D({ poolSize: [2, 3], strides: [1, 2], padding: "same" }),
      new AveragePooling2D({ poolSize: 3, strides: 2, padding: "same" }),
      new Flatten(), new Dense({ units: 3 })]);
    const graph = onnxGraph(model);
    expect(graph.nodes.map((n) => n.opType))
      .toEqual(["Transpose", "Pad", "MaxPool", "AveragePool", "Transpose", "Flatten", "MatMul", "Add"]);
    expect(graph.inputs[0].dims).toEqual(["batch", 6, 5, 2]); // the model's NHWC input, for its users
    // MaxPool on 7×8: out 7×4, total pads 1 and 1 → [0, 0, 1, 1]; AveragePool on 7×4 (3, stride 2): out 4×2, total 2 and 1 → [1, 0, 1, 1]
    expect(graph.nodes[2].attributes).toEqual({ kernel_shape: [2, 3], strides: [1, 2], pads: [0, 0, 1, 1] });
    expect(graph.nodes[3].attributes).toEqual({ kernel_shape: [3, 3], strides: [2, 2], pads: [1, 0, 1, 1], count_include_pad: 0 });
    for (const rows of [1, 7]) {
      const r = await compare(model, rows, rows);
      expect(r.dims).toEqual([rows, 3]);
      console.log(`ONNX, ZeroPadding2D + MaxPool + AveragePool ('same'), ${rows} rows: max |Δ| = ${r.diff.toExponential(2)}`);
      expect(r.diff).toBeLessThan(1e-5);
    }
    model.dispose();
  });

  it("ZeroPadding2D before MaxPooling2D pads with −0: onnxruntime's PadFusion would move +0 into MaxPool's −∞ pads", async () => {
    const model = modelOf([new ZeroPadding2D({ inputShape: [3, 3, 1], padding: 1 }), new Dropout({ rate: 0.1 }),
      new MaxPooling2D({ poolSize: 2, strides: 2 })]);
    const pad = onnxGraph(model).nodes[1];
    expect(pad.opType).toBe("Pad");
    expect(pad.inputs.length).toBe(3); // x, pads, constant_value −0
    const x = Float32Array.from(seeded(2 * 9, 3, -2, -1)), input = { input: new ort.Tensor("float32", x, [2, 3, 3, 1]) };
    const ours = Array.from(model.predict(tensor2d(x, [2, 9])).data);
    expect(ours.filter((v) => v === 0).length).toBe(6); // every window but the inner corner holds a padded 0, the largest
    for (const graphOptimizationLevel of ["disabled", "all"] as const) { // measured: +0 padding gave the negative maxima under "all"
      const session = await ort.InferenceSession.create(toOnnx(model), { graphOptimizationLevel });
      const theirs = Array.from((await session.run(input)).output.data as Float32Array, (v) => v + 0); // −0 + 0 is +0
      expect(theirs).toEqual(ours);
      await session.release();
    }
    const plain = modelOf([new ZeroPadding2D({ inputShape: [3, 3, 1] }), new AveragePooling2D({ poolSize: 2 })]);
    expect(onnxGraph(plain).nodes[1].inputs.length).toBe(2); // +0 elsewhere, as TF.js pads
    model.dispose();
    plain.dispose();
  });

  it.each([["GlobalAveragePooling2D", GlobalAveragePooling2D], ["GlobalMaxPooling2D", GlobalMaxPooling2D]] as const)(
    "%s → Dense softmax: the pooled [n, c, 1, 1] flattened to [n, c], no transpose back", async (_name, Global) => {
      const model = modelOf([new MaxPooling2D({ inputShape: [5, 4, 3], padding: "valid", strides: 1 }), new Global(),
        new Dense({ units: 4, activation: "softmax" })]);
      expect(opTypes(model)).toEqual(["Transpose", "MaxPool", Global === GlobalMaxPooling2D ? "GlobalMaxPool" : "GlobalAveragePool",
        "Flatten", "MatMul", "Add", "Softmax"]);
      const r = await compare(model, 5, 11);
      expect(r.dims).toEqual([5, 4]);
      expect(r.diff).toBeLessThan(1e-5);
      model.dispose();
    });

  it("an image output comes back NHWC; elementwise layers stay in NCHW, a softmax over channels does not", async () => {
    const model = modelOf([new AveragePooling2D({ inputShape: [4, 6, 3], poolSize: [2, 2], padding: "valid" }),
      new LeakyReLU({ alpha: 0.2 }), new Dropout({ rate: 0.5 }), new Activation({ activation: "tanh" }),
      new MaxPooling2D({ poolSize: 1 }), new Activation({ activation: "softmax" })]);
    expect(opTypes(model)).toEqual(["Transpose", "AveragePool", "LeakyRelu", "Tanh", "MaxPool", "Transpose", "Softmax"]);
    expect(onnxGraph(model).outputs[0].dims).toEqual(["batch", 2, 3, 3]);
    const r = await compare(model, 3, 4);
    expect(r.dims).toEqual([3, 2, 3, 3]);
    expect(r.diff).toBeLessThan(1e-5);
    const pooled = modelOf([new MaxPooling2D({ inputShape: [4, 4, 2] }), new LeakyReLU()]);
    expect(opTypes(pooled)).toEqual(["Transpose", "MaxPool", "LeakyRelu", "Transpose"]);
    expect((await compare(pooled, 2, 5)).diff).toBeLessThan(1e-6); // 1.5e-8: onnxruntime's LeakyRelu rounds α·x its own way
    model.dispose();
    pooled.dispose();
  });
});
