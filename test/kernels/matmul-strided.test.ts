// assembly/matmul.ts's gemmStrided and per-instance scratch (the ABI worker threads build on):
// a block of rows or columns of a product, written into its place in C through ldc, has the bits
// those elements have in the whole product, for all three forms; arbitrary strides match the
// in-order f32 chain; scratch set with setScratch is where the packing happens, and gives the same bits.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { productF32 } from "../reference/matmul.js";

/** Seeded f32 values in [-1, 1) (a 32-bit LCG, as in matmul.test.ts). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

type Kind = "gemm" | "gemmTN" | "gemmNT";
const KINDS: Kind[] = ["gemm", "gemmTN", "gemmNT"];

/** Copies arrays into WASM memory; returns their pointers and a function that releases them. */
function place(...arrays: Float32Array[]): { ptrs: number[]; free: () => void } {
  const { heap } = engine();
  const ptrs = arrays.map((x) => heap.alloc(Math.max(x.length, 1) * 4));
  arrays.forEach((x, i) => heap.f32.set(x, ptrs[i] >> 2));
  return { ptrs, free: () => ptrs.forEach((p) => heap.release(p)) };
}

const read = (ptr: number, count: number) => engine().heap.f32.slice(ptr >> 2, (ptr >> 2) + count);

/** The strides gemm, gemmTN and gemmNT pass for an m×k·k×n product (A and B as they store them). */
function strides(kind: Kind, m: number, k: number, n: number) {
  return {
    rsA: kind === "gemmTN" ? 1 : k, csA: kind === "gemmTN" ? m : 1,
    rsB: kind === "gemmNT" ? 1 : n, csB: kind === "gemmNT" ? k : 1,
  };
}

// Cuts of the rows and of the columns: odd sizes, block edges (4, 8, 128) and a 1-row block.
const CASES: { m: number; k: number; n: number; rows: number[]; cols: number[] }[] = [
  { m: 64, k: 784, n: 100, rows: [0, 1, 5, 32, 63, 64], cols: [0, 3, 8, 50, 97, 100] },
  { m: 37, k: 300, n: 29, rows: [0, 2, 3, 19, 37], cols: [0, 1, 13, 24, 29] },
  { m: 140, k: 70, n: 150, rows: [0, 128, 131, 140], cols: [0, 4, 130, 150] },
];

describe.each(KINDS)("gemmStrided in %s's layout", (kind) => {
  it.each(CASES)("blocks of rows and of columns of $m×$k×$n give the whole product's bits", ({ m, k, n, rows, cols }) => {
    const { k: wasm } = engine();
    const a = values(m * k, 11), b = values(k * n, 12), c0 = values(m * n, 13);
    const { rsA, csA, rsB, csB } = strides(kind, m, k, n);
    for (const acc of [0, 1]) {
      const { ptrs: [pa, pb, whole, parts], free } = place(a, b, c0, new Float32Array(m * n).fill(NaN));
      if (acc) engine().heap.f32.set(c0, parts >> 2);
      wasm[kind](pa, pb, whole, m, k, n, acc);
      const expected = read(whole, m * n);
      // Row blocks over the left columns, column blocks over the rest: every element once.
      const split = cols[1];
      for (let r = 0; r + 1 < rows.length; r++) {
        const [i0, i1] = [rows[r], rows[r + 1]];
        wasm.gemmStrided(pa + 4 * i0 * rsA, rsA, csA, pb, rsB, csB, parts + 4 * i0 * n, n, i1 - i0, k, split, acc);
      }
      for (let c = 1; c + 1 < cols.length; c++) {
        const [j0, j1] = [cols[c], cols[c + 1]];
        wasm.gemmStrided(pa, rsA, csA, pb + 4 * j0 * csB, rsB, csB, parts + 4 * j0, n, m, k, j1 - j0, acc);
      }
      expect(bits(read(parts, m * n))).toEqual(bits(expected));
      free();
    }
  });
});

describe("gemmStrided", () => {
  it("reads operands through any strides (every other row and column) and leaves C's gaps alone", () => {
    const { k: wasm } = engine();
    const [m, k, n, ldc] = [9, 33, 13, 20];
    const bigA = values(2 * m * 2 * k, 21), bigB = values(3 * k * n * 2, 22);
    const a = Float32Array.from({ length: m * k }, (_, x) => bigA[Math.floor(x / k) * 4 * k + 2 * (x % k)]);
    const b = Float32Array.from({ length: k * n }, (_, x) => bigB[Math.floor(x / n) * 3 + (x % n) * 3 * k]);
    const c0 = values(m * ldc, 23);
    for (const acc of [0, 1]) {
      const { ptrs: [pa, pb, pc], free } = place(bigA, bigB, c0);
      wasm.gemmStrided(pa, 4 * k, 2, pb, 3, 3 * k, pc, ldc, m, k, n, acc);
      const c = read(pc, m * ldc);
      const want = productF32(a, b, acc ? Float32Array.from({ length: m * n }, (_, x) => c0[Math.floor(x / n) * ldc + (x % n)]) : null, { m, k, n });
      for (let i = 0; i < m; i++) {
        expect(bits(c.subarray(i * ldc, i * ldc + n))).toEqual(bits(want.subarray(i * n, (i + 1) * n)));
        expect(bits(c.subarray(i * ldc + n, (i + 1) * ldc))).toEqual(bits(c0.subarray(i * ldc + n, (i + 1) * ldc)));
      }
      free();
    }
  });

  it("k = 0 zeroes only the m×n block of C (or leaves it, with accumulate)", () => {
    const { k: wasm } = engine();
    const c0 = values(4 * 6, 24);
    for (const acc of [0, 1]) {
      const { ptrs: [pc], free } = place(c0);
      wasm.gemmStrided(0, 0, 1, 0, 1, 0, pc, 6, 3, 0, 4, acc);
      const c = read(pc, 24);
      for (let x = 0; x < 24; x++) expect(c[x]).toBe(!acc && x < 18 && x % 6 < 4 ? 0 : c0[x]);
      free();
    }
  });
});

describe("setScratch", () => {
  it("moves the packing into the given region, with the same bits; 0 goes back to the static buffers", () => {
    const { k: wasm, heap } = engine();
    const bytes = wasm.scratchBytes();
    expect(bytes % 16).toBe(0);
    expect(bytes).toBeGreaterThan(0);
    const [m, k, n] = [64, 300, 100];
    const a = values(m * k, 31), b = values(k * n, 32);
    const { ptrs: [pa, pb, pc, scratch], free } = place(a, b, new Float32Array(m * n), new Float32Array(bytes / 4));
    wasm.gemm(pa, pb, pc, m, k, n, 0);
    const before = read(pc, m * n);
    try {
      wasm.setScratch(scratch);
      wasm.gemm(pa, pb, pc, m, k, n, 0);
      expect(bits(read(pc, m * n))).toEqual(bits(before));
      // Packed A holds a's values, so the region is no longer all zeros.
      expect(heap.f32.subarray(scratch >> 2, (scratch + bytes) >> 2).some((x) => x !== 0)).toBe(true);
    } finally {
      wasm.setScratch(0);
    }
    heap.f32.fill(0, scratch >> 2, (scratch + bytes) >> 2);
    wasm.gemm(pa, pb, pc, m, k, n, 0);
    expect(bits(read(pc, m * n))).toEqual(bits(before));
    expect(heap.f32.subarray(scratch >> 2, (scratch + bytes) >> 2).every((x) => x === 0)).toBe(true);
    free();
  });
});
