// assembly/random.ts ↔ test/reference/random.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { i32Of, readI32, readF32, SIZES } from "../helpers.js";
import * as ref from "../reference/random.js";

const k = () => engine().k;
const heap = () => engine().heap;

/** A 16-byte generator state seeded by the kernel. */
function seeded(seed: number): number {
  const state = heap().alloc(16);
  k().rngSeed(state, seed);
  return state;
}

/** A copy of the generator state, to replay the kernel's draws in the reference. */
const stateOf = (state: number) => Uint32Array.from(readI32(state, 4), (v) => v >>> 0);

/** n f32 slots filled with a sentinel, plus one guard slot after them. */
function buffer(n: number): number {
  const ptr = heap().alloc((n + 1) * 4);
  heap().f32.fill(-12345, ptr >>> 2, (ptr >>> 2) + n + 1);
  return ptr;
}

describe("rngSeed / rngNext (xoshiro128**)", () => {
  it("reproduces the reference C code's first outputs from state {1, 2, 3, 4}", () => {
    // xoshiro128starstar.c from state {1, 2, 3, 4}; the first two follow by hand:
    // rotl(2·5, 7)·9 = 11520, then s1 becomes 0, so the second is 0.
    const expected = [11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804];
    const s = Uint32Array.of(1, 2, 3, 4);
    expect(expected.map(() => ref.xoshiro128ss(s))).toEqual(expected);
    const state = heap().alloc(16);
    heap().i32.set([1, 2, 3, 4], state >>> 2);
    // rngNext returns a u32 that crosses the boundary as a signed i32: `>>> 0` restores it.
    expect(expected.map(() => k().rngNext(state) >>> 0)).toEqual(expected);
  });

  it("the same seed gives the same sequence; the kernel's stream matches the reference", () => {
    const a = seeded(42), b = seeded(42);
    const s = stateOf(a);
    const xs = Array.from({ length: 1000 }, () => k().rngNext(a) >>> 0);
    expect(Array.from({ length: 1000 }, () => k().rngNext(b) >>> 0)).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => ref.xoshiro128ss(s))).toEqual(xs);
  });

  it("different seeds give different streams, and no seed gives the all-zero state", () => {
    const firsts = new Set<number>();
    for (const seed of [...Array.from({ length: 1000 }, (_, i) => i), 0xffffffff, 0x80000000]) {
      const state = seeded(seed);
      expect(stateOf(state).some((w) => w !== 0)).toBe(true);
      firsts.add(k().rngNext(state) >>> 0);
    }
    expect(firsts.size).toBe(1002);
  });

  it("rngBelow(bound) is Lemire's floor(next · bound / 2³²), in [0, bound)", () => {
    const state = seeded(7), s = stateOf(state);
    for (const bound of [1, 2, 3, 10, 1000, 60000, 2 ** 31 - 1]) {
      for (let i = 0; i < 50; i++) {
        const v = k().rngBelow(state, bound);
        expect(v).toBe(ref.below(ref.xoshiro128ss(s), bound));
        expect(v >= 0 && v < bound).toBe(true);
      }
    }
  });
});

