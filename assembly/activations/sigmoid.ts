// Sigmoid (seed 003):  σ(z) = 1 / (1 + e^(−z))
// Backward from the saved output a = σ(z):  dz = dy · a · (1 − a)   (sigmoid_grad)
import { at } from "../f32";

/** out[i] = σ(x[i]) for i < n. `x` and `out` may be the same buffer. */
export function sigmoid(x: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    store<f32>(at(out, i), 1 / (1 + Mathf.exp(-load<f32>(at(x, i)))));
  }
}

/** dz[i] = dy[i] · a[i] · (1 − a[i]), where a is sigmoid's output. */
export function sigmoidBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const ai = load<f32>(at(a, i));
    store<f32>(at(dz, i), load<f32>(at(dy, i)) * ai * (1 - ai));
  }
}
