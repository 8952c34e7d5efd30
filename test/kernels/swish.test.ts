// assembly/activations/swish.ts ↔ test/reference/activations.ts#swish.
// Measured (every 2^8-th pattern): 2.902 ulp over [−20, 20]; beyond z ≈ −87 σ(z) is subnormal and
// z·σ(z) inherits its absolute spacing (52 subnormal ulps at z = −104). f'(z) from z, with
// 1 − σ(z) taken as σ(−z): 2.1e-7 absolute on [−20, 20].
import { describe } from "vitest";
import { activationSuite } from "./activation-suite.js";

describe("swish", () => activationSuite({
  kernel: "swish",
  fromInput: true,
  ulp: { lo: -87, hi: Infinity, bound: 3 },
  slope: { lo: -20, hi: 20, bound: 3e-7 },
  special: [[0, 0], [Infinity, Infinity], [NaN, NaN], [-Infinity, NaN], [200, 200]],
}));
