// assembly/dropout.ts ↔ test/reference/dropout.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, gradientCheck, GRADIENT_TOLERANCE, SIZES } from "../helpers.js";
import * as ref from "../reference/dropout.js";

const k = () => engine().k;
const f = Math.fround;

/** A generator state seeded `seed` in WASM, and a copy of its words for the reference. */
function seededState(seed: number): { ptr: number; words: Uint32Array } {
  const ptr = engine().heap.alloc(16);
  k().rngSeed(ptr, seed);
  return { ptr, words: new Uint32Array(k().memory.buffer, ptr, 4).slice() };
}

describe("dropoutMask", () => {
  it.each(SIZES)("is floor(u + keep)/keep in f32 from the generator's uniforms, n = %i", (n) => {
    for (const rate of [0.1, 0.5, 0.15, 0.9]) {
      const s = seededState(n + 11), mask = tensorOf(new Array(n).fill(7), 1, n);
      k().dropoutMask(s.ptr, mask.ptr, n, rate);
      expect(Array.from(mask.data)).toEqual(ref.dropoutMask(s.words, n, rate));
    }
  });

  it("keeps 1 − rate of the values, each scaled by 1/(1 − rate)", () => {
    const n = 100_000, rate = 0.3, s = seededState(5), mask = tensorOf(new Array(n).fill(0), 1, n);
    k().dropoutMask(s.ptr, mask.ptr, n, rate);
    const kept = Array.from(mask.data).filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([f(1 / f(0.7))]));
    // Binomial(n, 0.7): standard deviation √(n·0.21)/n = 0.00145; 4σ.
    expect(Math.abs(kept.length / n - 0.7)).toBeLessThan(0.0058);
  });

  it("rate 0 keeps every value (scale 1)", () => {
    const s = seededState(1), mask = tensorOf(new Array(9).fill(0), 1, 9);
    k().dropoutMask(s.ptr, mask.ptr, 9, 0);
    expect(Array.from(mask.data)).toEqual(new Array(9).fill(1));
  });
});

describe("applyMask", () => {
  it.each(SIZES)("is x·mask in f32, in place too, n = %i", (n) => {
    const xs = seededValues(n, -3, 3, n), ms = seededValues(n, 0, 2, n + 1).map((v) => (v < 0.6 ? 0 : f(1 / f(0.7))));
    const x = tensorOf(xs, 1, n), m = tensorOf(ms, 1, n);
    k().applyMask(x.ptr, m.ptr, x.ptr, n);
    expect(Array.from(x.data)).toEqual(xs.map((v, i) => f(f(v) * ms[i])));
  });

  it("as the backward of x ↦ x·mask, agrees with central differences", () => {
    const n = 40, xs = seededValues(n, -2, 2, 3), ms = seededValues(n, 0, 1, 4).map((v) => (v < 0.5 ? 0 : 2));
    const dys = seededValues(n, -1, 1, 5), x = tensorOf(xs, 1, n), m = tensorOf(ms, 1, n), a = tensorOf(xs, 1, n);
    const dy = tensorOf(dys, 1, n), dx = tensorOf(xs, 1, n);
    const objective = (p: number[]) => {
      x.data.set(p);
      k().applyMask(x.ptr, m.ptr, a.ptr, n);
      return Array.from(a.data).reduce((s, v, i) => s + v * dys[i], 0);
    };
    k().applyMask(dy.ptr, m.ptr, dx.ptr, n);
    expect(gradientCheck(objective, xs, dx.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe("repeatAxis", () => {
  const cases = [[1, 1, 1], [1, 4, 3], [3, 1, 2], [3, 4, 1], [2, 3, 5], [5, 2, 7]];
  it.each(cases)("repeats outer %i × inner %i blocks d = %i times in place", (outer, inner, d) => {
    const values = seededValues(outer * inner, -1, 1, outer + inner + d);
    // NaN after the blocks: every one must be overwritten
    const buf = tensorOf([...values, ...new Array(outer * inner * (d - 1)).fill(NaN)], 1, outer * inner * d);
    k().repeatAxis(buf.ptr, outer, d, inner);
    expect(Array.from(buf.data)).toEqual(ref.repeatAxis(values.map(f), outer, d, inner));
  });
});
