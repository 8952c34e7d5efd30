// Sigmoid (seed 003):  σ(z) = 1 / (1 + e^(−z))   (four lanes at a time: math/tanh.ts#sigmoid4)
// Backward from the saved output a = σ(z):  dz = dy · a · (1 − a)   (sigmoid_grad)
import { at } from "../f32";
import { sigmoid4, sigmoidf } from "../math/tanh";

/** out[i] = σ(x[i]) for i < n. `x` and `out` may be the same buffer. */
export function sigmoid(x: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(out, i), sigmoid4(v128.load(at(x, i))));
  for (let i = n4; i < n; i++) store<f32>(at(out, i), sigmoidf(load<f32>(at(x, i))));
}

/** dz[i] = dy[i] · a[i] · (1 − a[i]), where a is sigmoid's output. */
export function sigmoidBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  const one = f32x4.splat(1), n4 = n & ~3; // four lanes, same operations and order as the tail
  for (let i = 0; i < n4; i += 4) {
    const ai = v128.load(at(a, i));
    v128.store(at(dz, i), f32x4.mul(f32x4.mul(v128.load(at(dy, i)), ai), f32x4.sub(one, ai)));
  }
  for (let i = n4; i < n; i++) {
    const ai = load<f32>(at(a, i));
    store<f32>(at(dz, i), load<f32>(at(dy, i)) * ai * (1 - ai));
  }
}
