// Lesson 15's im2col (src/course/im2col.ts) against the book's util.py, written out in float64:
// col[(b, oy, ox), (ch, ki, kj)] = padded x[b, ch, oy·stride + ki, ox·stride + kj].
import { describe, it, expect } from "vitest";
import { ShapeError } from "../../src/index.js";
import { im2col } from "../../src/course/im2col.js";
import { seededValues } from "../helpers.js";

const images = (n: number, c: number, h: number, w: number, seed: number): number[][][][] => {
  const v = seededValues(n * c * h * w, 0, 1, seed);
  return Array.from({ length: n }, (_, b) => Array.from({ length: c }, (_, k) => Array.from({ length: h }, (_, y) =>
    v.slice(((b * c + k) * h + y) * w, ((b * c + k) * h + y + 1) * w))));
};

/** The book's im2col by its definition (np.pad, then every window's (C, fh, fw) block as one row). */
function book(x: number[][][][], fh: number, fw: number, stride: number, pad: number): number[][] {
  const [c, h, w] = [x[0].length, x[0][0].length, x[0][0][0].length];
  const outH = Math.floor((h + 2 * pad - fh) / stride) + 1, outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
  const at = (img: number[][][], k: number, y: number, z: number) => (y < 0 || y >= h || z < 0 || z >= w ? 0 : img[k][y][z]);
  return x.flatMap((img) => Array.from({ length: outH * outW }, (_, p) => {
    const oy = Math.floor(p / outW), ox = p % outW, row: number[] = [];
    for (let k = 0; k < c; k++) for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) {
      row.push(at(img, k, oy * stride + i - pad, ox * stride + j - pad));
    }
    return row;
  }));
}

describe("course im2col (Saito ch. 7, common/util.py)", () => {
  it("the book's example: x1 (1, 3, 7, 7) → (9, 75); x2 (10, 3, 7, 7) → (90, 75)", () => {
    const x1 = images(1, 3, 7, 7, 1), x2 = images(10, 3, 7, 7, 2);
    const col1 = im2col(x1, 5, 5, 1, 0), col2 = im2col(x2, 5, 5, 1, 0);
    expect(col1.shape).toEqual([9, 75]);
    expect(col2.shape).toEqual([90, 75]);
    expect(col1.toRows()).toEqual(book(x1, 5, 5, 1, 0));
    expect(col2.toRows()).toEqual(book(x2, 5, 5, 1, 0));
  });

  it.each([[3, 3, 1, 1], [3, 2, 2, 1], [1, 1, 2, 0], [5, 5, 2, 2], [2, 3, 3, 0], [2, 2, 1, 4], [3, 2, 3, 5]])(
    "equals the book's definition bit for bit: filter %i×%i, stride %i, pad %i", (fh, fw, stride, pad) => {
      const x = images(2, 2, 6, 5, fh * 10 + stride);
      expect(im2col(x, fh, fw, stride, pad).toRows()).toEqual(book(x, fh, fw, stride, pad));
    });

  it("bad input throws ShapeErrors naming the fix", () => {
    expect(() => im2col([], 3, 3)).toThrow(/non-empty \(N, C, H, W\)/);
    expect(() => im2col([[[[1, 2], [3]]]], 1, 1)).toThrow(ShapeError);
    expect(() => im2col(images(1, 1, 3, 3, 3), 5, 5)).toThrow(/does not fit a 3×3 image with pad 0; pad more/);
    expect(() => im2col(images(1, 1, 3, 3, 3), 2, 2, 0)).toThrow(/stride is 0; it must be an integer ≥ 1/);
  });
});
