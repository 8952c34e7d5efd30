// assembly/init/orthogonal.ts ↔ test/reference/orthogonal.ts (Householder QR in float64, as TF.js).
// An initialiser has no backward pass, so no gradient check; its statistics are in
// test/layers/initializers.test.ts, its same bits in Chromium in test/browser/determinism.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues } from "../helpers.js";
import * as ref from "../reference/orthogonal.js";

const k = () => engine().k;

describe("orthonormalize", () => {
  it.each([[1, 1, 1], [5, 1, 1], [1, 5, 2], [6, 4, 1], [4, 6, 1.5], [40, 40, 1], [90, 20, 0.5], [20, 90, 3]])(
    "%i×%i, gain %d: Q·sign(diag R) of the QR within 2e-5 of float64 Householder",
    (rows, cols, gain) => {
      const xs = seededValues(rows * cols, -1, 1, rows * 31 + cols);
      const x = tensorOf(xs, rows, cols);
      k().orthonormalize(x.ptr, rows, cols, gain);
      const want = ref.orthogonal(Float32Array.from(xs), rows, cols, gain);
      const worst = Array.from(x.data).reduce((w, v, i) => Math.max(w, Math.abs(v - want[i])), 0);
      expect(worst).toBeLessThan(2e-5 * gain);
    },
  );

  it("a hand-worked 2×2: [[3, 1], [4, 2]] → columns (0.6, 0.8) and (−0.8, 0.6)", () => {
    const x = tensorOf([3, 1, 4, 2], 2, 2);
    k().orthonormalize(x.ptr, 2, 2, 1);
    expect(Array.from(x.data).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.6, -0.8, 0.8, 0.6]);
  });
});
