// assembly/activations/softplus.ts ↔ test/reference/activations.ts#softplus.
// Measured over all finite x (every 2^8-th pattern, 16.7 M points): 2.617 ulp (worst at
// x = −6.26); e^x's relative accuracy is kept for x ≪ 0 (log1p by Goldberg's trick), where
// ln(1 + e^x) computed directly would round to 0 below x ≈ −17. f'(z) = σ(z) from a: 8.2e-8.
import { describe } from "vitest";
import { activationSuite } from "./activation-suite.js";

describe("softplus", () => activationSuite({
  kernel: "softplus",
  ulp: { lo: -Infinity, hi: Infinity, bound: 3 },
  slope: { lo: -20, hi: 20, bound: 1e-7 },
  special: [[0, Math.LN2], [-Infinity, 0], [Infinity, Infinity], [NaN, NaN], [-30, Math.exp(-30)], [100, 100]],
}));
