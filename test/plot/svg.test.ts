// Lesson 8's pictures as SVG text: well-formed, labelled, escaped, with round ticks, a full
// heat map and grey levels that follow the pixel values.
import { describe, it, expect } from "vitest";
import { chartGrid, classProbabilities, decisionRegions, escapeXml, greyLevel, imageGrid, lineChart, niceTicks } from "../../src/plot/svg.js";
import { checkXml, textsOf } from "./xml.js";

const curves = {
  title: "Loss", xLabel: "epoch", yLabel: "cross-entropy",
  series: [{ name: "train", y: [1.2, 0.8, 0.5, 0.4] }, { name: "validation", y: [1.3, 0.9, 0.7, 0.65], dash: "6 4" }],
};

/** Is v a whole multiple of step, up to rounding? */
const onStep = (v: number, step: number) => Math.abs(v / step - Math.round(v / step)) < 1e-9;

describe("niceTicks", () => {
  it.each([
    [0, 1, 0.2], [0.13, 0.92, 0.2], [0, 5000, 1000], [-6, 6, 2], [-3.2, 7.7, 2], [0.001, 0.0042, 0.0005], [3, 97, 20], [0.6931, 0.6932, 0.00002], [-250, -30, 50],
  ])("(%s, %s) steps by %s, from a tick at or below the minimum to one at or above the maximum", (lo, hi, step) => {
    const t = niceTicks(lo, hi);
    expect(t.step).toBe(step);
    expect(t.min).toBeLessThanOrEqual(lo);
    expect(t.max).toBeGreaterThanOrEqual(hi);
    for (const v of t.values) {
      expect(onStep(v, step)).toBe(true);
      expect(String(v).length).toBeLessThanOrEqual(8); // 0.6, never 0.6000000000000001
    }
    expect(t.values.length).toBeGreaterThanOrEqual(3);
    expect(t.values.length).toBeLessThanOrEqual(11);
  });

  it("widens an empty range and refuses NaN", () => {
    expect(niceTicks(0, 0).values).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(5, 5).min).toBeLessThan(5);
    expect(() => niceTicks(0, NaN)).toThrow(/not finite/);
  });
});

describe("escapeXml", () => {
  it("turns & < > \" ' into entities", () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  });
});

