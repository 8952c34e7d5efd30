// assembly/activations/relu.ts ↔ test/reference/activations.ts#relu
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/activations.js";

const k = () => engine().k;

describe("relu", () => {
  it.each(SIZES)("matches the reference exactly in place, n = %i", (n) => {
    const xs = seededValues(n, -4, 4, n);
    const x = tensorOf(xs, 1, n);
    k().relu(x.ptr, x.ptr, n);
    // max(0, x) is exact in any precision: compare bit for bit.
    expect(Array.from(x.data)).toEqual(xs.map(ref.relu));
  });

  it("maps −0, 0 and −Infinity to 0 and keeps +Infinity", () => {
    const x = tensorOf([-0, 0, -Infinity, Infinity, 1e-30, -1e-30], 1, 6);
    k().relu(x.ptr, x.ptr, 6);
    expect(Array.from(x.data)).toEqual([0, 0, 0, Infinity, Math.fround(1e-30), 0]);
  });

  it("keeps NaN as NaN, so a diverged layer is not silently zeroed", () => {
    // With `x > 0 ? x : 0` a NaN pre-activation became 0: NaN weights in a hidden layer then gave a
    // finite loss and zero gradients, and fit could not notice. max(0, NaN) is NaN (IEEE, tf.relu).
    const x = tensorOf([NaN, -1, 2], 1, 3);
    k().relu(x.ptr, x.ptr, 3);
    expect(Array.from(x.data)).toEqual([NaN, 0, 2]);
  });

  it.each(SIZES)("backward passes dy where a > 0 and 0 elsewhere, n = %i", (n) => {
    const as = seededValues(n, -1, 1, n + 100).map(ref.relu), dys = seededValues(n, -2, 2, n + 200);
    const a = tensorOf(as, 1, n), dy = tensorOf(dys, 1, n);
    k().reluBackward(a.ptr, dy.ptr, dy.ptr, n);
    expect(Array.from(dy.data)).toEqual(as.map((ai, i) => ref.reluBackward(ai, dys[i])));
  });

  it("backward takes the derivative at 0 as 0", () => {
    const a = tensorOf([0, 0, 1], 1, 3), dy = tensorOf([5, -5, 5], 1, 3), dz = tensorOf([9, 9, 9], 1, 3);
    k().reluBackward(a.ptr, dy.ptr, dz.ptr, 3);
    expect(Array.from(dz.data)).toEqual([0, 0, 5]);
  });

  it("backward agrees with central differences of the forward (away from the kink)", () => {
    // Points within eps of 0 are moved away: the central difference straddles the kink there.
    const n = 64, xs = seededValues(n, -3, 3, 7).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
    const dys = seededValues(n, -1, 1, 8);
    const x = tensorOf(xs, 1, n), a = tensorOf(xs, 1, n), dy = tensorOf(dys, 1, n), dz = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().relu(x.ptr, a.ptr, n);
      return Array.from(a.data).reduce((s, ai, i) => s + dys[i] * ai, 0);
    };
    objective(xs);
    k().reluBackward(a.ptr, dy.ptr, dz.ptr, n);
    expect(gradientCheck(objective, xs, dz.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
