// The two loops every element-by-element activation runs: four lanes at a time, then the tail
// through the same lane function on a splat, so a tail element has exactly a lane's bits. The
// lane function is passed by reference (one indirect call per four elements), which keeps one
// copy of each loop in the module instead of one per activation.
import { at } from "../f32";

/** out[i] = f(x[i]); `out` may be `x`. */
export function map4(x: usize, out: usize, n: i32, f: (x: v128) => v128): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(out, i), f(v128.load(at(x, i))));
  for (let i = n4; i < n; i++) store<f32>(at(out, i), f32x4.extract_lane(f(f32x4.splat(load<f32>(at(x, i)))), 0));
}

/** dz[i] = g(s[i], dy[i]), s being the forward's output or input as the activation needs; `dz` may be `dy`. */
export function map4Backward(s: usize, dy: usize, dz: usize, n: i32, g: (s: v128, dy: v128) => v128): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(dz, i), g(v128.load(at(s, i)), v128.load(at(dy, i))));
  for (let i = n4; i < n; i++) {
    store<f32>(at(dz, i), f32x4.extract_lane(g(f32x4.splat(load<f32>(at(s, i))), f32x4.splat(load<f32>(at(dy, i)))), 0));
  }
}
