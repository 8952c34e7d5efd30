// assembly/activations/elu.ts (and math/expm1.ts) ↔ test/reference/activations.ts#elu, #selu.
// Measured, every 2^8-th f32 pattern over all finite x (16.7 M points): elu 1.355 ulp (worst at
// x = −0.38), selu 1.979 (x = −0.70); f'(z) from a on [−20, 20]: 4.5e-8 and 1.7e-7 absolute
// (a + 1 cancels as z → −∞, as in TF.js' EluGrad: absolute, not relative, accuracy there).
import { describe } from "vitest";
import { activationSuite } from "./activation-suite.js";

describe("elu", () => activationSuite({
  kernel: "elu",
  ulp: { lo: -Infinity, hi: Infinity, bound: 1.5 },
  slope: { lo: -20, hi: 20, bound: 1e-7 },
  special: [[0, 0], [-Infinity, -1], [Infinity, Infinity], [NaN, NaN], [-1e-30, -1e-30], [1e-40, 1e-40], [-200, -1]],
}));

describe("selu", () => activationSuite({
  kernel: "selu",
  ulp: { lo: -Infinity, hi: Infinity, bound: 2 },
  slope: { lo: -20, hi: 20, bound: 3e-7 },
  special: [[0, 0], [-Infinity, -1.7580993408473768], [Infinity, Infinity], [NaN, NaN], [1, 1.0507009873554805], [-200, -1.7580993408473768]],
}));
