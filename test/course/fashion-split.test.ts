// fashionMnistSplit is trainValTestSplit with the course's Fashion-MNIST defaults (one split, not a copy).
import { describe, it, expect } from "vitest";
import { fashionMnistSplit } from "../../src/data/fashion-mnist.js";
import { trainValTestSplit } from "../../src/data/split.js";
import { tensor2d } from "../../src/data/inputs.js";
import "../../src/index.js"; // init() on import, as the other tests

describe("fashionMnistSplit", () => {
  const y = Int32Array.from({ length: 200 }, (_, i) => i % 10);
  const x = tensor2d(Uint8Array.from({ length: 200 * 3 }, (_, i) => i % 251), [200, 3], 1 / 255);

  it("gives trainValTestSplit's sets for the same sizes and seed", () => {
    expect(fashionMnistSplit({ x, y }, { testSize: 50, valSize: 0.2, seed: 7 })).toEqual(trainValTestSplit(x, y, { testSize: 50, valSize: 0.2, seed: 7 }));
  });

  it("refuses x and y of different lengths", () => {
    expect(() => fashionMnistSplit({ x, y: y.slice(1) }, { testSize: 50 })).toThrow(/200 rows but y has 199 labels/);
  });
});
