// assembly/activations/leaky-relu.ts ↔ test/reference/activations.ts#leakyRelu
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/activations.js";

const k = () => engine().k;
const f = Math.fround;

describe("leakyRelu", () => {
  it.each(SIZES)("forward is the f64 αx rounded once to f32 (TF.js' CPU kernel), in place, n = %i", (n) => {
    const xs = seededValues(n, -4, 4, n + 1), x = tensorOf(xs, 1, n);
    k().leakyRelu(x.ptr, x.ptr, n, 0.3);
    expect(Array.from(x.data)).toEqual(xs.map((v) => f(ref.leakyRelu(v, 0.3))));
  });

  it("keeps −0, ±Infinity and NaN as TF.js does (x < 0 ? αx : x)", () => {
    const x = tensorOf([-0, 0, -Infinity, Infinity, NaN, -2], 1, 6), out = tensorOf([9, 9, 9, 9, 9, 9], 1, 6);
    k().leakyRelu(x.ptr, out.ptr, 6, 0.5);
    expect(Array.from(out.data)).toEqual([-0, 0, -Infinity, Infinity, NaN, -1]);
  });

  it("a negative α is applied as given (the backward reads x, not the output)", () => {
    const x = tensorOf([-2, 3], 1, 2), dy = tensorOf([1, 1], 1, 2), dx = tensorOf([0, 0], 1, 2);
    k().leakyRelu(x.ptr, dy.ptr, 2, -0.5);
    expect(Array.from(dy.data)).toEqual([1, 3]);
    dy.data.set([1, 1]);
    k().leakyReluBackward(x.ptr, dy.ptr, dx.ptr, 2, -0.5);
    expect(Array.from(dx.data)).toEqual([-0.5, 1]);
  });

  it.each(SIZES)("backward is dy where x > 0, f32(α)·dy elsewhere (the derivative at 0 is α, as TF.js'), n = %i", (n) => {
    const xs = seededValues(n, -1, 1, n + 2).map((v, i) => (i % 7 === 0 ? 0 : v)), dys = seededValues(n, -2, 2, n + 3);
    const x = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n);
    k().leakyReluBackward(x.ptr, dy.ptr, dy.ptr, n, 0.2);
    expect(Array.from(dy.data)).toEqual(xs.map((xi, i) => f(ref.leakyReluBackward(xi, f(dys[i]), f(0.2)))));
  });

  it("backward agrees with central differences of the forward (away from the kink)", () => {
    const n = 64, xs = seededValues(n, -3, 3, 7).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v)), dys = seededValues(n, -1, 1, 8);
    const x = tensorOf(xs, 1, n), a = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n), dx = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().leakyRelu(x.ptr, a.ptr, n, 0.3);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    x.data.set(xs);
    k().leakyReluBackward(x.ptr, dy.ptr, dx.ptr, n, 0.3);
    expect(gradientCheck(objective, xs, dx.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
