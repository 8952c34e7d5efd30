// assembly/activations/sigmoid.ts ↔ test/reference/activations.ts#sigmoid
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/activations.js";

const k = () => engine().k;

describe("sigmoid", () => {
  it.each(SIZES)("matches the f64 reference in place, n = %i", (n) => {
    const xs = seededValues(n, -8, 8, n);
    const x = tensorOf(xs, 1, n);
    k().sigmoid(x.ptr, x.ptr, n); // in place is part of the contract
    // Outputs lie in (0, 1), where one f32 ulp is ≤ 6e-8; expf and the division add a few ulps.
    expect(maxAbsDiff(x.data, xs.map(ref.sigmoid))).toBeLessThan(1e-6);
  });

  it("writes a separate output and leaves the input alone", () => {
    const xs = seededValues(65, -4, 4, 1);
    const x = tensorOf(xs, 5, 13), out = tensorOf(new Array(65).fill(7), 5, 13);
    k().sigmoid(x.ptr, out.ptr, 65);
    expect(Array.from(x.data)).toEqual(xs);
    expect(maxAbsDiff(out.data, xs.map(ref.sigmoid))).toBeLessThan(1e-6);
  });

  it("saturates to exactly 0 and 1 without NaN", () => {
    // σ(−100) = 3.7e-44 is a subnormal f32, kept (e/(1 + e) for x < 0); beyond −103.3 it rounds to 0.
    const x = tensorOf([-1010, -110, 100, 1010, -Infinity, Infinity, -100], 1, 7);
    k().sigmoid(x.ptr, x.ptr, 7);
    expect(Array.from(x.data)).toEqual([0, 0, 1, 1, 0, 1, Math.fround(ref.sigmoid(-100))]);
  });

  it.each(SIZES)("backward is dy · a · (1 − a), n = %i", (n) => {
    const as = seededValues(n, 0, 1, n + 100), dys = seededValues(n, -2, 2, n + 200);
    const a = tensorOf(as, 1, n), dy = tensorOf(dys, 1, n);
    k().sigmoidBackward(a.ptr, dy.ptr, dy.ptr, n); // dz may be dy (layers backprop in place)
    // |dz| ≤ 0.5; three f32 products round to within ~2e-7.
    expect(maxAbsDiff(dy.data, as.map((ai, i) => ref.sigmoidBackward(ai, dys[i])))).toBeLessThan(1e-6);
  });

  it("backward agrees with central differences of the forward", () => {
    // L(x) = Σ dy·σ(x) through WASM; eps 1e-2 (STYLE 2.2 measured ≤ 2e-4 relative error).
    const n = 64, xs = seededValues(n, -4, 4, 7), dys = seededValues(n, -1, 1, 8);
    const x = tensorOf(xs, 1, n), a = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n), dz = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().sigmoid(x.ptr, a.ptr, n);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    objective(xs);
    k().sigmoidBackward(a.ptr, dy.ptr, dz.ptr, n);
    expect(gradientCheck(objective, xs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
