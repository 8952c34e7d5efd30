// Test helpers: data into WASM, deterministic inputs, error measures and a central-difference
// gradient check. Tests may use Math freely; only src/ may not.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Dense, Rng, Tensor, engine } from "../src/index.js";

/** The repository's root folder. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A rows×cols tensor in WASM memory holding `values` (row-major). */
export function tensorOf(values: ArrayLike<number>, rows: number, cols: number): Tensor {
  return Tensor.from(values, rows, cols);
}

/** `n` i32 values copied into WASM memory; returns the pointer. */
export function i32Of(values: ArrayLike<number>): number {
  const heap = engine().heap;
  const ptr = heap.alloc(Math.max(1, values.length) * 4);
  heap.i32.set(values, ptr >>> 2);
  return ptr;
}

/** A copy of `n` i32 values at `ptr`. */
export function readI32(ptr: number, n: number): number[] {
  return Array.from(engine().heap.i32.subarray(ptr >>> 2, (ptr >>> 2) + n));
}

/** A copy of `n` f32 values at `ptr`. */
export function readF32(ptr: number, n: number): number[] {
  return Array.from(engine().heap.f32.subarray(ptr >>> 2, (ptr >>> 2) + n));
}

/** Write f32 values at `ptr`. */
export function writeF32(ptr: number, values: ArrayLike<number>): void {
  engine().heap.f32.set(values, ptr >>> 2);
}

/** A tiny deterministic PRNG (mulberry32): the same seed gives the same stream in every engine. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` values uniform in [lo, hi), rounded to f32 so the reference sees exactly what WASM sees. */
export function seededValues(n: number, lo: number, hi: number, seed: number): number[] {
  const next = prng(seed * 7919 + 17);
  return Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * next()));
}

/** `n` integers uniform in [0, bound). */
export function seededInts(n: number, bound: number, seed: number): number[] {
  const next = prng(seed * 104729 + 3);
  return Array.from({ length: n }, () => Math.floor(next() * bound));
}

/** max_i |a_i − b_i| (0 for empty arrays; Infinity if lengths differ or a value is NaN). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/**
 * max_i |a_i − b_i| / max(max_i |a_i|, max_i |b_i|): the error relative to the largest component,
 * so that components near zero (where an elementwise ratio is meaningless) do not dominate.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  const d = maxAbsDiff(a, b);
  return d === 0 ? 0 : d / Math.max(scale, 1e-30);
}

/**
 * Central-difference gradient of `objective` at `x`. Each x_i is moved to fround(x_i ± eps) and
 * the difference is divided by the actual (f32) distance between the two points, since the
 * WASM path stores x in f32. eps = 1e-2 by default (STYLE 2.2: over 1,000 sigmoid points the
 * worst relative error was 1.6e-4 at 1e-2, against 1.6e-3 at 1e-3 where f32 rounding dominates).
 */
export function centralDiff(objective: (x: number[]) => number, x: ArrayLike<number>, eps = 1e-2): number[] {
  const point = Array.from(x);
  return point.map((xi, i) => {
    const hi = Math.fround(xi + eps), lo = Math.fround(xi - eps);
    point[i] = hi;
    const fHi = objective(point);
    point[i] = lo;
    const fLo = objective(point);
    point[i] = xi;
    return (fHi - fLo) / (hi - lo);
  });
}

export interface GradientCheck {
  analytic: number[];
  numeric: number[];
  error: number;
}

/** Compare an analytic gradient with central differences; `error` is relativeError of the two. */
export function gradientCheck(objective: (x: number[]) => number, x: ArrayLike<number>, analytic: ArrayLike<number>, eps = 1e-2): GradientCheck {
  const numeric = centralDiff(objective, x, eps);
  const a = Array.from(analytic);
  return { analytic: a, numeric, error: relativeError(a, numeric) };
}

/** Default relative tolerance of a gradient check with eps = 1e-2 on the f32 path (STYLE 2.4.10). */
export const GRADIENT_TOLERANCE = 1e-3;

/** The sizes every kernel is tested at: empty, scalar, below/at/above the 4-lane SIMD width, large. */
export const SIZES = [0, 1, 3, 4, 5, 1024];

/** A built Dense layer with `rows` rows reserved. */
export function denseLayer(args: ConstructorParameters<typeof Dense>[0], inputs: number, rows: number): Dense {
  const layer = new Dense(args), rng = new Rng(engine(), 3);
  layer.build(engine(), [inputs], rng);
  layer.reserve(rows);
  rng.dispose();
  return layer;
}

/**
 * Run a TypeScript file (relative to ROOT, or absolute) with tsx, as `npm start` and the examples'
 * "Run:" lines do, in `cwd` (ROOT by default); at most 60 s. Returns the exit code and the output.
 */
export function runTsx(file: string, args: string[] = [], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, file), ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
