// The calling thread's side of the control block (protocol.ts): describe a job, open it, claim
// chunks like any worker, then wait for the chunks the workers claimed. Nothing here allocates:
// a training step calls it several times.
import {
  ALIGN, ARGS, BY_ROWS, BY_WORKERS, CHUNKS, CLOSED, COMPLETED, DIM, FAILED, FN, GATHER, GO, NEXT, HOST_SPIN_MICROSECONDS, SCALAR,
  SPARSE_BACKWARD, SPARSE_FORWARD, STOP, CONV_FORWARD, CONV_GRAD, MAX_POOL, MAX_POOL_BACKWARD, WORDS, fn, LAYOUT, runChunk,
} from "./protocol.js";
import type { Kernels } from "../core/kernels.js";
import { ModelError } from "../core/errors.js";

const GEMM = fn("gemmStrided");

export class Team {
  /** The control block never moves, and a view of a SharedArrayBuffer stays valid after growth. */
  private readonly i32: Int32Array;
  /** The same words as f32, for the one float argument (SCALAR). */
  private readonly f32: Float32Array;

  /**
   * `k`: the calling thread's instance. `canBlock`: whether this thread may Atomics.wait; a
   * browser's main thread may not, and there the host spins until the workers' chunks are done.
   */
  constructor(private readonly k: Kernels, memory: WebAssembly.Memory, control: number, readonly workers: number, private readonly canBlock: boolean) {
    this.i32 = new Int32Array(memory.buffer, control, WORDS);
    this.f32 = new Float32Array(memory.buffer, control, WORDS);
    Atomics.store(this.i32, NEXT, CLOSED);
  }

  /** C (m×n, row stride ldc) (=|+=) op(A)·op(B), cut into `chunks` blocks of rows (byRows) or columns, on multiples of `align`. */
  gemm(a: number, rsA: number, csA: number, b: number, rsB: number, csB: number, c: number, ldc: number,
    m: number, k: number, n: number, accumulate: number, byRows: boolean, chunks: number, align: number): void {
    const i32 = this.i32, s = ARGS;
    i32[s] = a; i32[s + 1] = rsA; i32[s + 2] = csA; i32[s + 3] = b; i32[s + 4] = rsB; i32[s + 5] = csB;
    i32[s + 6] = c; i32[s + 7] = ldc; i32[s + 8] = m; i32[s + 9] = k; i32[s + 10] = n; i32[s + 11] = accumulate;
    i32[BY_ROWS] = byRows ? 1 : 0;
    this.run(GEMM, byRows ? m : n, chunks, align);
  }

  /** A (x, out, n) kernel such as sigmoid, cut into `chunks` runs of whole SIMD vectors. */
  unary(kernel: number, x: number, out: number, n: number, chunks: number): void {
    const i32 = this.i32;
    i32[ARGS] = x; i32[ARGS + 1] = out;
    this.run(kernel, n, chunks, 4);
  }

  /** gatherRowsU8 (dst row r = scale · src row idx[r], bytes to f32), cut into `chunks` blocks of rows. */
  gatherRowsU8(src: number, idx: number, dst: number, count: number, cols: number, scale: number, chunks: number): void {
    const i32 = this.i32;
    i32[ARGS] = src; i32[ARGS + 1] = idx; i32[ARGS + 2] = dst; i32[ARGS + 3] = cols;
    this.f32[SCALAR] = scale; // rounded to f32 here as the kernel's f32 parameter would round it
    this.run(GATHER, count, chunks, 1);
  }

  /** sparseForward (assembly/sparse.ts), cut into `chunks` blocks of rows. */
  sparseForward(x: number, rows: number, cols: number, counts: number, lists: number, w: number, n: number, z: number, chunks: number): void {
    const i32 = this.i32, s = ARGS;
    i32[s] = x; i32[s + 1] = cols; i32[s + 2] = counts; i32[s + 3] = lists; i32[s + 4] = w; i32[s + 5] = n; i32[s + 6] = z;
    this.run(SPARSE_FORWARD, rows, chunks, 1);
  }

