// assembly/activations/step.ts ↔ test/reference/activations.ts#step
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, gradientCheck, SIZES } from "../helpers.js";
import * as ref from "../reference/activations.js";

const k = () => engine().k;

describe("step", () => {
  it.each(SIZES)("matches the reference exactly in place, n = %i", (n) => {
    const xs = seededValues(n, -4, 4, n);
    const x = tensorOf(xs, 1, n);
    k().step(x.ptr, x.ptr, n);
    expect(Array.from(x.data)).toEqual(xs.map(ref.step));
  });

  it("is 0 at 0 (step(z) = 1 only for z > 0)", () => {
    const x = tensorOf([0, -0, 1e-30, -1e-30, Infinity, -Infinity], 1, 6);
    k().step(x.ptr, x.ptr, 6);
    expect(Array.from(x.data)).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it.each(SIZES)("backward writes zeros whatever dy is, n = %i", (n) => {
    const a = tensorOf(seededValues(n, 0, 1, n), 1, n), dy = tensorOf(seededValues(n, -2, 2, n + 1), 1, n);
    k().stepBackward(a.ptr, dy.ptr, dy.ptr, n);
    expect(Array.from(dy.data)).toEqual(new Array(n).fill(0));
  });

  it("backward agrees with central differences of the forward (zero away from 0)", () => {
    const n = 32, xs = seededValues(n, -3, 3, 7).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
    const dys = seededValues(n, -1, 1, 8);
    const x = tensorOf(xs, 1, n), a = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n), dz = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().step(x.ptr, a.ptr, n);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    objective(xs);
    k().stepBackward(a.ptr, dy.ptr, dz.ptr, n);
    const { analytic, numeric } = gradientCheck(objective, xs, dz.data);
    expect(analytic).toEqual(new Array(n).fill(0));
    expect(numeric).toEqual(new Array(n).fill(0));
  });
});
