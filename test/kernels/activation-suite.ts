// The checks every element-by-element activation kernel of issue 14 gets (one call per kernel
// file's test): forward accuracy in f32 ulps over a sweep of bit patterns (test/ulp.ts), the
// derivative the backward gives against f64 over a grid, special values, and the scalar tail
// giving a lane's bits. (Central differences through the WASM path: test/layers/gradient.test.ts,
// every entry of the activation table.)
import { it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { tensorOf } from "../helpers.js";
import { f32OfBits, sweep } from "../ulp.js";
import * as ref from "../reference/activations.js";

type Kernel = (x: number, out: number, n: number) => void;
type Backward = (s: number, dy: number, dz: number, n: number) => void;

export interface Suite {
  /** The kernel's name, and its f64 twin's in test/reference/activations.ts. */
  kernel: string;
  /** The backward reads the forward's input z (swish, gelu), not its output. */
  fromInput?: boolean;
  /** Max ulp of the forward over every 2^12-th f32 pattern in [lo, hi], both signs. */
  ulp: { lo: number; hi: number; bound: number; reference?: (z: number) => number };
  /** Max |f'(z) − exact| with dy = 1 over 100,001 points of [lo, hi], f' from the f32 forward's a. */
  slope: { lo: number; hi: number; bound: number };
  /** Inputs and the exact f32 outputs they must give (NaN: NaN). */
  special: [number, number][];
}

const k = () => engine().k as unknown as Record<string, Kernel & Backward>;
const refs = ref as unknown as Record<string, (...a: number[]) => number>;

export function activationSuite(s: Suite): void {
  const forward = () => k()[s.kernel], backward = () => k()[`${s.kernel}Backward`];

  it(`${s.kernel}: within ${s.ulp.bound} ulp of f64 over [${s.ulp.lo}, ${s.ulp.hi}]`, () => {
    const { worst, points } = sweep(forward(), s.ulp.reference ?? refs[s.kernel], s.ulp.lo, s.ulp.hi, 12);
    expect(points).toBeGreaterThan(400_000);
    expect(worst).toBeLessThanOrEqual(s.ulp.bound);
  });

  it(`${s.kernel}Backward: f'(z) within ${s.slope.bound} of f64 over [${s.slope.lo}, ${s.slope.hi}]`, () => {
    const n = 100_001, { lo, hi } = s.slope, zs = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
    const z = tensorOf(zs, 1, n), a = tensorOf(zs, 1, n), dz = tensorOf(new Array(n).fill(1), 1, n);
    forward()(z.ptr, a.ptr, n);
    backward()(s.fromInput ? z.ptr : a.ptr, dz.ptr, dz.ptr, n);
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const zi = z.data[i], exact = refs[`${s.kernel}Backward`](s.fromInput ? zi : refs[s.kernel](zi), 1);
      worst = Math.max(worst, Math.abs(dz.data[i] - exact));
    }
    expect(worst).toBeLessThanOrEqual(s.slope.bound);
    [z, a, dz].forEach((t) => t.dispose());
  });

  it(`${s.kernel}: special values`, () => {
    const x = tensorOf(s.special.map(([v]) => v), 1, s.special.length);
    forward()(x.ptr, x.ptr, s.special.length);
    s.special.forEach(([v, want], i) => expect(x.data[i], `${s.kernel}(${v})`).toBe(Math.fround(want)));
    x.dispose();
  });

  it(`${s.kernel} and ${s.kernel}Backward: the scalar tail gives a lane's bits`, () => {
    const xs = Array.from({ length: 4000 }, (_, i) => f32OfBits(((i * 2654435761) >>> 0) & 0xc2ffffff));
    const dys = xs.map((_, i) => ((i % 7) - 3) / 3);
    const whole = (f: () => void, t: { data: Float32Array }) => (f(), Array.from(t.data));
    const x = tensorOf(xs, 1, xs.length), dy = tensorOf(dys, 1, xs.length);
    const lanes = whole(() => forward()(x.ptr, x.ptr, xs.length), x);
    const slopes = whole(() => backward()(s.fromInput ? tensorOf(xs, 1, xs.length).ptr : x.ptr, dy.ptr, dy.ptr, xs.length), dy);
    const one = tensorOf([0], 1, 1), d = tensorOf([0], 1, 1);
    xs.forEach((v, i) => {
      one.data[0] = v;
      forward()(one.ptr, one.ptr, 1);
      expect(Object.is(one.data[0], lanes[i]) || (Number.isNaN(one.data[0]) && Number.isNaN(lanes[i]))).toBe(true);
      if (!s.fromInput) one.data[0] = lanes[i];
      else one.data[0] = v;
      d.data[0] = dys[i];
      backward()(one.ptr, d.ptr, d.ptr, 1);
      expect(Object.is(d.data[0], slopes[i]) || (Number.isNaN(d.data[0]) && Number.isNaN(slopes[i]))).toBe(true);
    });
  });
}
