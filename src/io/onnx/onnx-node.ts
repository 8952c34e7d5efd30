// Node-only: write toOnnx()'s bytes to a file, e.g. for Netron or onnxruntime.
import { writeFile } from "node:fs/promises";
import type { Sequential } from "../../models/sequential.js";
import { toOnnx } from "./to-onnx.js";

/** Write `model` as an ONNX file at `path` (conventionally ending in .onnx). */
export async function writeOnnx(model: Sequential, path: string): Promise<void> {
  await writeFile(path, toOnnx(model));
}
