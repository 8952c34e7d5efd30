// Smoke tests of examples/09-numerical-gradient.ts and 10-optimizers.ts (run in a temporary folder:
// they write out/pictures/ there); lesson 10 with 200 MNIST iterations per optimizer, not 2,000.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExample, numbers } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "scratchnet-lessons-9-10-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pictures(out: string, names: string[]): void {
  for (const name of names) {
    expect(out).toMatch(new RegExp(`out/pictures/${name}\\.svg +out/pictures/${name}\\.png \\(\\d+ × \\d+\\)`));
    expect(readFileSync(join(dir, "out", "pictures", `${name}.svg`), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(Array.from(readFileSync(join(dir, "out", "pictures", `${name}.png`)).subarray(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  }
}

describe("examples: lessons 9 and 10", () => {
  it("09-numerical-gradient: the book's gradients and descent, and the two-layer net's gradient check", () => {
    const out = runExample("09-numerical-gradient", [], dir);
    pictures(out, ["gradient"]);
    expect(out).toContain("numericalGradient(x0² + x1², [3.000000, 4.000000]) = [6.000000, 8.000000]");
    const [x0, x1] = numbers(out, /100 steps: \[(\S+), (\S+)\]/);
    expect(x0).toBeCloseTo(-6.11e-10, 12); // the book: -6.1e-10, 8.1e-10
    expect(x1).toBeCloseTo(8.15e-10, 12);
    // Mean |backprop − numerical| per parameter: measured W1 7.9e-5, b1 2.9e-4, W2 2.7e-4, b2 4.0e-4 (float32 loss
    // rounding over 2h; float64 numpy gives 1e-10-1e-7). Each must be far below its mean |gradient| and the f32 bound.
    for (const key of ["W1", "b1", "W2", "b2"]) {
      const [diff, size] = numbers(out, new RegExp(`^  ${key} +(\\S+) +\\(mean \\|gradient\\| (\\S+)\\)`, "m"));
      expect(diff, key).toBeLessThan(1.2e-3);
      expect(diff, key).toBeLessThan(size);
    }
    const errors = /worst relative error dense_1\/kernel (\S+), dense_1\/bias (\S+), dense_2\/kernel (\S+), dense_2\/bias (\S+)/;
    const worst = numbers(out, errors);
    for (const w of worst) expect(w).toBeLessThan(5e-2); // measured 1.5e-2 at most
  });

  it("10-optimizers: paths on x²/20 + y², and MNIST loss falling fastest for the adaptive ones, slowest for SGD", () => {
    const out = runExample("10-optimizers", ["--iters", "200"], dir);
    pictures(out, ["optimizer-paths", "optimizer-mnist"]);
    const f: Record<string, number> = {}, mnist: Record<string, number> = {};
    for (const name of ["SGD", "Momentum", "AdaGrad", "Adam", "Nesterov", "RMSprop"]) {
      [f[name]] = numbers(out, new RegExp(`^${name} +lr \\S+ +30 steps from \\(-7, 2\\): \\(\\S+, \\S+\\), f = (\\S+)$`, "m"));
      const line = new RegExp(`^MNIST ${name} +lr \\S+ +200 iterations: loss 2\\.\\d+ → \\S+, mean of the last 100 (\\S+)`, "m");
      [mnist[name]] = numbers(out, line);
      expect(f[name], name).toBeLessThan(0.2); // from f(−7, 2) = 6.45: every path reaches the valley (measured ≤ 0.10)
    }
    expect(f.AdaGrad).toBeLessThan(f.SGD); // the book's point: AdaGrad damps the y oscillation (measured 7e-4 vs 1.3e-2)
    // Measured after 200 iterations: SGD 1.17, the others 0.23-0.46 (at 2,000: SGD 0.22, the others 0.05-0.18).
    for (const name of ["Momentum", "AdaGrad", "Adam", "Nesterov", "RMSprop"]) expect(mnist[name], name).toBeLessThan(mnist.SGD * 0.6);
    expect(mnist.SGD).toBeLessThan(2.3); // it learns, slowly
  });
});
