// models/confusion.ts (counts in WASM, assembly/metrics.ts#confusionCounts) ↔ counts made here
// from predict()'s rows; and plot/confusion.ts's picture (out/confusion-matrix.png, looked at).
import { describe, it, expect } from "vitest";
import { mkdir } from "node:fs/promises";
import { Sequential, Dense, confusionMatrix, plot } from "../../src/index.js";
import { writePicture } from "../../src/plot/png-node.js";
import { rowsOf, toyClasses } from "./util.js";

const argmax = (row: ArrayLike<number>) => Array.from(row).reduce((b, v, i, r) => (v > r[b] ? i : b), 0);

describe("confusionMatrix", () => {
  it("counts (true, predicted) pairs as predict()'s argmaxes say, for labels and one-hot rows", async () => {
    const data = toyClasses(90, 4, 3, 5);
    const model = new Sequential({ seed: 2, layers: [new Dense({ units: 8, inputShape: [4], activation: "relu" }), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    await model.fit(data.x, data.y, { epochs: 40, batchSize: 16, verbose: 0 });
    const out = model.predict(data.x), want = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    data.y.forEach((t, r) => want[t][argmax(out.data.subarray(r * 3, r * 3 + 3))]++);
    const m = confusionMatrix(model, data.x, data.y, { batchSize: 7 }); // chunks of 7: the counts add up across them
    expect(m).toEqual({ classes: 3, counts: want });
    expect(m.counts.flat().reduce((s, c) => s + c, 0)).toBe(90);
    model.compile({ optimizer: "adam", loss: "categoricalCrossentropy" });
    expect(confusionMatrix(model, data.x, data.y.map((t) => [0, 1, 2].map((c) => (c === t ? 1 : 0)))).counts).toEqual(want);
    await mkdir("out", { recursive: true });
    const svg = plot.confusionMatrixPlot({ counts: m.counts, labels: ["A", "B", "C"], title: "toy classes, 90 samples" });
    expect(svg).toContain("<svg");
    for (const c of m.counts.flat()) expect(svg).toContain(`>${c}</text>`);
    await writePicture("out/confusion-matrix", svg);
    model.dispose();
  });

  it("one sigmoid unit: 2×2 at the 0.5 threshold", () => {
    const x = rowsOf(40, 2, 3, -1, 1), y = x.map(([a, b]) => (a + b > 0 ? 1 : 0));
    const model = new Sequential({ seed: 4, layers: [new Dense({ units: 1, inputShape: [2], activation: "sigmoid" })] });
    model.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });
    const p = model.predict(x).data, want = [[0, 0], [0, 0]];
    y.forEach((t, r) => want[t][p[r] > 0.5 ? 1 : 0]++);
    expect(confusionMatrix(model, x, y)).toEqual({ classes: 2, counts: want });
    model.dispose();
  });

  it("refuses an uncompiled model and a counts table that is not square", () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [2] })] });
    expect(() => confusionMatrix(model, [[1, 2]], [0])).toThrow(/compile/);
    expect(() => plot.confusionMatrixPlot({ counts: [[1, 2], [3]] })).toThrow(/must be square/);
    model.dispose();
  });
});
