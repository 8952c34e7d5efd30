// Histograms as matplotlib's plt.hist(values, bins, range) draws them: numpy.histogram's counts
// (equal bins, values outside the range and NaN left out, the last bin closed), one bar per
// non-empty bin, taller bars clipped at a fixed count axis; and the errors.
import { describe, it, expect } from "vitest";
import { histogramCounts, histogramGrid, histogramGroup } from "../../src/plot/svg.js";

describe("histogramCounts (numpy.histogram's)", () => {
  it("equal bins over [lo, hi], the right edge in the last bin, outside values and NaN left out", () => {
    // numpy.histogram([-0.1, 0, 0.1, 0.25, 0.5, 0.75, 0.99, 1, 1.2, nan], 4, range=(0, 1)) → [2, 1, 1, 3]
    expect(histogramCounts([-0.1, 0, 0.1, 0.25, 0.5, 0.75, 0.99, 1, 1.2, NaN], 4, [0, 1])).toEqual([2, 1, 1, 3]);
    expect(histogramCounts(new Float32Array([-1, -0.5, 0, 0.5, 1]), 2, [-1, 1])).toEqual([2, 3]);
  });

  it("refuses bins and ranges that cannot be", () => {
    expect(() => histogramCounts([1], 0, [0, 1])).toThrow(/bins must be a positive integer/);
    expect(() => histogramCounts([1], 3, [1, 1])).toThrow(/range must be \[lo, hi\] with lo < hi/);
  });
});

describe("histogramGroup and histogramGrid", () => {
  it("one bar per non-empty bin, heights by count, clipped at yRange's top", () => {
    const box = { x: 0, y: 0, width: 300, height: 200 };
    const svg = histogramGroup({ values: [0.05, 0.05, 0.05, 0.55], bins: 10, yRange: [0, 2] }, box);
    const bars = [...svg.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="#0072b2"\/>/g)];
    expect(bars).toHaveLength(2);
    const [tall, short] = bars.map((b) => Number(b[2]));
    expect(tall / short).toBeCloseTo(2, 1); // 3 clipped to 2, against 1
  });

  it("a grid of panels is one SVG document with each title; no panels is an error", () => {
    const svg = histogramGrid([{ values: [0.5], title: "1-layer" }, { values: [0.5], title: "2-layer" }], { title: "five layers" });
    expect(svg).toMatch(/^<svg[\s\S]*1-layer[\s\S]*2-layer[\s\S]*<\/svg>\s*$/);
    expect(() => histogramGrid([])).toThrow(/no panels to draw/);
  });
});
