// Lesson 14's randomSearch (Saito 6.5) on a small synthetic set: the book's split (shuffle, then the
// first int(n · rate) rows held out), log-uniform draws in the ranges from the seeded Rng (a seed
// repeats the search, another changes it), one score an epoch, bestTrials' order, and the errors.
import { describe, it, expect } from "vitest";
import { randomSearch, bestTrials, tensor2d, ModelError, type Trial } from "../../src/index.js";
import { seededInts, seededValues } from "../helpers.js";

const ROWS = 40, COLS = 6, CLASSES = 3;
const x = tensor2d(Float32Array.from(seededValues(ROWS * COLS, -1, 1, 1401)), [ROWS, COLS]);
const t = Int32Array.from(seededInts(ROWS, CLASSES, 1402));
const small = { trials: 6, epochs: 3, hiddenSizeList: [5, 4], outputSize: CLASSES, batchSize: 8, seed: 7 };

describe("randomSearch", () => {
  it("splits as the book, draws 10^U in the ranges, scores once an epoch, and repeats under a seed", () => {
    const a = randomSearch(x, t, small);
    expect(a.val.y.length).toBe(8); // int(40 · 0.2)
    expect(a.train.y.length).toBe(32);
    // The two parts are the rows, each once: their labels together are t's (as a multiset).
    expect([...a.train.y, ...a.val.y].sort()).toEqual([...t].sort());
    expect(a.trials).toHaveLength(6);
    for (const tr of a.trials) {
      expect(tr.lr).toBeGreaterThanOrEqual(1e-6), expect(tr.lr).toBeLessThan(1e-2);
      expect(tr.weightDecay).toBeGreaterThanOrEqual(1e-8), expect(tr.weightDecay).toBeLessThan(1e-4);
      expect(tr.valAccList).toHaveLength(3), expect(tr.trainAccList).toHaveLength(3);
      for (const v of tr.valAccList) expect(Math.abs(v * 8 - Math.round(v * 8))).toBeLessThan(1e-9); // a share of the 8 rows
    }
    const b = randomSearch(x, t, small);
    const figures = (r: typeof a) => r.trials.map((tr) => [tr.lr, tr.weightDecay, ...tr.valAccList, ...tr.trainAccList]);
    expect(figures(b)).toEqual(figures(a));
    expect(Array.from(b.val.y)).toEqual(Array.from(a.val.y));
    const c = randomSearch(x, t, { ...small, seed: 8 });
    expect(c.trials.map((tr) => tr.lr)).not.toEqual(a.trials.map((tr) => tr.lr));
    const narrow = randomSearch(x, t, { ...small, trials: 3, lrExponent: [-3, -2], weightDecayExponent: [-5, -4] });
    for (const tr of narrow.trials) expect(tr.lr).toBeGreaterThanOrEqual(1e-3), expect(tr.weightDecay).toBeGreaterThanOrEqual(1e-5);
  });

  it("bestTrials: highest final val acc first, ties in the order run", () => {
    const tr = (v: number, lr: number): Trial => ({ lr, weightDecay: 0, valAccList: [0, v], trainAccList: [0, 0], seconds: 0 });
    const list = [tr(0.5, 1), tr(0.8, 2), tr(0.5, 3), tr(0.9, 4)];
    expect(bestTrials(list, 3).map((r) => r.lr)).toEqual([4, 2, 1]);
    expect(bestTrials(list, 10).map((r) => r.lr)).toEqual([4, 2, 1, 3]);
  });

  it("refuses bad settings with what to give instead", () => {
    expect(() => randomSearch(x, t, { ...small, validationRate: 0.01 })).toThrow(/validationRate 0.01 of 40 rows leaves 0 for validation/);
    expect(() => randomSearch(x, t, { ...small, validationRate: 1 })).toThrow(ModelError);
    expect(() => randomSearch(x, t, { ...small, trials: 0 })).toThrow(/trials must be a positive integer, got 0/);
    expect(() => randomSearch(x, t, { ...small, lrExponent: [-2, -6] })).toThrow(/lrExponent must be \[low, high\] exponents of ten/);
    expect(() => randomSearch(x, t.subarray(1), small)).toThrow(/x has 40 rows but t has 39 labels/);
  });
});
