import { describe, it, expect } from "vitest";
import { tensor2d } from "../../src/index.js";
import { stratifiedSplit, standardize, oneHot, trainValTestSplit, takeRows } from "../../src/data/split.js";

const labels = Int32Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : i < 900 ? 1 : 2)); // 70/20/10 %
const count = (y: ArrayLike<number>, c: number) => Array.from(y).filter((t) => t === c).length;

describe("stratifiedSplit", () => {
  it("keeps each class's proportion in both parts and uses every row once", () => {
    const { train, test } = stratifiedSplit(labels, 0.25, 7);
    expect(test.length).toBe(250);
    expect([0, 1, 2].map((c) => count(Array.from(test, (i) => labels[i]), c))).toEqual([175, 50, 25]);
    expect([0, 1, 2].map((c) => count(Array.from(train, (i) => labels[i]), c))).toEqual([525, 150, 75]);
    expect(new Set([...train, ...test]).size).toBe(1000);
  });

  it("is seeded: the same seed gives the same split, another seed another", () => {
    const a = stratifiedSplit(labels, 0.2, 42), b = stratifiedSplit(labels, 0.2, 42), c = stratifiedSplit(labels, 0.2, 43);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it("takes ceil(fraction · n) rows as scikit-learn, or a count", () => {
    expect(stratifiedSplit(Int32Array.from({ length: 569 }, (_, i) => (i < 212 ? 0 : 1)), 0.2).test.length).toBe(114);
    expect(stratifiedSplit(labels, 100).test.length).toBe(100);
    expect(() => stratifiedSplit(labels, 1000)).toThrow(/empty part/);
  });

  it("trainValTestSplit gives the course's 364 / 91 / 114 on 569 rows", () => {
    const x = tensor2d(new Float32Array(569 * 2).map((_, i) => i), [569, 2]);
    const y = Int32Array.from({ length: 569 }, (_, i) => (i % 8 < 3 ? 0 : 1));
    const s = trainValTestSplit(x, y);
    expect([s.train.y.length, s.val.y.length, s.test.y.length]).toEqual([364, 91, 114]);
    expect(s.train.x.data[0] / 2).toBe(Math.floor(s.train.x.data[0] / 2)); // rows stay whole: column 0 is even
    expect(s.train.x.data[1]).toBe(s.train.x.data[0] + 1);
  });
});

describe("standardize", () => {
  it("uses the TRAINING statistics for every set", () => {
    const train = tensor2d([1, 10, 3, 10, 5, 10], [3, 2]);
    const test = tensor2d([3, 0, 7, 20], [2, 2]);
    const { sets: [t, v], mean, std } = standardize(train, test);
    expect(Array.from(mean)).toEqual([3, 10]);
    expect(std[0]).toBeCloseTo(Math.sqrt(8 / 3), 12); // population std, as StandardScaler
    expect(std[1]).toBe(1); // a constant column is centred, not divided by 0
    expect(Array.from(t.data).map((v) => +v.toFixed(5))).toEqual([-1.22474, 0, 0, 0, 1.22474, 0]);
    expect(v.data[0]).toBe(0); // 3 is the training mean, whatever the test set's own mean (5)
    expect(v.data[2]).toBeCloseTo(4 / Math.sqrt(8 / 3), 5);
    expect(Array.from(v.data.filter((_, i) => i % 2 === 1))).toEqual([-10, 10]);
  });

  it("scales byte pixels by their scale first", () => {
    const { mean } = standardize(takeRows(tensor2d(new Uint8Array([0, 255]), [2, 1], 1 / 255), [0, 1]));
    expect(mean[0]).toBeCloseTo(0.5, 12);
  });
});

describe("oneHot", () => {
  it("is Keras' to_categorical and refuses labels out of range", () => {
    expect(Array.from(oneHot([2, 0], 3).data)).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => oneHot([3], 3)).toThrow(/label 0 is 3/);
  });
});
