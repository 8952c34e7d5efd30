import { describe, it, expect } from "vitest";
import { DataError } from "../../src/index.js";
import { loadBreastCancer, parseBreastCancer } from "../../src/data/breast-cancer.js";
import { loadFashionMnist, parseFashionClass } from "../../src/data/fashion-mnist.js";
import { xor, circles, moons, spirals, blobs, sinCos } from "../../src/data/synthetic.js";

describe("breast cancer", () => {
  it("loads 569 × 30 with 212 malignant (0) and 357 benign (1)", async () => {
    const bc = await loadBreastCancer();
    expect(bc.x.shape).toEqual([569, 30]);
    expect(bc.y.filter((t) => t === 0).length).toBe(212);
    expect(bc.featureNames[0]).toBe("mean radius");
    expect(bc.featureNames[29]).toBe("worst fractal dimension");
    expect(bc.x.data[0]).toBeCloseTo(17.99, 5);
  });

  it("refuses a file that is not the set", () => {
    expect(() => parseBreastCancer("569,30,a,b\n1,2\n")).toThrow(/is not "569,30,malignant,benign"/);
    expect(() => parseBreastCancer("569,30,malignant,benign\n1,2\n")).toThrow(/1 row × 2 columns/);
  });
});

describe("fashion-mnist", () => {
  it("drops the 2 empty entries of class 0 and keeps 7,000 images of bytes", async () => {
    const f = await loadFashionMnist({ classes: [0] });
    expect(f.dropped[0]).toBe(2);
    expect(f.count).toBe(7000);
    expect(f.x.shape).toEqual([7000, 784]);
    expect(f.x.scale).toBeCloseTo(1 / 255, 12);
    expect(f.y.every((t) => t === 0)).toBe(true);
  }, 20_000);

  it("refuses images of the wrong size and pixels that are not bytes", () => {
    expect(() => parseFashionClass({ data: [[1, 2]] }, 3)).toThrow(/3\.json: image 0 has 2 pixels, expected 784/);
    expect(() => parseFashionClass({ data: [new Array(784).fill(256)] }, 1)).toThrow(/pixel 0 is 256, not a byte/);
    expect(() => parseFashionClass({}, 1)).toThrow(DataError);
  });
});

describe("synthetic 2-D sets", () => {
  it("are seeded: the same seed gives the same points", () => {
    for (const make of [xor, circles, moons, spirals, blobs]) {
      expect(Array.from(make({ n: 50, seed: 3 }).x.data)).toEqual(Array.from(make({ n: 50, seed: 3 }).x.data));
      expect(Array.from(make({ n: 50, seed: 3 }).x.data)).not.toEqual(Array.from(make({ n: 50, seed: 4 }).x.data));
    }
  });

  it("have the stated classes and shapes", () => {
    const c = circles({ n: 100, noise: 0 });
    for (let i = 0; i < 100; i++) expect(Math.hypot(c.x.data[2 * i], c.x.data[2 * i + 1])).toBeCloseTo(c.y[i] === 0 ? 1 : 0.5, 5);
    const x = xor({ n: 100, noise: 0 });
    for (let i = 0; i < 100; i++) expect(x.y[i]).toBe(x.x.data[2 * i] > 0 !== x.x.data[2 * i + 1] > 0 ? 1 : 0);
    expect(new Set(spirals({ classes: 4, n: 100 }).y).size).toBe(4);
    expect(blobs({ classes: 5, n: 100 }).classes).toBe(5);
  });

  it("sinCos agrees with Math.sin/cos to 1e-14", () => {
    for (const t of [-20, -3.2, -1, 0, 0.5, 1.75, 3.14159, 10, 40]) {
      const [s, c] = sinCos(t);
      expect(Math.abs(s - Math.sin(t))).toBeLessThan(1e-14);
      expect(Math.abs(c - Math.cos(t))).toBeLessThan(1e-14);
    }
  });
});
