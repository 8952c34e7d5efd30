// Lesson 15's Convolution, Pooling and col2im (src/course/convolution.ts, col2im.ts) against the
// book's common/layers.py and common/util.py written out in float64 on small arrays:
//   Convolution: out[b, f, oy, ox] = Σ_{c,i,j} xpad[b, c, oy·s + i, ox·s + j] · W[f, c, i, j] + b[f]
//                (im2col · W_colᵀ + b, then transposed to NCHW); dW, db, dx are its adjoints.
//   Pooling:     out = the max of each window of the zero-padded x; dx gets dout at the argmax.
//   col2im:      img[b, c, y, x] = Σ of the col entries im2col copied from (y, x); padding dropped.
import { describe, it, expect } from "vitest";
import { Convolution, Pooling } from "../../src/course/convolution.js";
import { col2im } from "../../src/course/col2im.js";
import { im2col } from "../../src/course/im2col.js";
import type { Images4D } from "../../src/course/conv-layout.js";
import { centralDiff, maxAbsDiff, relativeError, seededValues, GRADIENT_TOLERANCE } from "../helpers.js";

const nest = (v: number[], n: number, c: number, h: number, w: number): Images4D =>
  Array.from({ length: n }, (_, b) => Array.from({ length: c }, (_, k) => Array.from({ length: h }, (_, y) =>
    v.slice(((b * c + k) * h + y) * w, ((b * c + k) * h + y + 1) * w))));
const images = (n: number, c: number, h: number, w: number, seed: number, lo = -1, hi = 1) =>
  nest(seededValues(n * c * h * w, lo, hi, seed), n, c, h, w);
const f32 = (x: Images4D) => nest(x.flat(3).map(Math.fround), x.length, x[0].length, x[0][0].length, x[0][0][0].length);
const dims = (x: Images4D) => [x.length, x[0].length, x[0][0].length, x[0][0][0].length];
const out = (size: number, f: number, s: number, p: number) => Math.floor((size + 2 * p - f) / s) + 1;
const pix = (x: Images4D, b: number, k: number, y: number, z: number) => x[b][k][y]?.[z] ?? 0; // zeros outside: the book's np.pad

function bookConv(x: Images4D, W: Images4D, bias: number[], s: number, p: number): Images4D {
  const [n, c, h, w] = dims(x), [fn, , fh, fw] = dims(W), oh = out(h, fh, s, p), ow = out(w, fw, s, p);
  return Array.from({ length: n }, (_, b) => Array.from({ length: fn }, (_, f) => Array.from({ length: oh }, (_, oy) =>
    Array.from({ length: ow }, (_, ox) => {
      let sum = bias[f];
      for (let k = 0; k < c; k++) for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) sum += pix(x, b, k, oy * s + i - p, ox * s + j - p) * W[f][k][i][j];
      return sum;
    }))));
}

function bookPool(x: Images4D, ph: number, pw: number, s: number, p: number): Images4D {
  const [n, c, h, w] = dims(x), oh = out(h, ph, s, p), ow = out(w, pw, s, p);
  return Array.from({ length: n }, (_, b) => Array.from({ length: c }, (_, k) => Array.from({ length: oh }, (_, oy) =>
    Array.from({ length: ow }, (_, ox) => {
      let m = -Infinity;
      for (let i = 0; i < ph; i++) for (let j = 0; j < pw; j++) m = Math.max(m, pix(x, b, k, oy * s + i - p, ox * s + j - p));
      return m;
    }))));
}

/** Σ out · R: a scalar whose gradient with respect to out is R. */
const dot = (a: Images4D, r: Images4D) => {
  const rf = r.flat(3);
  return a.flat(3).reduce((sum, v, i) => sum + v * rf[i], 0);
};

