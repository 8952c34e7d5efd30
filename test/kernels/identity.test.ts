// assembly/activations/identity.ts ↔ test/reference/activations.ts#identity
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/activations.js";

const k = () => engine().k;

describe("identity", () => {
  it.each(SIZES)("copies x to a separate out bit for bit, n = %i", (n) => {
    const xs = seededValues(n, -4, 4, n);
    const x = tensorOf(xs, 1, n), out = tensorOf(new Array(n).fill(9), 1, n);
    k().identity(x.ptr, out.ptr, n);
    expect(Array.from(out.data)).toEqual(xs.map(ref.identity));
  });

  it("in place leaves x unchanged, NaN and infinities included", () => {
    const xs = [NaN, Infinity, -Infinity, -0, 1.5];
    const x = tensorOf(xs, 1, 5);
    k().identity(x.ptr, x.ptr, 5);
    expect(Array.from(x.data)).toEqual(xs);
  });

  it.each(SIZES)("backward copies dy, separately or in place, n = %i", (n) => {
    const dys = seededValues(n, -2, 2, n + 1);
    const a = tensorOf(seededValues(n, -1, 1, n), 1, n), dy = tensorOf(dys, 1, n), dz = tensorOf(new Array(n).fill(3), 1, n);
    k().identityBackward(a.ptr, dy.ptr, dz.ptr, n);
    expect(Array.from(dz.data)).toEqual(dys.map((d) => ref.identityBackward(0, d)));
    k().identityBackward(a.ptr, dy.ptr, dy.ptr, n);
    expect(Array.from(dy.data)).toEqual(dys);
  });

  it("backward agrees with central differences of the forward", () => {
    const n = 16, xs = seededValues(n, -3, 3, 7), dys = seededValues(n, -1, 1, 8);
    const x = tensorOf(xs, 1, n), a = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n), dz = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().identity(x.ptr, a.ptr, n);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    k().identityBackward(a.ptr, dy.ptr, dz.ptr, n);
    expect(gradientCheck(objective, xs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
