// planeGrid (lessons 9-10): contour lines lie on their level set, arrows and paths are drawn where
// the data says, and a path with unequal x and y is refused.
import { describe, it, expect } from "vitest";
import { DataError } from "../../src/index.js";
import { planeGrid, planeGroup } from "../../src/plot/plane.js";

describe("planeGrid", () => {
  it("traces the level set: every contour point of x² + y² = 1 is at radius 1", () => {
    // Panel box 400 × 400 with exact ranges [−2, 2]²: find the scale from the frame's plot area.
    const contours = { f: (x: number, y: number) => x * x + y * y, levels: [1], grid: 80 };
    const svg = planeGroup({ xRange: [-2, 2], yRange: [-2, 2], contours }, { x: 0, y: 0, width: 400, height: 400 });
    const area = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="#ffffff"/.exec(svg)!.slice(1).map(Number);
    const d = /<path d="([^"]+)" fill="none" stroke="#8aa6c1"/.exec(svg)![1];
    const points = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points.length).toBeGreaterThan(100); // the circle crosses ~4·80/2 cells, two points each
    for (const [px, py] of points) {
      const x = -2 + (4 * (px - area[0])) / area[2], y = 2 - (4 * (py - area[1])) / area[3];
      expect(Math.hypot(x, y)).toBeCloseTo(1, 2); // linear interpolation on 0.05 cells: within 1e-3 of the circle
    }
  });

  it("draws arrows, a path with a larger first point, and the title; refuses a broken path", () => {
    const arrows = [{ x: 0.5, y: 0.5, dx: 0.2, dy: 0 }, { x: 0, y: 0, dx: 0, dy: 0 }];
    const svg = planeGrid([{ title: "t", xRange: [0, 1], yRange: [0, 1], arrows,
      paths: [{ x: [0.1, 0.2, 0.3], y: [0.1, 0.2, 0.3] }] }], { title: "picture" });
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(svg.match(/stroke="#222222"/g)).toHaveLength(1); // the zero arrow has no direction and is left out
    expect(svg.match(/<circle [^>]*r="4"/g)).toHaveLength(1);
    expect(svg.match(/<circle [^>]*r="2.6"/g)).toHaveLength(2);
    expect(() => planeGrid([{ xRange: [0, 1], yRange: [0, 1], paths: [{ name: "p", x: [1, 2], y: [1] }] }])).toThrow(DataError);
    expect(() => planeGrid([])).toThrow(/no panels/);
  });
});
