// ONNX export of Conv2D models, run in onnxruntime-node (graph optimizations off and on): the graph
// takes the model's NHWC input, transposes to NCHW before the first Conv, writes the kernel
// [kh, kw, cin, cout] as Conv's [cout, cin, kh, kw] with TF.js' 'same' pads explicit (the larger
// half at the bottom/right), and transposes back to NHWC before Flatten so Dense sees TF.js' order.
import { describe, it, expect } from "vitest";
import * as ort from "onnxruntime-node";
import { Sequential, Dense, Flatten, Reshape, Activation, BatchNormalization, Conv2D, MaxPooling2D, AveragePooling2D,
  GlobalAveragePooling2D, ZeroPadding2D, Dropout, tensor2d } from "../../src/index.js";
import { toOnnx, onnxGraph } from "../../src/io/onnx/to-onnx.js";
import type { Layer } from "../../src/layers/layer.js";
import { seeded } from "../model/util.js";

/** The largest |predict − onnxruntime| over `rows` seeded images, at each graph optimization level. */
async function maxDiff(model: Sequential, rows: number, seed: number): Promise<number> {
  const x = Float32Array.from(seeded(rows * model.inputUnits, seed, -2, 2));
  const ours = model.predict(tensor2d(x, [rows, model.inputUnits])).data;
  let diff = 0;
  for (const graphOptimizationLevel of ["disabled", "all"] as const) {
    const session = await ort.InferenceSession.create(toOnnx(model), { graphOptimizationLevel });
    const { output } = await session.run({ input: new ort.Tensor("float32", x, [rows, ...model.inputShape]) });
    await session.release();
    expect(output.dims).toEqual([rows, ...model.outputShapes.at(-1)!]);
    diff = Math.max(diff, ours.reduce((m, v, i) => Math.max(m, Math.abs(v - (output.data as Float32Array)[i])), 0));
  }
  return diff;
}

function modelOf(layers: Layer[]): Sequential {
  const model = new Sequential({ seed: 8, layers });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  model.setWeights(model.getWeights().map((w, i) => seeded(w.data.length, 30 + i, -1, 1)));
  return model;
}

/** Moving variances in [0.5, 2): modelOf's seeded weights in [-1, 1) make some negative. */
function positiveVariances(model: Sequential): void {
  const names = model.weights().map((w) => w.name);
  model.setWeights(model.getWeights().map((w, i) => (names[i].endsWith("moving_variance") ? seeded(w.data.length, i, 0.5, 2) : w.data)));
}

