// Random draws for the data helpers, from the one seeded Rng (xoshiro128** in WASM): a buffer is
// filled in WASM memory, copied out once and freed. Never Math.random (STYLE 2.4, rule 6).
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { Rng } from "../core/random.js";
import { withScope } from "../core/scope.js";

export class Draw {
  private readonly rng: Rng;

  constructor(seed: number, readonly engine: Engine = defaultEngine()) {
    this.rng = new Rng(engine, seed);
  }

  /** A random permutation of 0..n-1 (Fisher–Yates in WASM, integer ops only). */
  permutation(n: number): Int32Array {
    return withScope(this.engine, (s) => {
      const ptr = s.alloc(Math.max(1, n) * 4);
      this.engine.k.iota(ptr, n);
      this.rng.shuffle(ptr, n);
      return this.engine.heap.i32.slice(ptr >>> 2, (ptr >>> 2) + n);
    });
  }

  /** `items` in a random order (a new array). */
  shuffled<T>(items: ArrayLike<T>): T[] {
    return Array.from(this.permutation(items.length), (i) => items[i]);
  }

  /** n draws from N(mean, std²). */
  normal(n: number, mean = 0, std = 1): Float32Array {
    return this.fill(n, (ptr) => this.rng.normal(ptr, n, mean, std));
  }

  /** n draws uniform in [lo, hi). */
  uniform(n: number, lo = 0, hi = 1): Float32Array {
    return this.fill(n, (ptr) => this.rng.uniform(ptr, n, lo, hi));
  }

  /** n draws of 10^U(lo, hi), log-uniform (the book's 10 ** np.random.uniform(lo, hi)); the power from the WASM pow. */
  powerOfTen(n: number, lo: number, hi: number): Float32Array {
    return this.uniform(n, lo, hi).map((u) => this.engine.k.schedulePow(10, u));
  }

  dispose(): void {
    this.rng.dispose();
  }

  private fill(n: number, body: (ptr: number) => void): Float32Array {
    return withScope(this.engine, (s) => {
      const ptr = s.alloc(Math.max(1, n) * 4);
      body(ptr);
      return this.engine.heap.f32.slice(ptr >>> 2, (ptr >>> 2) + n);
    });
  }
}

/** Run `body` with a Draw seeded `seed`, freeing its state after. */
export function withDraw<T>(seed: number, body: (draw: Draw) => T, engine: Engine = defaultEngine()): T {
  return withScope(engine, (s) => body(s.track(new Draw(seed, engine))));
}
