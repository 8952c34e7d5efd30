// Fuzzing helpers: a seeded source of shapes and values, trials that name their seed when they
// fail, and an arena that gives every WASM allocation of a trial back.
// FUZZ_SEED=<n> npx vitest run test/fuzz/ reruns with another base seed (the default is fixed, so
// `npm test` is reproducible); a failure prints the base seed and the trial's own seed.
import { engine } from "../../src/index.js";
import { prng } from "../helpers.js";

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261123) >>> 0;

/** Seeded draws: integers, f32 values, and sizes biased towards the edges kernels care about. */
export class Draw {
  /** What the trial drew (shapes, options), set by the trial so a failure can say it. */
  drew = "";
  private readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = prng(seed);
  }

  /** A float in [0, 1). */
  unit(): number {
    return this.next();
  }

  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** n values uniform in [-scale, scale), rounded to f32 so a reference sees what WASM sees. */
  values(n: number, scale = 1, lo = -scale): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (scale - lo) * this.next();
    return out;
  }

  /**
   * A size: 1, a small or odd one, or one just around the GEMM blocks (128 rows/columns, 256 deep;
   * 513 makes three depth blocks), at most `max`.
   */
  size(max = 300): number {
    const r = this.next();
    const n = r < 0.12 ? 1 : r < 0.45 ? this.int(2, 9) : r < 0.75 ? this.int(10, 70) : this.pick([127, 128, 129, 255, 256, 257, 300, 513]);
    return Math.min(n, max);
  }
}

/**
 * Run `count` trials of `body`, each with its own seed derived from FUZZ_SEED and `name`. A failing
 * trial rethrows with the seeds and what it drew (`draw.drew`), so the failure can be replayed.
 */
export function trials(name: string, count: number, body: (draw: Draw, arena: Arena) => void): void {
  for (let t = 0; t < count; t++) {
    const arena = new Arena(), draw = new Draw(trialSeed(name, t));
    try {
      body(draw, arena);
    } catch (e) {
      throw replayable(name, t, draw, e);
    } finally {
      arena.free();
    }
  }
}

/** trials() for an async body (fit): the trials run one after another. */
export async function trialsAsync(name: string, count: number, body: (draw: Draw, arena: Arena) => Promise<void>): Promise<void> {
  for (let t = 0; t < count; t++) {
    const arena = new Arena(), draw = new Draw(trialSeed(name, t));
    try {
      await body(draw, arena);
    } catch (e) {
      throw replayable(name, t, draw, e);
    } finally {
      arena.free();
    }
  }
}

/** Trial t's seed: FUZZ_SEED mixed with the name (so each fuzzed family draws its own stream) and t. */
function trialSeed(name: string, t: number): number {
  let salt = 0;
  for (const c of name) salt = Math.imul(salt ^ c.charCodeAt(0), 16777619) >>> 0;
  return (FUZZ_SEED ^ salt ^ Math.imul(t + 1, 0x9e3779b1)) >>> 0;
}

const replayable = (name: string, t: number, draw: Draw, e: unknown) =>
  Object.assign(new Error(`${name}: trial ${t} failed (FUZZ_SEED=${FUZZ_SEED}, trial seed ${draw.seed}${draw.drew ? `; ${draw.drew}` : ""}): ${(e as Error).message}`), { cause: e });

/** WASM allocations of one trial, all released together. */
export class Arena {
  private readonly held: number[] = [];

  /** f32 values (or n zeros) in WASM; returns the pointer. */
  f32(values: ArrayLike<number> | number): number {
    const n = typeof values === "number" ? values : values.length;
    const ptr = this.bytes(n * 4);
    if (typeof values === "number") engine().heap.f32.fill(0, ptr >>> 2, (ptr >>> 2) + n);
    else engine().heap.f32.set(values, ptr >>> 2);
    return ptr;
  }

  i32(values: ArrayLike<number>): number {
    const ptr = this.bytes(values.length * 4);
    engine().heap.i32.set(values, ptr >>> 2);
    return ptr;
  }

  u8(values: ArrayLike<number>): number {
    const ptr = this.bytes(values.length);
    engine().heap.u8.set(values, ptr);
    return ptr;
  }

  bytes(n: number): number {
    const ptr = engine().heap.alloc(Math.max(n, 16));
    this.held.push(ptr);
    return ptr;
  }

  free(): void {
    for (const p of this.held.reverse()) engine().heap.release(p);
    this.held.length = 0;
  }
}

/** A copy of n f32 values at ptr. */
export const readF32 = (ptr: number, n: number) => engine().heap.f32.slice(ptr >>> 2, (ptr >>> 2) + n);
export const readI32 = (ptr: number, n: number) => Array.from(engine().heap.i32.subarray(ptr >>> 2, (ptr >>> 2) + n));

/** Bits of f32 values, for exact comparison (NaN-safe, −0 ≠ 0). */
export const bits = (x: ArrayLike<number>) => Array.from(new Uint32Array(Float32Array.from(x).buffer));

/** Throw (with `what` and the worst index) unless |a − b| ≤ tol·(scale) element by element. */
export function near(what: string, got: ArrayLike<number>, want: ArrayLike<number>, tol: number, scale: (i: number) => number = () => 1): void {
  if (got.length !== want.length) throw new Error(`${what}: ${got.length} values, expected ${want.length}`);
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (!(d <= tol * scale(i))) throw new Error(`${what}[${i}] = ${got[i]}, reference ${want[i]} (|Δ| ${d} > ${tol}·${scale(i)})`);
  }
}

/** Throw unless the arrays are equal element by element (Object.is on numbers). */
export function same(what: string, got: ArrayLike<number>, want: ArrayLike<number>): void {
  if (got.length !== want.length) throw new Error(`${what}: ${got.length} values, expected ${want.length}`);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) throw new Error(`${what}[${i}] = ${got[i]}, expected ${want[i]}`);
}
