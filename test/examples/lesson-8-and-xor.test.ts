// Smoke tests of examples/08-pictures.ts (run in a temporary folder: it writes out/pictures/
// there) and examples/xor.ts, both as they are.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExample, numbers } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "scratchnet-pictures-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("examples: pictures and XOR", () => {
  it("08-pictures: six SVG + PNG pictures; the spiral classifier and XOR figures it prints", () => {
    const out = runExample("08-pictures", [], dir);
    const names = ["loss-accuracy", "decision-regions", "activations", "xor-cost", "mnist-digits", "average-digits"];
    for (const name of names) {
      expect(out).toMatch(new RegExp(`out/pictures/${name}\\.svg +out/pictures/${name}\\.png \\(\\d+ × \\d+\\)`));
      expect(readFileSync(join(dir, "out", "pictures", `${name}.svg`), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
      expect(Array.from(readFileSync(join(dir, "out", "pictures", `${name}.png`)).subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]); // the PNG signature
    }
    const [accuracy, valAccuracy, test] = numbers(out, /accuracy ([\d.]+), val_accuracy ([\d.]+); 300 test points: accuracy ([\d.]+)/);
    // Measured 0.954, 0.933 and 0.900 (three spiral arms, 100 epochs); chance is 1/3.
    for (const a of [accuracy, valAccuracy, test]) expect(a).toBeGreaterThan(0.85);
    expect(out.match(/XOR \[2, 4, 2, 1\] (sigmoid|tanh)\/sigmoid\/sigmoid: cost [\d.]+ → [\d.]+, evaluate 1$/gm)).toHaveLength(2);
  });

  it("xor: a 2-4-1 network learns XOR", () => {
    const out = runExample("xor");
    expect(out).toContain("Total params: 17"); // 2·4 + 4 + 4·1 + 1
    const [loss, accuracy] = numbers(out, /loss after 2000 epochs: ([\d.]+), accuracy ([\d.]+)/);
    expect(accuracy).toBe(1);
    expect(loss).toBeLessThan(0.05); // measured 0.0026
    const rows = [...out.matchAll(/^(\d) XOR (\d) = (\d) {3}predicted ([\d.]+)$/gm)];
    expect(rows.map((r) => [r[1], r[2], r[3]].join(""))).toEqual(["000", "011", "101", "110"]);
    for (const r of rows) expect(Number(r[4]) > 0.5).toBe(r[3] === "1");
  });
});
