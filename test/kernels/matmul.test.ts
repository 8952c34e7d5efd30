// assembly/matmul.ts ↔ test/reference/matmul.ts
// C (m×n) = A·B (gemm), Aᵀ·B with A stored k×m (gemmTN), A·Bᵀ with B stored n×k (gemmNT);
// with accumulate the sum starts from the old C. Every element is one f32 chain over
// p = 0..k-1 in order, so besides the f64 tolerance the tests pin exact bits.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { product, productF32, type Shape } from "../reference/matmul.js";

type Kind = "gemm" | "gemmTN" | "gemmNT";
const KINDS: Kind[] = ["gemm", "gemmTN", "gemmNT"];
const layout = (kind: Kind, m: number, k: number, n: number): Shape => ({ m, k, n, transA: kind === "gemmTN", transB: kind === "gemmNT" });

/** Seeded f32 values in [-1, 1) (a 32-bit LCG; tests need no better randomness). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs one kernel on copies of a, b (and c0 as C's start) in WASM memory and returns C. */
function run(kind: Kind, a: Float32Array, b: Float32Array, c0: Float32Array | null, s: Shape): Float32Array {
  const { k, heap } = engine();
  const bytes = (n: number) => Math.max(n, 1) * 4;
  const pa = heap.alloc(bytes(a.length)), pb = heap.alloc(bytes(b.length));
  const pc = heap.alloc(bytes(s.m * s.n));
  const f32 = heap.f32;
  f32.set(a, pa >> 2);
  f32.set(b, pb >> 2);
  f32.set(c0 ?? new Float32Array(s.m * s.n).fill(NaN), pc >> 2); // C = … must overwrite, not read
  const acc = c0 ? 1 : 0;
  k[kind](pa, pb, pc, s.m, s.k, s.n, acc);
  const c = heap.f32.slice(pc >> 2, (pc >> 2) + s.m * s.n);
  for (const p of [pc, pb, pa]) heap.release(p);
  return c;
}

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

// 1×1×1, primes, every n mod 8 (a last strip of ≤ 4 columns runs 4 wide), sizes around the 4×8
// block and the 256-step depth block, more rows (128) and columns (128) than one packed block,
// and the MNIST layer shapes.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [4, 8, 8], [3, 4, 4], [2, 3, 12], [6, 20, 22], [5, 9, 17], [7, 3, 2],
  [13, 257, 11], [1, 784, 100], [64, 784, 100], [65, 785, 101], [131, 67, 139], [64, 10, 100], [784, 64, 100],
];

describe.each(KINDS)("%s", (kind) => {
  it.each(SHAPES)("m=%i k=%i n=%i: within 1e-5·Σ|a·b| of f64, and bit-equal to the in-order f32 chain", (m, k, n) => {
    const s = layout(kind, m, k, n);
    const a = values(m * k, m + 1), b = values(k * n, n + 2), c0 = values(m * n, k + 3);
    for (const start of [null, c0]) {
      const c = run(kind, a, b, start, s);
      const f64 = product(a, b, start, s);
      let worst = 0;
      c.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - f64.value[i]) / (f64.scale[i] || 1))));
      expect(worst).toBeLessThan(1e-5);
      expect(bits(c)).toEqual(bits(productF32(a, b, start, s)));
    }
  });

  it("k = 0 gives C = 0, or leaves C as it was with accumulate; m = 0 and n = 0 do nothing", () => {
    const c0 = values(12, 9);
    expect(Array.from(run(kind, new Float32Array(0), new Float32Array(0), null, layout(kind, 3, 0, 4)))).toEqual(new Array(12).fill(0));
    expect(bits(run(kind, new Float32Array(0), new Float32Array(0), c0, layout(kind, 3, 0, 4)))).toEqual(bits(c0));
    expect(run(kind, new Float32Array(0), values(12, 1), null, layout(kind, 0, 3, 4)).length).toBe(0);
    expect(run(kind, values(6, 1), new Float32Array(0), null, layout(kind, 2, 3, 0)).length).toBe(0);
  });

  it("accumulating onto a zero C gives the same bits as a plain product", () => {
    const s = layout(kind, 9, 300, 13);
    const a = values(9 * 300, 4), b = values(300 * 13, 5);
    expect(bits(run(kind, a, b, new Float32Array(9 * 13), s))).toEqual(bits(run(kind, a, b, null, s)));
  });

  it.each([29, 28, 26])("an element computed alone (1×k·k×1) has the bits it has at any place in a 37×300×%i product", (n) => {
    const [m, k] = [37, 300];
    const a = values(m * k, 6), b = values(k * n, 7);
    const full = run(kind, a, b, null, layout(kind, m, k, n));
    for (const i of [0, 1, 4, 31, 32, 35, 36]) {
      for (const j of [0, 3, 7, 8, 23, 24, n - 2, n - 1]) {
        const rowA = Float32Array.from({ length: k }, (_, p) => (kind === "gemmTN" ? a[p * m + i] : a[i * k + p]));
        const colB = Float32Array.from({ length: k }, (_, p) => (kind === "gemmNT" ? b[j * k + p] : b[p * n + j]));
        const alone = run(kind, rowA, colB, null, layout(kind, 1, k, 1));
        expect(bits(alone)).toEqual(bits(full.subarray(i * n + j, i * n + j + 1)));
      }
    }
  });

  it.each([1, 3, 5, 63])("the first %i rows of A give the first rows of the full product, bit for bit", (r) => {
    const [m, k, n] = [64, 784, 100];
    const a = values(m * k, 8), b = values(k * n, 9);
    const full = run(kind, a, b, null, layout(kind, m, k, n));
    // gemmTN's rows of A are columns of the stored k×m matrix, so the first r are a k×r copy.
    const head = kind === "gemmTN" ? Float32Array.from({ length: k * r }, (_, x) => a[Math.floor(x / r) * m + (x % r)]) : a.subarray(0, r * k);
    const part = run(kind, head, b, null, layout(kind, r, k, n));
    expect(bits(part)).toEqual(bits(full.subarray(0, r * n)));
  });
});
