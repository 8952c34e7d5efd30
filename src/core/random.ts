// The one seeded random source (xoshiro128** in assembly/random.ts). Initialisation, shuffling
// and sampling all draw from an Rng passed explicitly, never from Math.random.
import type { Engine } from "./engine.js";

export class Rng {
  /** Pointer to the 16-byte generator state in WASM memory. */
  readonly state: number;

  constructor(readonly engine: Engine, seed: number) {
    this.state = engine.heap.alloc(16);
    engine.k.rngSeed(this.state, seed >>> 0);
  }

  /** n floats at `ptr` uniform in [lo, hi). */
  uniform(ptr: number, n: number, lo: number, hi: number): void {
    this.engine.k.fillUniform(this.state, ptr, n, lo, hi);
  }

  /** n floats at `ptr` from N(mean, std²), redrawn beyond 2σ when `truncated`. */
  normal(ptr: number, n: number, mean: number, std: number, truncated = false): void {
    this.engine.k.fillNormal(this.state, ptr, n, mean, std, truncated ? 1 : 0);
  }

  /** A rows×cols matrix at `ptr` with orthonormal columns (rows ≥ cols) or rows, times `gain`: TF.js' Orthogonal from N(0, 1) draws. */
  orthogonal(ptr: number, rows: number, cols: number, gain: number): void {
    this.normal(ptr, rows * cols, 0, 1);
    this.engine.k.orthonormalize(ptr, rows, cols, gain);
  }

  /** Fisher–Yates shuffle of n i32 values at `ptr`. */
  shuffle(ptr: number, n: number): void {
    this.engine.k.shuffle(this.state, ptr, n);
  }

  /** A uniform integer in [0, bound). */
  below(bound: number): number {
    return this.engine.k.rngBelow(this.state, bound) >>> 0; // u32 arrives signed
  }

  dispose(): void {
    this.engine.heap.release(this.state);
  }
}

/** A seed for callers who gave none: fixed, so that runs repeat unless asked otherwise. */
export const DEFAULT_SEED = 42;
