// The bytes of an exported model read back field by field with the test-side reader, against the
// field numbers of onnx/onnx.proto3. onnxruntime ignores fields it does not know, so a field
// written under the wrong number could pass the runtime tests and still be wrong; this catches it.
import { describe, it, expect } from "vitest";
import { Sequential, Dense } from "../../src/index.js";
import { toOnnx } from "../../src/io/onnx/to-onnx.js";
import { readMessage, messages, strings, ints, type Fields } from "./protobuf-reader.js";

const one = (f: Fields, field: number): Fields => {
  const found = messages(f, field);
  expect(found).toHaveLength(1);
  return found[0];
};

/** A ValueInfoProto as [name, elem_type, dims] with dim_value as numbers and dim_param as strings. */
const valueInfo = (v: Fields) => {
  const tensorType = one(one(v, 2), 1); // ValueInfoProto.type → TypeProto.tensor_type
  const dims = messages(one(tensorType, 2), 1).map((d) => (d.has(1) ? ints(d, 1)[0] : strings(d, 2)[0]));
  return [strings(v, 1)[0], ints(tensorType, 1)[0], dims];
};

describe("an exported model, field by field", () => {
  const model = new Sequential({
    name: "two_layer",
    layers: [new Dense({ units: 3, activation: "step", inputShape: [2], name: "hidden" }), new Dense({ units: 2, activation: "softmax", useBias: false, name: "out" })],
  });
  model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
  model.setWeights([[1, -2, 3, -4, 5, -6], [0.5, -0.25, 0], [1, 2, 3, 4, 5, 6]]);
  const file = readMessage(toOnnx(model));

  it("ModelProto: ir_version 7, producer 'scratchnet', opset_import {domain '', version 13}", () => {
    expect(ints(file, 1)).toEqual([7]);
    expect(strings(file, 2)).toEqual(["scratchnet"]);
    const opset = one(file, 8);
    expect(opset.has(1)).toBe(false); // the default domain, ai.onnx
    expect(ints(opset, 2)).toEqual([13]);
    expect([...file.keys()].sort((a, b) => a - b)).toEqual([1, 2, 7, 8]);
  });

  it("GraphProto: the model's name, one float input [batch, 2] and one output [batch, 2]", () => {
    const graph = one(file, 7);
    expect(strings(graph, 2)).toEqual(["two_layer"]);
    expect(messages(graph, 11).map(valueInfo)).toEqual([["input", 1, ["batch", 2]]]);
    expect(messages(graph, 12).map(valueInfo)).toEqual([["output", 1, ["batch", 2]]]);
  });

  it("NodeProto: inputs, outputs, names and op types in order, ending in 'output'", () => {
    const nodes = messages(one(file, 7), 1).map((n) => [strings(n, 4)[0], strings(n, 1), strings(n, 2), strings(n, 3)[0]]);
    expect(nodes).toEqual([
      ["MatMul", ["input", "hidden/kernel"], ["hidden/MatMul:0"], "hidden/MatMul"],
      ["Add", ["hidden/MatMul:0", "hidden/bias"], ["hidden/Add:0"], "hidden/Add"],
      ["Greater", ["hidden/Add:0", "hidden/zero"], ["hidden/Greater:0"], "hidden/Greater"],
      ["Cast", ["hidden/Greater:0"], ["hidden/Cast:0"], "hidden/Cast"],
      ["MatMul", ["hidden/Cast:0", "out/kernel"], ["out/MatMul:0"], "out/MatMul"],
      ["Softmax", ["out/MatMul:0"], ["output"], "out/Softmax"],
    ]);
  });

  it("AttributeProto: Cast to = 1 (FLOAT) and Softmax axis = -1, both of type INT (2)", () => {
    const attributes = messages(one(file, 7), 1).flatMap((n) => messages(n, 5).map((a) => [strings(n, 4)[0], strings(a, 1)[0], ints(a, 3)[0], ints(a, 20)[0]]));
    expect(attributes).toEqual([["Cast", "to", 1, 2], ["Softmax", "axis", -1, 2]]);
  });

  it("TensorProto: dims, FLOAT, the name, and raw_data holding getWeights() as little-endian float32", () => {
    const weights = model.getWeights();
    const tensors = messages(one(file, 7), 5);
    expect(tensors.map((t) => [strings(t, 8)[0], ints(t, 1), ints(t, 2)[0]])).toEqual([
      ["hidden/kernel", [2, 3], 1], ["hidden/bias", [3], 1], ["hidden/zero", [], 1], ["out/kernel", [3, 2], 1],
    ]);
    const raw = tensors.map((t) => t.get(9)![0] as Uint8Array);
    const asFloats = (b: Uint8Array) => Array.from({ length: b.length / 4 }, (_, i) => new DataView(b.buffer, b.byteOffset).getFloat32(i * 4, true));
    expect(asFloats(raw[0])).toEqual(Array.from(weights[0].data));
    expect(asFloats(raw[1])).toEqual(Array.from(weights[1].data));
    expect(asFloats(raw[2])).toEqual([0]);
    expect(asFloats(raw[3])).toEqual(Array.from(weights[2].data));
  });
});