describe("lineChart", () => {
  it("is well-formed SVG with the title, axis labels, tick numbers and legend", () => {
    const svg = lineChart(curves);
    expect(checkXml(svg)).toEqual([]);
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    const texts = textsOf(svg);
    for (const label of ["Loss", "epoch", "cross-entropy", "train", "validation", "1.0", "2.5", "4.0", "0.4", "1.4"]) expect(texts).toContain(label);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it("escapes special characters in titles, labels and series names", () => {
    const svg = lineChart({ ...curves, title: "a < b & c", series: [{ name: `"val" <loss>`, y: [1, 2] }] });
    expect(checkXml(svg)).toEqual([]);
    expect(svg).not.toContain("a < b");
    expect(textsOf(svg)).toEqual(expect.arrayContaining(["a < b & c", `"val" <loss>`]));
  });

  it("breaks a line at NaN instead of drawing through it, and checks x against y", () => {
    const svg = lineChart({ series: [{ name: "s", y: [1, 2, NaN, 3, 4] }] });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(() => lineChart({ series: [{ name: "s", x: [1, 2], y: [1, 2, 3] }] })).toThrow(/2 x values but 3 y values/);
  });

  it("chartGrid lays out several charts, each with its own labels, in one document", () => {
    const svg = chartGrid([curves, { ...curves, title: "Accuracy", yRange: [0, 1] }], { columns: 2, width: 400, height: 300, title: "History" });
    expect(checkXml(svg)).toEqual([]);
    expect(svg).toMatch(/width="800" height="334"/);
    expect(textsOf(svg)).toEqual(expect.arrayContaining(["History", "Loss", "Accuracy"]));
    expect(new Set(svg.match(/clipPath id="[^"]+"/g)).size).toBe(2); // ids do not collide
  });
});

describe("decisionRegions", () => {
  const x = [[-1, -1], [1, 1], [-1, 1], [1, -1]], y = [0, 0, 1, 1];
  const xorProbability = (points: number[][]) => Float32Array.from(points, ([a, b]) => (a > 0 !== b > 0 ? 0.9 : 0.1));

  it("has grid × grid cells, one predict call for all of them, the points, axes and legend", () => {
    let calls = 0, asked = 0;
    const svg = decisionRegions({ predict: (p) => (calls++, (asked = p.length), xorProbability(p)), x, y, grid: 12, title: "XOR & regions", classNames: ["even", "odd"] });
    expect(checkXml(svg)).toEqual([]);
    expect([calls, asked]).toEqual([1, 144]);
    const cells = svg.match(/<g class="cells"[^>]*>(.*?)<\/g>/)![1];
    expect(cells.match(/<rect/g)).toHaveLength(144);
    expect(svg.match(/<g class="points">(.*?)<\/g>/)![1].match(/<circle/g)).toHaveLength(4);
    expect(textsOf(svg)).toEqual(expect.arrayContaining(["XOR & regions", "x₁", "x₂", "even", "odd"]));
  });

  it("colours a cell by the class it predicts: top-left (class 1) differs from bottom-left (class 0)", () => {
    const svg = decisionRegions({ predict: xorProbability, x, y, grid: 2 });
    const fills = [...svg.match(/<g class="cells"[^>]*>(.*?)<\/g>/)![1].matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    expect(fills).toHaveLength(4);
    expect(fills[0]).toBe(fills[3]); // top-left and bottom-right: class 1
    expect(fills[1]).toBe(fills[2]);
    expect(fills[0]).not.toBe(fills[1]);
  });

  it("reads probabilities, P(class 1) or class indices, and {data} from Sequential.predict", () => {
    expect(Array.from(classProbabilities([0.25], 1, 2))).toEqual([0.75, 0.25]);
    expect(Array.from(classProbabilities([2], 1, 3))).toEqual([0, 0, 1]);
    expect(Array.from(classProbabilities({ data: [0.5, 0.25, 0.25] }, 1, 3))).toEqual([0.5, 0.25, 0.25]);
    expect(() => classProbabilities([1, 2, 3], 2, 2)).toThrow(/returned 3 values for 2 points/);
  });
});

describe("imageGrid", () => {
  it("maps pixel values to grey levels: 0 black, 255 white, 128 mid-grey (inverted on request)", () => {
    expect([greyLevel(0, 0, 255), greyLevel(128, 0, 255), greyLevel(255, 0, 255), greyLevel(300, 0, 255)]).toEqual([0, 128, 255, 255]);
    expect(greyLevel(1, 0, 1, true)).toBe(0);
    const image = new Uint8Array(4 * 4);
    image.set([255, 255, 128], 5); // row 1: a white run of two, then grey
    const svg = imageGrid({ images: image, imageWidth: 4, imageHeight: 4, labels: [7] });
    expect(checkXml(svg)).toEqual([]);
    expect(svg).toContain('<rect width="4" height="4" fill="#000000"/>');
    expect(svg).toContain('<path d="M1 1h2v1h-2z" fill="#ffffff"/>');
    expect(svg).toContain('<path d="M3 1h1v1h-1z" fill="#808080"/>');
    expect(textsOf(svg)).toContain("7");
  });

  it("draws `count` images of a flat array, a label under each, `columns` to a row", () => {
    const images = new Uint8Array(10 * 784).map((_, i) => i % 251);
    const svg = imageGrid({ images: { data: images }, count: 6, labels: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], columns: 3, title: "digits <6>" });
    expect(checkXml(svg)).toEqual([]);
    expect(svg.match(/<g class="image"/g)).toHaveLength(6);
    expect(textsOf(svg)).toEqual(["digits <6>", "0", "1", "2", "3", "4", "5"]);
    expect(() => imageGrid({ images: [new Float32Array(10)] })).toThrow(/10 pixels, expected 28 × 28/);
  });

  it("stretches each image to its own range with range: 'each' (an average digit is dim)", () => {
    const dim = new Float32Array(784).fill(0.1);
    dim[0] = 0.4;
    const svg = imageGrid({ images: [dim], range: "each" });
    expect(svg).toContain('fill="#ffffff"');
    expect(svg).toContain('<rect width="28" height="28" fill="#000000"/>');
  });
});
