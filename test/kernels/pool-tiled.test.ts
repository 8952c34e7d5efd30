// assembly/conv/pool.ts' maxPoolBackwardTiled ↔ maxPoolBackward, bit for bit, for windows that tile
// the image: channel counts that are and are not multiples of 4, rows and columns past the last
// whole window, dy with −0s, ties (the first pixel wins) and an all-NaN window (argmax −1).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { seededValues } from "../helpers.js";

type Case = [n: number, h: number, w: number, c: number, poolH: number, poolW: number];
const CASES: Case[] = [[2, 24, 24, 30, 2, 2], [1, 7, 5, 4, 2, 2], [2, 6, 9, 6, 3, 2], [1, 4, 4, 9, 1, 1]];

describe("maxPoolBackwardTiled", () => {
  it.each(CASES)("equals maxPoolBackward bit for bit: n=%i %i×%i×%i, pool %i×%i", (n, h, w, c, poolH, poolW) => {
    const { heap, k } = engine(), outH = Math.floor(h / poolH), outW = Math.floor(w / poolW);
    const xs = seededValues(n * h * w * c, -1, 1, h + c).map((v, i) => (i % 7 === 0 ? 0.5 : v)); // ties at 0.5
    for (let ch = 0; ch < c; ch++) xs[ch] = NaN; // pixel 0 of image 0: with 1×1 windows an all-NaN window
    const dys = seededValues(n * outH * outW * c, -1, 1, w).map((v, i) => (i % 5 === 0 ? -0 : v));
    const floats = (values: number[]) => {
      const p = heap.alloc(values.length * 4);
      heap.f32.set(values, p >>> 2);
      return p;
    };
    const x = floats(xs), dy = floats(dys), y = heap.alloc(dys.length * 4), argmax = heap.alloc(dys.length * 4);
    const dxRef = floats(new Array(xs.length).fill(NaN)), dx = floats(new Array(xs.length).fill(NaN));
    k.maxPool(x, n, h, w, c, poolH, poolW, poolH, poolW, 0, 0, outH, outW, y, argmax);
    k.maxPoolBackward(dy, argmax, n, h, w, c, outH, outW, dxRef);
    k.maxPoolBackwardTiled(dy, argmax, n, h, w, c, poolH, poolW, dx);
    const bits = (p: number) => new Uint32Array(heap.f32.buffer, p, xs.length).slice();
    expect(bits(dx)).toEqual(bits(dxRef));
    for (const p of [dx, dxRef, argmax, y, dy, x].reverse()) heap.release(p);
  });
});