describe("Convolution (Saito 7.4.3, common/layers.py)", () => {
  it.each([[3, 3, 1, 0], [3, 3, 1, 1], [3, 3, 1, 2], [2, 3, 2, 1], [5, 5, 1, 0], [1, 1, 2, 0]])(
    "forward equals the book's formula: filter %i×%i, stride %i, pad %i", (fh, fw, s, p) => {
      const x = f32(images(2, 2, 6, 5, fh * 7 + p)), W = f32(images(3, 2, fh, fw, 11 + s)), b = [0.1, -0.2, 0.3];
      const conv = new Convolution(W, b, s, p), y = conv.forward(x);
      expect(dims(y)).toEqual([2, 3, out(6, fh, s, p), out(5, fw, s, p)]);
      expect(maxAbsDiff(y.flat(3), bookConv(x, W, b, s, p).flat(3))).toBeLessThan(1e-5);
      conv.dispose();
    });

  it.each([[3, 3, 1, 1], [3, 3, 1, 2], [2, 3, 2, 1]])("backward: dx, dW, db agree with central differences: %i×%i, stride %i, pad %i",
    (fh, fw, s, p) => {
      const x = images(2, 2, 5, 5, 3), W = images(2, 2, fh, fw, 4), b = [0.5, -0.5];
      const conv = new Convolution(W, b, s, p), R = images(...(dims(conv.forward(x)) as [number, number, number, number]), 5);
      const dx = conv.backward(R), loss = () => dot(conv.forward(x), R);
      const put = (v: Images4D, flat: number[]) => {
        let i = 0;
        v.forEach((img) => img.forEach((ch) => ch.forEach((row) => row.forEach((_, z) => (row[z] = flat[i++]))))); // in place, as the book's
      };
      const numeric = (v: Images4D) => {
        const saved = v.flat(3), d = centralDiff((flat) => (put(v, flat), loss()), saved);
        put(v, saved);
        return d;
      };
      const [dW, db] = [conv.dW!, conv.db!];
      expect(relativeError(dx.flat(3), numeric(x))).toBeLessThan(GRADIENT_TOLERANCE);
      expect(relativeError(dW.flat(3), numeric(W))).toBeLessThan(GRADIENT_TOLERANCE);
      expect(maxAbsDiff(db, [0, 1].map((f) => R.flatMap((img) => img[f].flat()).reduce((a, v) => a + v, 0)))).toBeLessThan(1e-5);
      conv.dispose();
    });

  it("refuses filters whose channels differ from x's, and dout of the wrong shape", () => {
    const conv = new Convolution(images(2, 3, 3, 3, 1), [0, 0]);
    expect(() => conv.forward(images(1, 2, 5, 5, 2))).toThrow(/x has 2 channels, the filters W have 3/);
    conv.forward(images(1, 3, 5, 5, 2));
    expect(() => conv.backward(images(1, 2, 4, 4, 3))).toThrow(/forward's output shape \(1, 2, 3, 3\)/);
    expect(() => new Convolution(images(2, 1, 3, 3, 1), [0])).toThrow(/one bias per filter \(2\)/);
    conv.dispose();
  });
});

describe("Pooling (Saito 7.4.4)", () => {
  it.each([[2, 2, 2, 0], [3, 3, 1, 0], [2, 2, 1, 1], [3, 2, 2, 1]])("forward equals the book's max of zero-padded windows: %i×%i, stride %i, pad %i",
    (ph, pw, s, p) => {
      const x = f32(images(2, 3, 6, 5, ph + 10 * p)), pool = new Pooling(ph, pw, s, p);
      expect(pool.forward(x)).toEqual(bookPool(x, ph, pw, s, p));
      pool.dispose();
    });

  it("backward agrees with central differences (no ties in random values)", () => {
    const x = images(2, 2, 6, 6, 8), pool = new Pooling(2, 2, 2), R = images(2, 2, 3, 3, 9);
    pool.forward(x);
    const dx = pool.backward(R);
    const numeric = centralDiff((flat) => dot(pool.forward(nest(flat, 2, 2, 6, 6)), R), x.flat(3), 1e-3);
    expect(relativeError(dx.flat(3), numeric)).toBeLessThan(GRADIENT_TOLERANCE);
    expect(dx.flat(3).filter((v) => v !== 0).length).toBe(2 * 2 * 3 * 3); // one input per window gets its dout
  });
});

describe("col2im (common/util.py)", () => {
  it.each([[3, 3, 1, 0], [3, 3, 1, 1], [2, 3, 2, 1], [5, 5, 1, 2]])("sums each pixel's copies, as the book's: %i×%i, stride %i, pad %i",
    (fh, fw, s, p) => {
      const [n, c, h, w] = [2, 2, 6, 5], rows = n * out(h, fh, s, p) * out(w, fw, s, p), cols = c * fh * fw;
      const col = Array.from({ length: rows }, (_, r) => seededValues(cols, -1, 1, r + 1).map(Math.fround));
      const want = nest(new Array(n * c * h * w).fill(0), n, c, h, w);
      const ones = nest(new Array(n * c * h * w).fill(1), n, c, h, w), where = im2col(ones.map((img, b) => img.map((ch, k) =>
        ch.map((row, y) => row.map((_, z) => ((b * c + k) * h + y) * w + z + 1)))), fh, fw, s, p).toRows(); // which pixel (1-based; 0: padding)
      where.forEach((row, r) => row.forEach((id, j) => {
        if (id === 0) return;
        const i = id - 1, z = i % w, y = Math.floor(i / w) % h, k = Math.floor(i / (w * h)) % c, b = Math.floor(i / (w * h * c));
        want[b][k][y][z] += col[r][j];
      }));
      expect(maxAbsDiff(col2im(col, [n, c, h, w], fh, fw, s, p).flat(3), want.flat(3))).toBeLessThan(1e-5);
    });

  it("refuses a col of the wrong shape, naming the one it needs", () => {
    expect(() => col2im([[1, 2, 3]], [1, 1, 3, 3], 2, 2)).toThrow(/must be N·OH·OW × C·FH·FW = 4 × 4/);
  });
});
