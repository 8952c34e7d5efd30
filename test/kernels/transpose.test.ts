// assembly/transpose.ts ↔ test/reference/transpose.ts
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues } from "../helpers.js";
import * as ref from "../reference/transpose.js";

const k = () => engine().k;
const SHAPES: [number, number][] = [[0, 0], [0, 3], [1, 1], [1, 5], [5, 1], [3, 4], [4, 5], [5, 3], [65, 101]];

describe("transpose", () => {
  it.each(SHAPES)("out (cols×rows) = xᵀ bit for bit, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -3, 3, rows * 7 + cols);
    const x = tensorOf(xs, rows, cols), out = tensorOf(new Array(rows * cols).fill(NaN), cols, rows);
    k().transpose(x.ptr, out.ptr, rows, cols);
    expect(Array.from(out.data)).toEqual(ref.transpose(xs, rows, cols));
  });

  it("twice is the identity", () => {
    const xs = seededValues(65 * 101, -1, 1, 2);
    const x = tensorOf(xs, 65, 101), t = tensorOf(xs, 101, 65), back = tensorOf(xs.map(() => 0), 65, 101);
    k().transpose(x.ptr, t.ptr, 65, 101);
    k().transpose(t.ptr, back.ptr, 101, 65);
    expect(Array.from(back.data)).toEqual(xs);
  });

  it("a hand-written 2×3 example", () => {
    const x = tensorOf([1, 2, 3, 4, 5, 6], 2, 3), out = tensorOf([0, 0, 0, 0, 0, 0], 3, 2);
    k().transpose(x.ptr, out.ptr, 2, 3);
    expect(out.toRows()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });
});
