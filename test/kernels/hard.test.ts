// assembly/activations/hard.ts ↔ test/reference/activations.ts#relu6, #hardSigmoid.
// relu6 is exact. hardSigmoid is TF.js' own f32 operations (0.2·z rounded, + 0.5 rounded, clamp),
// so it is checked for the bits of that sequence; against the exact 0.2z + 0.5 it is off by up to
// 2e4 ulp next to z = −2.5, where the sum cancels to a few ulps of 0.5 (TF.js gives the same bits).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues } from "../helpers.js";
import { activationSuite } from "./activation-suite.js";

const f32 = Math.fround;
/** TF.js' K.hardSigmoid in f32: clipByValue(add(0.5, mul(0.2, z)), 0, 1). */
const tfjsHardSigmoid = (z: number) => Math.min(Math.max(f32(f32(f32(0.2) * z) + 0.5), 0), 1);

describe("relu6", () => activationSuite({
  kernel: "relu6",
  ulp: { lo: -Infinity, hi: Infinity, bound: 0 },
  slope: { lo: -10, hi: 10, bound: 0 },
  special: [[0, 0], [-Infinity, 0], [Infinity, 6], [NaN, NaN], [5.5, 5.5], [-1, 0], [7, 6]],
}));

describe("hardSigmoid", () => {
  activationSuite({
    kernel: "hardSigmoid",
    ulp: { lo: -Infinity, hi: Infinity, bound: 0, reference: tfjsHardSigmoid },
    slope: { lo: -5, hi: 5, bound: 1e-8 },
    special: [[0, 0.5], [-Infinity, 0], [Infinity, 1], [NaN, NaN], [-2.5, 0], [2.5, 1], [1, 0.7]],
  });

  it("slope is TF.js' 0.2 (Keras 3's is 1/6)", () => {
    const zs = seededValues(64, -2, 2, 3), x = tensorOf(zs, 1, 64);
    engine().k.hardSigmoid(x.ptr, x.ptr, 64);
    x.data.forEach((v, i) => expect(Math.abs(v - (0.2 * zs[i] + 0.5))).toBeLessThan(1e-7));
  });
});
