// Hyperbolic tangent (seed 000):  tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))   (math/tanh.ts#tanh4)
// Backward from the saved output a = tanh(z):  dz = dy · (1 − a²)
import { at } from "../f32";
import { tanh4, tanhf } from "../math/tanh";

/** out[i] = tanh(x[i]); `out` may be `x`. */
export function tanh(x: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(out, i), tanh4(v128.load(at(x, i))));
  for (let i = n4; i < n; i++) store<f32>(at(out, i), tanhf(load<f32>(at(x, i))));
}

/** dz[i] = dy[i] · (1 − a[i]²), where a is tanh's output. */
export function tanhBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  const one = f32x4.splat(1), n4 = n & ~3; // four lanes, same operations and order as the tail
  for (let i = 0; i < n4; i += 4) {
    const ai = v128.load(at(a, i));
    v128.store(at(dz, i), f32x4.mul(v128.load(at(dy, i)), f32x4.sub(one, f32x4.mul(ai, ai))));
  }
  for (let i = n4; i < n; i++) {
    const ai = load<f32>(at(a, i));
    store<f32>(at(dz, i), load<f32>(at(dy, i)) * (1 - ai * ai));
  }
}
