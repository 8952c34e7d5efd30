// The part of ONNX's schema (onnx/onnx.proto3) that a Dense or conv network needs, as plain objects and
// the encoders that write them. Each field number below is the one in onnx.proto3: a wrong
// number is not an error the parser reports, it silently reads as another field.
import { ProtoWriter } from "./protobuf.js";

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT64: 7, BOOL: 9 } as const;

/** An operator call: `outputs = opType(inputs)`, with integer attributes (axis, to) and integer lists (perm, pads). */
export interface OnnxNode {
  opType: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, number | number[]>;
  /** Float attributes (LeakyRelu's alpha, BatchNormalization's epsilon). */
  floatAttributes?: Record<string, number>;
}

/** A constant tensor stored in the file: a float32 weight, or an int64 shape (Reshape's). */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
}

/** A graph input or output: a float32 tensor whose dims are numbers or symbolic names ("batch"). */
export interface OnnxValue {
  name: string;
  dims: (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
}

export interface OnnxModel {
  irVersion: number;
  /** Version of the default ("ai.onnx") operator set. */
  opsetVersion: number;
  producerName: string;
  graph: OnnxGraph;
}

// AttributeProto { name = 1; i = 3; ints = 8; type = 20 }, AttributeType.INT = 2, INTS = 7
function attribute(name: string, value: number | number[]): ProtoWriter {
  if (!Array.isArray(value)) return new ProtoWriter().string(1, name).int(3, value).int(20, 2);
  const w = new ProtoWriter().string(1, name);
  for (const v of value) w.int(8, v);
  return w.int(20, 7);
}

// NodeProto { input = 1; output = 2; name = 3; op_type = 4; attribute = 5 }
function node(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const input of n.inputs) w.string(1, input);
  for (const output of n.outputs) w.string(2, output);
  w.string(3, n.name).string(4, n.opType);
  for (const [name, value] of Object.entries(n.attributes ?? {})) w.message(5, attribute(name, value));
  // AttributeProto { name = 1; f = 2; type = 20 }, AttributeType.FLOAT = 1
  for (const [name, value] of Object.entries(n.floatAttributes ?? {})) {
    w.message(5, new ProtoWriter().string(1, name).float(2, value).int(20, 1));
  }
  return w;
}

// TensorProto { dims = 1; data_type = 2; name = 8; raw_data = 9 }; raw_data is little-endian.
function tensor(t: OnnxInitializer): ProtoWriter {
  const int64 = t.data instanceof BigInt64Array, size = int64 ? 8 : 4;
  const raw = new Uint8Array(t.data.length * size);
  const view = new DataView(raw.buffer);
  // explicit: correct on big-endian hosts too
  t.data.forEach((v: number | bigint, i: number) =>
    (int64 ? view.setBigInt64(i * 8, v as bigint, true) : view.setFloat32(i * 4, v as number, true)));
  const w = new ProtoWriter();
  for (const d of t.dims) w.int(1, d);
  return w.int(2, int64 ? DataType.INT64 : DataType.FLOAT).string(8, t.name).bytes(9, raw);
}

// ValueInfoProto { name = 1; type = 2 }
//   TypeProto { tensor_type = 1 }, TypeProto.Tensor { elem_type = 1; shape = 2 }
//   TensorShapeProto { dim = 1 }, Dimension { dim_value = 1 | dim_param = 2 }
function valueInfo(v: OnnxValue): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.dims) shape.message(1, typeof d === "number" ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d));
  const tensorType = new ProtoWriter().int(1, DataType.FLOAT).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType));
}

// GraphProto { node = 1; name = 2; initializer = 5; input = 11; output = 12 }
function graph(g: OnnxGraph): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, node(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, tensor(t));
  for (const v of g.inputs) w.message(11, valueInfo(v));
  for (const v of g.outputs) w.message(12, valueInfo(v));
  return w;
}

// ModelProto { ir_version = 1; producer_name = 2; graph = 7; opset_import = 8 }
//   OperatorSetIdProto { domain = 1; version = 2 }: domain "" is the standard ai.onnx set.
/** The bytes of an .onnx file holding `model`. */
export function encodeModel(m: OnnxModel): Uint8Array {
  return new ProtoWriter()
    .int(1, m.irVersion)
    .string(2, m.producerName)
    .message(7, graph(m.graph))
    .message(8, new ProtoWriter().int(2, m.opsetVersion))
    .finish();
}
