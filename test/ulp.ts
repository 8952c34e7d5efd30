// Accuracy in f32 ulps of the true result, |got − ref| / spacing of f32 at |ref| (2^-149 below
// 2^-126), over sweeps of f32 bit patterns: the measure test/kernels/math.test.ts states exp, log,
// tanh and sigmoid in, and the activations' tests theirs.
import { tensorOf } from "./helpers.js";

const bits = new Uint32Array(1), asF32 = new Float32Array(bits.buffer);
export const f32OfBits = (b: number) => ((bits[0] = b >>> 0), asF32[0]);

/** Spacing of f32 at |y|: the size of one ulp there. */
export function ulpOf(y: number): number {
  const a = Math.abs(y);
  return a < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

export type ArrayKernel = (x: number, out: number, n: number) => void;

/** Max ulp error of `kernel` (and the x where it is) over every 2^step-th bit pattern (both signs) with lo ≤ x ≤ hi. */
export function sweep(kernel: ArrayKernel, ref: (x: number) => number, lo: number, hi: number, step = 11) {
  const chunk = 1 << 18, x = tensorOf(new Float32Array(chunk), 1, chunk), out = tensorOf(new Float32Array(chunk), 1, chunk);
  const inputs = new Float32Array(chunk);
  let worst = 0, at = NaN, points = 0, n = 0;
  const flush = () => {
    x.data.set(inputs.subarray(0, n));
    kernel(x.ptr, out.ptr, n);
    const got = out.data;
    for (let i = 0; i < n; i++) {
      const r = ref(inputs[i]);
      const e = Number.isFinite(Math.fround(r)) ? Math.abs(got[i] - r) / ulpOf(r) : Object.is(got[i], Math.fround(r)) ? 0 : Infinity;
      if (!(e <= worst)) (worst = Number.isNaN(e) ? Infinity : e), (at = inputs[i]);
    }
    points += n;
    n = 0;
  };
  for (const sign of [0, 0x80000000]) {
    for (let b = 0; b < 0x7f800000; b += 2 ** step) {
      const v = f32OfBits(b | sign);
      if (v < lo || v > hi) continue;
      inputs[n++] = v;
      if (n === chunk) flush();
    }
  }
  flush();
  return { worst, at, points };
}

