// assembly/conv/direct.ts ↔ im2col + GEMM on the same engine: convForward's z is gemm(im2col(x), K)
// and convFilterGrad's dK is gemmTN(im2col(x), dz), bit for bit (with + b and ReLU in the stores:
// addRowVector's and relu's bits; and ReLU's derivative and db inside the filter gradient's pass:
// activationBiasBackward's), for mostly-zero images (with −0s and
// NaN-free values), both paddings, strides, 1–3 channels, filter counts that are and are not
// multiples of 4, 16 and 32, and a filter gradient computed in blocks of columns.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { bothWays, type DirectCase } from "./direct-both-ways.js";

const CASES: DirectCase[] = [];
for (const k of [3, 5]) for (const stride of [1, 2]) for (const padding of ["valid", "same"] as const) {
  CASES.push([2, 9, 8, 1, k, stride, padding, 30], [1, 7, 7, 3, k, stride, padding, 5], [2, 6, 9, 2, k, stride, padding, 40]);
}

describe("the direct convolution (assembly/conv/direct.ts)", () => {
  it.each(CASES)("z and dK equal im2col + gemm / gemmTN bit for bit: n=%i %i×%i×%i, k=%i, stride %i, %s, %i filters", (...cs) => {
    for (const [reference, direct] of bothWays(engine(), cs, cs[1] * 13 + cs[4] + cs[7])) expect(direct).toEqual(reference);
  });

  it("dK computed in blocks of 16 columns equals the whole, and MNIST's shape (28×28×1, 5×5, 30 filters) holds", () => {
    for (const cs of [[2, 28, 28, 1, 5, 1, "valid", 30], [1, 9, 8, 2, 3, 1, "same", 48], [1, 9, 8, 1, 3, 2, "same", 17]] as DirectCase[]) {
      for (const [reference, direct] of bothWays(engine(), cs, 7, true)) expect(direct).toEqual(reference);
    }
  });
});