describe("fillUniform", () => {
  it.each(SIZES)("writes exactly n values, lo + (hi − lo)·u in f32 with u = next/2³² on 24 bits, n = %i", (n) => {
    const state = seeded(n + 1), s = stateOf(state), out = buffer(n);
    k().fillUniform(state, out, n, -0.5, 1.5);
    const f = Math.fround;
    const expected = Array.from({ length: n }, () => f(-0.5 + f(2 * ((ref.xoshiro128ss(s) >>> 8) / 16777216))));
    expect(readF32(out, n)).toEqual(expected);
    expect(readF32(out + n * 4, 1)).toEqual([-12345]); // nothing written past n
  });

  it("100k draws lie in [lo, hi) with mean and variance near (lo + hi)/2 and (hi − lo)²/12", () => {
    const n = 100_000, lo = -2, hi = 3, state = seeded(2024), out = buffer(n);
    k().fillUniform(state, out, n, lo, hi);
    const xs = readF32(out, n);
    expect(xs.every((v) => v >= lo && v < hi)).toBe(true);
    // Standard error of the mean: 5/√12/√n = 4.6e-3; of the variance ≈ 2.08·0.894/√n = 5.9e-3. 5σ bounds.
    expect(Math.abs(ref.mean(xs) - 0.5)).toBeLessThan(0.023);
    expect(Math.abs(ref.variance(xs) - 25 / 12)).toBeLessThan(0.03);
    // Both halves are used (a generator stuck in a sub-range would pass the mean test).
    expect(Math.min(...xs)).toBeLessThan(lo + 1e-3);
    expect(Math.max(...xs)).toBeGreaterThan(hi - 1e-3);
  });
  it("never returns hi, even where lo + (hi − lo)·u rounds up to it (|lo| ≫ hi − lo)", () => {
    // Before the redraw in fillUniform, 36 of these 10⁶ draws came out as exactly 1001.
    const n = 1_000_000, state = seeded(1), out = buffer(n);
    k().fillUniform(state, out, n, 1000, 1001);
    const xs = engine().heap.f32.subarray(out >>> 2, (out >>> 2) + n);
    expect(xs.every((v) => v >= 1000 && v < 1001)).toBe(true);
  });

  it("lo = hi writes lo and terminates", () => {
    const state = seeded(1), out = buffer(4);
    k().fillUniform(state, out, 4, 2.5, 2.5);
    expect(readF32(out, 4)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });
});

describe("fillNormal", () => {
  it.each(SIZES)("same seed, same values; writes exactly n, n = %i", (n) => {
    const a = seeded(5), b = seeded(5), outA = buffer(n), outB = buffer(n);
    k().fillNormal(a, outA, n, 0, 1, 0);
    k().fillNormal(b, outB, n, 0, 1, 0);
    expect(readF32(outA, n + 1)).toEqual(readF32(outB, n + 1));
    expect(readF32(outA + n * 4, 1)).toEqual([-12345]);
    expect(readF32(outA, n).every(Number.isFinite)).toBe(true);
  });

  it("100k draws have the requested mean and standard deviation", () => {
    const n = 100_000, state = seeded(99), out = buffer(n);
    k().fillNormal(state, out, n, 3, 0.5, 0);
    const xs = readF32(out, n);
    // Standard errors: mean 0.5/√n = 1.6e-3, std 0.5/√(2n) = 1.1e-3; bounds at about 5σ.
    expect(Math.abs(ref.mean(xs) - 3)).toBeLessThan(0.008);
    expect(Math.abs(Math.sqrt(ref.variance(xs)) - 0.5)).toBeLessThan(0.006);
    // Tails exist: beyond 2σ about 4.55% of draws, beyond 3σ about 0.27%.
    const beyond = (t: number) => xs.filter((v) => Math.abs(v - 3) > t * 0.5).length / n;
    expect(Math.abs(beyond(2) - 0.0455)).toBeLessThan(0.004);
    expect(Math.abs(beyond(3) - 0.0027)).toBeLessThan(0.0009);
  });

  it("truncated: nothing beyond 2σ, and the spread of N(0, 1) cut at ±2 (std 0.8796)", () => {
    const n = 100_000, state = seeded(123), out = buffer(n);
    k().fillNormal(state, out, n, -1, 2, 1);
    const xs = readF32(out, n);
    expect(xs.every((v) => Math.abs(v + 1) <= 4 * (1 + 1e-6))).toBe(true);
    expect(Math.abs(ref.mean(xs) + 1)).toBeLessThan(0.03);
    expect(Math.abs(Math.sqrt(ref.variance(xs)) - 2 * Math.sqrt(ref.TRUNCATED_VARIANCE))).toBeLessThan(0.015);
    expect(Math.sqrt(ref.TRUNCATED_VARIANCE)).toBeCloseTo(0.8796256610342398, 10); // Keras' constant
  });
});

describe("iota / shuffle / sampleIndices", () => {
  it.each(SIZES)("iota writes 0..n−1, n = %i", (n) => {
    const idx = i32Of(new Array(n + 1).fill(-7));
    k().iota(idx, n);
    expect(readI32(idx, n + 1)).toEqual([...Array.from({ length: n }, (_, i) => i), -7]);
  });

  it.each(SIZES)("shuffle is a permutation, deterministic, and the reference Fisher–Yates, n = %i", (n) => {
    const a = seeded(31), b = seeded(31), s = stateOf(a);
    const idx = i32Of(new Array(n).fill(0)), again = i32Of(new Array(n).fill(0));
    k().iota(idx, n);
    k().iota(again, n);
    k().shuffle(a, idx, n);
    k().shuffle(b, again, n);
    const p = readI32(idx, n);
    expect(readI32(again, n)).toEqual(p);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(p).toEqual(ref.shuffle(s, Array.from({ length: n }, (_, i) => i)));
    if (n === 1024) expect(p.filter((v, i) => v === i).length).toBeLessThan(10); // ~1 fixed point expected
  });

  it("every position of a 5-shuffle is equally likely (χ² over 20k shuffles)", () => {
    const n = 5, trials = 20_000, state = seeded(8), idx = i32Of(new Array(n).fill(0));
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let t = 0; t < trials; t++) {
      k().iota(idx, n);
      k().shuffle(state, idx, n);
      readI32(idx, n).forEach((v, pos) => counts[v][pos]++);
    }
    const e = trials / n;
    const chi2 = counts.flat().reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(50); // 16 degrees of freedom: P(χ² > 50) < 1e-4
  });

  it.each(SIZES)("sampleIndices draws in [0, bound) with replacement, as rngBelow does, n = %i", (n) => {
    const state = seeded(n + 3), s = stateOf(state), idx = i32Of(new Array(n + 1).fill(-7)), bound = 17;
    k().sampleIndices(state, idx, n, bound);
    const got = readI32(idx, n + 1);
    expect(got.pop()).toBe(-7);
    expect(got.every((v) => v >= 0 && v < bound)).toBe(true);
    expect(got).toEqual(Array.from({ length: n }, () => ref.below(ref.xoshiro128ss(s), bound)));
    if (n === 1024) expect(new Set(got).size).toBe(bound);
  });
});