describe("toOnnx with Conv2D", () => {
  it("Conv2D 'valid' relu → Conv2D 'same' [3, 2] strides [2, 1] → MaxPooling2D → Flatten → Dense softmax", async () => {
    const model = modelOf([new Conv2D({ inputShape: [7, 6, 2], filters: 4, kernelSize: 3, activation: "relu" }),
      new Conv2D({ filters: 3, kernelSize: [3, 2], strides: [2, 1], padding: "same", activation: "tanh" }),
      new MaxPooling2D({ poolSize: 2, padding: "same" }), new Flatten(), new Dense({ units: 5, activation: "softmax" })]);
    const graph = onnxGraph(model);
    expect(graph.nodes.map((n) => n.opType)).toEqual(["Transpose", "Conv", "Relu", "Conv", "Tanh", "MaxPool", "Transpose", "Flatten",
      "MatMul", "Add", "Softmax"]);
    expect(graph.inputs[0].dims).toEqual(["batch", 7, 6, 2]);
    // 5×4 in, 'same' [3, 2] strides [2, 1]: out 3×4, total pads 2·2 + 3 − 5 = 2 and 3 + 2 − 4 = 1 → [top 1, left 0, bottom 1, right 1]
    expect(graph.nodes[3].attributes).toEqual({ kernel_shape: [3, 2], strides: [2, 1], pads: [1, 0, 1, 1] });
    const kernel = graph.initializers.find((t) => t.name === model.layers[1].name + "/kernel")!;
    expect(kernel.dims).toEqual([3, 4, 3, 2]); // [cout, cin, kh, kw]
    const w = model.getWeights()[2].data; // [kh, kw, cin, cout]: element (y 2, x 1, i 3, o 1) is OIHW's (1, 3, 2, 1)
    expect(kernel.data[((1 * 4 + 3) * 3 + 2) * 2 + 1]).toBe(w[((2 * 2 + 1) * 4 + 3) * 3 + 1]);
    for (const rows of [1, 6]) {
      const diff = await maxDiff(model, rows, rows);
      console.log(`ONNX, CNN ('valid' + 'same' strides [2, 1], MaxPool, Flatten, Dense), ${rows} rows: max |Δ| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-5);
    }
    model.dispose();
  });

  it("ZeroPadding2D → Conv2D without bias, 5×5 strides 2 'same' → AveragePooling2D 'same' → GlobalAveragePooling2D → Dense", async () => {
    const model = modelOf([new ZeroPadding2D({ inputShape: [6, 5, 3], padding: [[2, 0], [1, 1]] }),
      new Conv2D({ filters: 4, kernelSize: 5, strides: 2, padding: "same", useBias: false }), new Dropout({ rate: 0.5 }),
      new AveragePooling2D({ poolSize: 3, strides: 1, padding: "same" }), new GlobalAveragePooling2D(), new Dense({ units: 2 })]);
    const graph = onnxGraph(model);
    expect(graph.nodes.map((n) => n.opType)).toEqual(["Transpose", "Pad", "Conv", "AveragePool", "GlobalAveragePool", "Flatten",
      "MatMul", "Add"]);
    expect(graph.nodes[2].inputs.length).toBe(2); // no bias
    expect(graph.nodes[2].attributes!.pads).toEqual([1, 2, 2, 2]); // 8×7 in, 5×5 strides 2: out 4×4, total 3 (the extra 1 after) and 4
    const diff = await maxDiff(model, 5, 9);
    console.log(`ONNX, ZeroPadding2D + Conv 5×5 'same' + AveragePool + GlobalAveragePool: max |Δ| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    model.dispose();
  });

  it("a Conv2D softmax (over channels) runs after the transpose back; a conv output is NHWC as predict gives it", async () => {
    const model = modelOf([new Conv2D({ inputShape: [4, 5, 2], filters: 3, kernelSize: [2, 3], activation: "softmax" })]);
    expect(onnxGraph(model).nodes.map((n) => n.opType)).toEqual(["Transpose", "Conv", "Transpose", "Softmax"]);
    expect(await maxDiff(model, 3, 2)).toBeLessThan(1e-6);
    const plain = modelOf([new Conv2D({ inputShape: [4, 5, 2], filters: 3, kernelSize: 1, activation: "sigmoid" })]);
    expect(onnxGraph(plain).nodes.map((n) => n.opType)).toEqual(["Transpose", "Conv", "Sigmoid", "Transpose"]);
    expect(await maxDiff(plain, 3, 2)).toBeLessThan(1e-6);
    model.dispose();
    plain.dispose();
  });

  it("BatchNormalization of a Conv2D's output normalizes its channels: ONNX's axis 1 in NCHW, with no transpose around it", async () => {
    const model = modelOf([new Conv2D({ inputShape: [5, 4, 2], filters: 3, kernelSize: 2 }), new BatchNormalization({ epsilon: 0.01 }),
      new Activation({ activation: "relu" }), new Flatten(), new Dense({ units: 2 })]);
    positiveVariances(model);
    expect(onnxGraph(model).nodes.map((n) => n.opType)).toEqual(["Transpose", "Conv", "BatchNormalization", "Relu", "Transpose",
      "Flatten", "MatMul", "Add"]);
    const diff = await maxDiff(model, 4, 8);
    console.log(`ONNX, Conv2D → BatchNormalization → relu → Flatten → Dense: max |Δ| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    const first = modelOf([new BatchNormalization({ inputShape: [3, 2, 2] })]); // on the input: transposed to NCHW and back
    positiveVariances(first);
    expect(onnxGraph(first).nodes.map((n) => n.opType)).toEqual(["Transpose", "BatchNormalization", "Transpose"]);
    expect(await maxDiff(first, 3, 1)).toBeLessThan(1e-6);
    model.dispose();
    first.dispose();
  });

  it("flat rows reshaped to images (MNIST's [784] → [28, 28, 1] pattern): the input stays flat, Reshape gives NHWC", async () => {
    const model = modelOf([new Reshape({ inputShape: [30], targetShape: [5, 3, 2] }), new Conv2D({ filters: 2, kernelSize: 2 }),
      new Flatten(), new Dense({ units: 2 })]);
    expect(onnxGraph(model).nodes.map((n) => n.opType)).toEqual(["Reshape", "Transpose", "Conv", "Transpose", "Flatten", "MatMul", "Add"]);
    expect(onnxGraph(model).inputs[0].dims).toEqual(["batch", 30]);
    expect(await maxDiff(model, 4, 6)).toBeLessThan(1e-5);
    model.dispose();
  });
});
