// Identity (seed 004, identity_function):  f(z) = z,  dz = dy.
import { at } from "../f32";

/** out[i] = x[i]. */
export function identity(x: usize, out: usize, n: i32): void {
  if (out != x) memory.copy(out, x, <usize>n << 2);
}

/** dz[i] = dy[i]. */
export function identityBackward(a: usize, dy: usize, dz: usize, n: i32): void {
  if (dz != dy) memory.copy(dz, dy, <usize>n << 2);
}