  /** sparseBackward for dW's rows p0..p1, cut into `chunks` blocks of them. */
  sparseBackward(x: number, rows: number, cols: number, counts: number, lists: number, colCounts: number, colLists: number,
    p0: number, p1: number, dz: number, n: number, dw: number, chunks: number): void {
    const i32 = this.i32, s = ARGS;
    i32[s] = x; i32[s + 1] = rows; i32[s + 2] = cols; i32[s + 3] = counts; i32[s + 4] = lists; i32[s + 5] = colCounts;
    i32[s + 6] = colLists; i32[s + 7] = dz; i32[s + 8] = n; i32[s + 9] = dw; i32[s + 10] = p0;
    this.run(SPARSE_BACKWARD, p1 - p0, chunks, 1);
  }

  /** convForward (assembly/conv/direct.ts) on `args` = its arguments without n, cut into `chunks` blocks of the n images. */
  convForward(args: number[], n: number, chunks: number): void {
    this.setArgs(args);
    this.run(CONV_FORWARD, n, chunks, 1);
  }

  /** convFilterGrad on `args` = its arguments without f0, f1: dK's columns 0..cout cut into `chunks` blocks, on multiples of 16. */
  convFilterGrad(args: number[], cout: number, chunks: number): void {
    this.setArgs(args);
    this.run(CONV_GRAD, cout, chunks, 16);
  }

  /** maxPool or maxPoolBackwardTiled (`backward`) on `args` = its arguments without n, cut into `chunks` blocks of the n images. */
  maxPool(args: number[], n: number, chunks: number, backward: boolean): void {
    this.setArgs(args);
    this.run(backward ? MAX_POOL_BACKWARD : MAX_POOL, n, chunks, 1);
  }

  private setArgs(args: number[]): void {
    for (let i = 0; i < args.length; i++) this.i32[ARGS + i] = args[i];
  }

  /** Chunks the workers have computed so far (the rest ran on the calling thread). */
  get chunksByWorkers(): number {
    return Atomics.load(this.i32, BY_WORKERS);
  }

  /** End every worker's loop (they exit once they see it). */
  stop(): void {
    Atomics.store(this.i32, STOP, 1);
    Atomics.add(this.i32, GO, 1);
    Atomics.notify(this.i32, GO);
  }

  private run(kernel: number, dim: number, chunks: number, align: number): void {
    const i32 = this.i32;
    i32[FN] = kernel; i32[DIM] = dim; i32[ALIGN] = align; i32[CHUNKS] = chunks;
    Atomics.store(i32, COMPLETED, 0);
    Atomics.store(i32, NEXT, 0); // open: everything above is visible to whoever claims a chunk
    Atomics.add(i32, GO, 1);
    Atomics.notify(i32, GO);
    let error: unknown;
    for (let i = Atomics.add(i32, NEXT, 1); i < chunks; i = Atomics.add(i32, NEXT, 1)) {
      try {
        runChunk(this.k, i32, this.f32, i, LAYOUT);
      } catch (e) {
        error ??= e; // still count the chunk, or the wait below would never end
      }
      Atomics.add(i32, COMPLETED, 1);
    }
    this.wait(chunks);
    if (error) throw error;
  }

  /** Wait until all `chunks` are done, close the job, and throw if a worker's kernel threw. */
  private wait(chunks: number): void {
    const i32 = this.i32;
    Atomics.store(i32, NEXT, CLOSED); // no chunk is left; late claims now fail at once
    const until = performance.now() + HOST_SPIN_MICROSECONDS / 1000;
    for (let i = 1, done = Atomics.load(i32, COMPLETED); done < chunks; i++, done = Atomics.load(i32, COMPLETED)) {
      if (this.canBlock && (i & 255) === 0 && performance.now() > until) Atomics.wait(i32, COMPLETED, done);
    }
    const failed = Atomics.exchange(i32, FAILED, 0);
    if (failed) {
      throw new ModelError(`a kernel failed in worker ${failed - 1} (its message is on the console); the results of this call are invalid`);
    }
  }
}
