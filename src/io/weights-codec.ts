// The bytes behind a weights manifest: little-endian float32 (and int32 for the optimizer's step
// count, as TensorFlow.js stores 'iter'), packed in manifest order with no padding. Decoding
// checks everything first — dtypes, the total byte length, finiteness — so a bad file never
// yields part of a model.
import type { WeightSpec } from "./types.js";

export interface NamedArray {
  spec: WeightSpec;
  data: Float32Array | Int32Array;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** One ArrayBuffer holding every array, little-endian, in order. */
export function encodeWeights(arrays: NamedArray[]): ArrayBuffer {
  const bytes = new ArrayBuffer(arrays.reduce((n, a) => n + a.data.length * 4, 0));
  const view = new DataView(bytes);
  let at = 0;
  for (const { data } of arrays) {
    const float = data instanceof Float32Array;
    for (let i = 0; i < data.length; i++, at += 4) {
      if (float) view.setFloat32(at, data[i], true);
      else view.setInt32(at, data[i], true);
    }
  }
  return bytes;
}

/** Join TensorFlow.js' weightData (one buffer or a list of them) into one byte view. */
export function joinWeightData(data: unknown): Uint8Array<ArrayBuffer> {
  if (data === undefined || data === null) return new Uint8Array(0);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (!Array.isArray(data)) throw new TypeError(`weightData must be an ArrayBuffer or a list of them, got ${String(data)}`);
  const out = new Uint8Array(data.reduce((n: number, b: ArrayBuffer) => n + b.byteLength, 0));
  let at = 0;
  for (const b of data) {
    out.set(new Uint8Array(b as ArrayBuffer), at);
    at += (b as ArrayBuffer).byteLength;
  }
  return out;
}

const isDim = (d: unknown) => typeof d === "number" && Number.isInteger(d) && d >= 0;

/**
 * Check the specs against the bytes and decode them. `fail(file, what)` throws; `jsonFile` is
 * where the manifest came from and `binFile` where the bytes did, for the messages.
 */
export function decodeWeights(specs: unknown, bytes: Uint8Array, jsonFile: string, binFile: string, fail: (file: string, what: string) => never): NamedArray[] {
  if (!Array.isArray(specs)) return fail(jsonFile, "has no weights manifest (weightsManifest or weightSpecs)");
  const checked = specs.map((w: unknown, i): WeightSpec => {
    const s = w as Partial<WeightSpec> | null;
    if (typeof s !== "object" || s === null || typeof s.name !== "string" || !Array.isArray(s.shape) || !s.shape.every(isDim)) {
      return fail(jsonFile, `weightsManifest entry ${i} needs a name and a shape of non-negative integers`);
    }
    if (s.quantization !== undefined && s.quantization !== null) {
      return fail(jsonFile, `${s.name} is quantized (${JSON.stringify(s.quantization)}); save the model without quantization (float32)`);
    }
    const int = s.group === "optimizer" && s.dtype === "int32";
    if (s.dtype !== "float32" && !int) {
      return fail(jsonFile, `${s.name} has dtype ${JSON.stringify(s.dtype)}; weights must be float32 (only the optimizer's step count is int32)`);
    }
    return s as WeightSpec;
  });
  const expected = checked.reduce((n, s) => n + sizeOf(s.shape) * 4, 0);
  if (bytes.byteLength !== expected) {
    const hint = bytes.byteLength < expected ? "it is truncated; copy or download it again, or save the model again"
      : "it has extra bytes or belongs to another model; keep model.json with the weights file saved beside it";
    const kind = checked.every((s) => s.dtype === "float32") ? "float32 arrays" : "arrays";
    fail(binFile, `${bytes.byteLength} bytes, but ${jsonFile} lists ${checked.length} ${kind} of ${expected} bytes; ${hint}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  return checked.map((spec) => {
    const n = sizeOf(spec.shape);
    const float = spec.dtype === "float32";
    const data = float ? new Float32Array(n) : new Int32Array(n);
    for (let i = 0; i < n; i++, at += 4) data[i] = float ? view.getFloat32(at, true) : view.getInt32(at, true);
    const bad = float ? data.findIndex((v) => !Number.isFinite(v)) : -1;
    if (bad >= 0) fail(binFile, `${spec.name}[${bad}] is ${data[bad]}; stored weights must be finite (was it saved after training diverged?); load an earlier save or train again`);
    return { spec, data };
  });
}
