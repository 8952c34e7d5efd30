// e^x − 1 on four f32 lanes without the cancellation of exp4(x) − 1 near 0 (ELU, SELU and
// softplus' derivative need it there). For |x| < ln2/2 exp.ts' range reduction leaves n = 0 and
// r = x, so e^x − 1 is its polynomial without the final + 1: the same coefficients, relative
// accuracy kept. Elsewhere |e^x − 1| ≥ 0.29 and exp4(x) − 1 loses at most a couple of ulps.
// Accuracy: test/kernels/elu.test.ts (max ulp against f64 Math.expm1).
import { exp4, expHorner, splat } from "./exp";

const HALF_LN2 = memory.data<f32>([0.34657359]);
const ONE = memory.data<f32>([1]);

function expm14Body(x: v128): v128 {
  const small = f32x4.add(f32x4.mul(expHorner(x), f32x4.mul(x, x)), x);
  const large = f32x4.sub(exp4(x), splat(ONE));
  return v128.bitselect(small, large, f32x4.lt(f32x4.abs(x), splat(HALF_LN2)));
}

/** e^x − 1 on each lane (one function body, as exp4). −Inf → −1, +Inf → +Inf, NaN → NaN. */
// @ts-ignore: decorator
@inline export function expm14(x: v128): v128 {
  return expm14Body(x);
}
