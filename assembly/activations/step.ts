// Step (seed 004):  step(z) = 1 if z > 0 else 0
// Its derivative is 0 everywhere it exists, so no gradient flows back through a step:
// stepBackward writes zeros, which is why the perceptron uses its own learning rule.
import { at } from "../f32";

/** out[i] = x[i] > 0 ? 1 : 0; `out` may be `x`. */
export function step(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at(out, i), load<f32>(at(x, i)) > 0 ? 1 : 0);
}

/** dz[i] = 0. */
export function stepBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f32>(at(dz, i), 0);
}
