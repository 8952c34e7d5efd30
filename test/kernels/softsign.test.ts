// assembly/activations/softsign.ts ↔ test/reference/activations.ts#softsign.
// Measured over all finite x (every 2^8-th pattern): 1.493 ulp (one rounding each of 1 + |x| and
// the division); f'(z) = (1 − |a|)² on [−1e4, 1e4]: 9.7e-8 absolute.
import { describe } from "vitest";
import { activationSuite } from "./activation-suite.js";

describe("softsign", () => activationSuite({
  kernel: "softsign",
  ulp: { lo: -Infinity, hi: Infinity, bound: 1.5 },
  slope: { lo: -1e4, hi: 1e4, bound: 1.5e-7 },
  special: [[0, 0], [-Infinity, -1], [Infinity, 1], [NaN, NaN], [1, 0.5], [-3, -0.75]],
}));
