// The calling thread's side of the control block (protocol.ts): write a worker's slot, start it,
// wait for the jobs it started. Nothing here allocates: a training step calls it several times.
import { ARGS, DONE, FAILED, FN, GO, HEADER_WORDS, SLOT_WORDS, SPIN_MICROSECONDS, fn } from "./protocol.js";
import { ModelError } from "../core/errors.js";

const GEMM = fn("gemmStrided");

export class Team {
  /** The control block never moves, and a view of a SharedArrayBuffer stays valid after growth. */
  private readonly i32: Int32Array;
  private started = 0;

  /**
   * `canBlock`: whether this thread may Atomics.wait. A browser's main thread may not; there the
   * host spins until the workers finish (the page is busy for the step either way).
   */
  constructor(memory: WebAssembly.Memory, control: number, readonly workers: number, private readonly canBlock: boolean) {
    this.i32 = new Int32Array(memory.buffer, control, HEADER_WORDS + SLOT_WORDS * workers);
  }

  /** Have worker `w` compute C (m×n, row stride ldc) (=|+=) op(A)·op(B) on its own rows/columns. */
  gemm(w: number, a: number, rsA: number, csA: number, b: number, rsB: number, csB: number, c: number, ldc: number,
    m: number, k: number, n: number, accumulate: number): void {
    const s = HEADER_WORDS + SLOT_WORDS * w + ARGS, i32 = this.i32;
    i32[s] = a; i32[s + 1] = rsA; i32[s + 2] = csA; i32[s + 3] = b; i32[s + 4] = rsB; i32[s + 5] = csB;
    i32[s + 6] = c; i32[s + 7] = ldc; i32[s + 8] = m; i32[s + 9] = k; i32[s + 10] = n; i32[s + 11] = accumulate;
    this.start(w, GEMM);
  }

  /** Have worker `w` run a (x, out, n) kernel such as sigmoid on its part of the array. */
  unary(w: number, kernel: number, x: number, out: number, n: number): void {
    const s = HEADER_WORDS + SLOT_WORDS * w + ARGS, i32 = this.i32;
    i32[s] = x; i32[s + 1] = out; i32[s + 2] = n;
    this.start(w, kernel);
  }

  /** Wait until every job started since the last wait is done; throw if a worker's kernel threw. */
  wait(): void {
    const i32 = this.i32, want = this.started;
    if (want === 0) return;
    const until = performance.now() + SPIN_MICROSECONDS / 1000;
    for (let i = 1, done = Atomics.load(i32, DONE); done !== want; i++, done = Atomics.load(i32, DONE)) {
      if (this.canBlock && (i & 255) === 0 && performance.now() > until) Atomics.wait(i32, DONE, done);
    }
    this.started = 0;
    Atomics.store(i32, DONE, 0);
    const failed = Atomics.exchange(i32, FAILED, 0);
    if (failed) {
      throw new ModelError(`a kernel failed in worker ${failed - 1} (its message is on the console); the results of this call are invalid`);
    }
  }

  /** End every worker's loop (they exit once they see it). */
  stop(): void {
    for (let w = 0; w < this.workers; w++) this.start(w, 0);
    this.started = 0;
  }

  private start(w: number, kernel: number): void {
    const slot = HEADER_WORDS + SLOT_WORDS * w;
    this.i32[slot + FN] = kernel;
    this.started++;
    Atomics.add(this.i32, slot + GO, 1);
    Atomics.notify(this.i32, slot + GO, 1);
  }
}
