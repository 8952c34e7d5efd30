// exp and log over arrays: the ABI's way to the functions of this folder (tests sweep millions of
// inputs through them; the activations and losses call exp4/log4 directly). Four lanes at a time,
// the tail through the scalar twins, which give a lane's bits.
import { at } from "../f32";
import { exp4, expf } from "./exp";
import { log4, logf } from "./log";

/** out[i] = e^x[i]; `out` may be `x`. */
export function exp(x: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(out, i), exp4(v128.load(at(x, i))));
  for (let i = n4; i < n; i++) store<f32>(at(out, i), expf(load<f32>(at(x, i))));
}

/** out[i] = ln x[i]; `out` may be `x`. */
export function log(x: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) v128.store(at(out, i), log4(v128.load(at(x, i))));
  for (let i = n4; i < n; i++) store<f32>(at(out, i), logf(load<f32>(at(x, i))));
}
