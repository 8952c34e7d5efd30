// assembly/activations/gelu.ts ↔ test/reference/activations.ts#gelu (exact Φ from an f64 erfc).
// Measured (every 2^8-th pattern, 16.7 M points): 7.58 ulp over [−10, 10] (worst at z = 0.0019:
// the erfc fit's 1.2e-7 relative error), 12.8 over all finite z (z = −13.1, where z·Φ(z) is
// about to go subnormal). f'(z) from z: 2.4e-7 absolute on [−20, 20].
// TF.js' gelu uses Abramowitz–Stegun's erf (1.5e-7 absolute): its left tail is off in relative
// terms (tfjs-gelu in test/io/tfjs-activations.test.ts pins how far).
import { describe } from "vitest";
import { activationSuite } from "./activation-suite.js";

describe("gelu", () => activationSuite({
  kernel: "gelu",
  fromInput: true,
  ulp: { lo: -Infinity, hi: Infinity, bound: 13 },
  slope: { lo: -20, hi: 20, bound: 3e-7 },
  special: [[0, 0], [Infinity, Infinity], [NaN, NaN], [-Infinity, NaN], [100, 100], [-100, -0]],
}));
