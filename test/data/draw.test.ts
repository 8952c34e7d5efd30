// Draw.powerOfTen (lesson 14's log-uniform draws): 10^u for the same u that uniform() draws from the
// same seed, against a float64 reference (10 ** u in plain TypeScript, test-only), inside [10^lo, 10^hi).
import { describe, it, expect } from "vitest";
import "../../src/index.js"; // initialises the engine
import { withDraw } from "../../src/data/draw.js";

describe("Draw.powerOfTen", () => {
  it("is 10^u of uniform's u (within float32 rounding), spread over the decades, repeatable under a seed", () => {
    const u = withDraw(5, (d) => d.uniform(2000, -6, -2)), p = withDraw(5, (d) => d.powerOfTen(2000, -6, -2));
    let worst = 0;
    for (let i = 0; i < u.length; i++) worst = Math.max(worst, Math.abs(p[i] / 10 ** u[i] - 1));
    expect(worst).toBeLessThan(1e-6); // f32 pow: a few ulps (2^-23 ≈ 1.2e-7)
    expect(Math.min(...p)).toBeGreaterThanOrEqual(1e-6);
    expect(Math.max(...p)).toBeLessThan(1e-2 * (1 + 1e-6));
    // Log-uniform: about a quarter of the draws in each decade (uniform in [1e-6, 1e-2) would put 90% in the last).
    for (let e = -6; e < -2; e++) {
      const share = Array.from(p).filter((v) => v >= 10 ** e && v < 10 ** (e + 1)).length / p.length;
      expect(share).toBeGreaterThan(0.2), expect(share).toBeLessThan(0.3);
    }
    expect(Array.from(withDraw(5, (d) => d.powerOfTen(2000, -6, -2)))).toEqual(Array.from(p));
  });
});
