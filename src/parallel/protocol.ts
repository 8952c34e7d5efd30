// The control block through which the calling thread shares work with the workers: a few i32
// words in the shared memory, read and written with Atomics, so a job costs no message and no copy.
//
// A job is one kernel call cut into CHUNKS chunks of whole output rows, columns or elements.
// Every thread, the calling one included, claims chunks by Atomics.add on NEXT until none are
// left, so a worker that the OS has not scheduled yet simply gets none: on a busy machine the
// calling thread does the whole job instead of waiting. Which thread computes a chunk never
// changes its bits.
//
// Between jobs NEXT holds CLOSED, so a late worker's claim fails; the host writes the job's
// words, then opens it by storing NEXT = 0 (a seq-cst store: a thread that claims a chunk after
// it sees the job whole), then bumps GO, the word idle workers wait on.

import type { Kernels } from "../core/kernels.js";
import { elementwiseKernels } from "../core/activations.js";

export const COMPLETED = 0; // chunks finished in the current job
export const FAILED = 1; // 0, or 1 + the id of a worker whose kernel threw (-1: the host)
export const NEXT = 2; // the next chunk to claim
export const CHUNKS = 3;
export const GO = 4; // bumped once per job
export const STOP = 5; // 1: workers leave their loop
export const FN = 6; // index into FUNCTIONS
export const DIM = 7; // rows, columns or elements to cut
export const ALIGN = 8; // chunk boundaries fall on multiples of this
export const BY_ROWS = 9; // products: 1 cut rows of C, 0 columns
export const BY_WORKERS = 10; // chunks computed by workers since the engine started (for tests and benchmarks)
export const ARGS = 11; // the kernel's i32 arguments: (a, rsA, csA, b, rsB, csB, c, ldc, m, k, n, accumulate), (x, out), (src, idx, dst, cols),
// (x, cols, counts, lists, w, n, z) for sparseForward or (x, rows, cols, counts, lists, colCounts, colLists, dz, n, dw, p0) for sparseBackward,
// convForward's and convFilterGrad's arguments but n (forward) or f0, f1 (filter gradient)
export const SCALAR = ARGS + 20; // an f32 argument (gatherRowsU8's scale), read through a Float32Array
export const WORDS = SCALAR + 1;
export const CLOSED = 1 << 30;

/** Kernels a job may run, by index (names of Kernels, checked: workers call them by name). */
// Every element-by-element activation of the table (core/activations.ts) is an (x, out, n) job.
export const FUNCTIONS = ["gemmStrided", ...elementwiseKernels().map((e) => e.kernel), "gatherRowsU8", "sparseForward", "sparseBackward",
  "convForward", "convFilterGrad", "maxPool", "maxPoolBackwardTiled"] as const satisfies readonly (keyof Kernels)[];
export type FunctionName = (typeof FUNCTIONS)[number];
export const fn = (name: FunctionName): number => FUNCTIONS.indexOf(name);

/** Bytes of the control block. */
export const CONTROL_BYTES = WORDS * 4;

/**
 * Microseconds a worker spins on GO before it sleeps in Atomics.wait. Waking a sleeping worker
 * cost about 170 µs here (a worker woken from Atomics.wait took a median 182 µs to finish a
 * 4-element chunk, a spinning one 3 µs), as long as half a training product, so a worker stays
 * awake through the gaps of a training step (the passes between two products take ~50-150 µs).
 */
export const WORKER_SPIN_MICROSECONDS = 300;
/**
 * Microseconds the calling thread spins on COMPLETED before it sleeps: about one chunk of a
 * training product, the usual difference between the threads' last chunks. Longer spins hold a
 * core that, on a busy machine, the worker being waited for may need.
 */
export const HOST_SPIN_MICROSECONDS = 100;

/** FUNCTIONS' indices of the jobs that are neither a dense product nor an (x, out, n) pass. */
export const GATHER = fn("gatherRowsU8");
export const SPARSE_FORWARD = fn("sparseForward");
export const SPARSE_BACKWARD = fn("sparseBackward");
export const CONV_FORWARD = fn("convForward");
export const CONV_GRAD = fn("convFilterGrad");
export const MAX_POOL = fn("maxPool");
export const MAX_POOL_BACKWARD = fn("maxPoolBackwardTiled");

/** The control block's layout as runChunk reads it (handed to it, so the function names nothing outside itself). */
export const LAYOUT = { CHUNKS, DIM, ALIGN, ARGS, FN, GATHER, SPARSE_FORWARD, SPARSE_BACKWARD, CONV_FORWARD, CONV_GRAD, MAX_POOL, MAX_POOL_BACKWARD, SCALAR, BY_ROWS, FUNCTIONS } as const;

/**
 * Chunk `i` of the job in `i32`/`f32` on kernels `k`. A chunk of a product is a block of C's rows
 * or columns; of a gather or a sparse forward, a block of rows; of a sparse backward, a block of
 * dW's rows (x's columns); of an activation, a run of elements. Chunk j starts at
 * j·DIM/CHUNKS rounded to a multiple of ALIGN (the last ends at DIM): as even as the alignment allows.
 * The calling thread (team.ts) calls it, and the workers run its source text, so the two cannot
 * drift; it must therefore refer to nothing but its arguments (a bundler renames outer names).
 */
export function runChunk(k: Kernels, i32: Int32Array, f32: Float32Array, i: number, w: typeof LAYOUT): void {
  // No inner functions: a runner that keeps names (tsx) would wrap them in a helper the workers lack.
  const chunks = i32[w.CHUNKS], dim = i32[w.DIM], align = i32[w.ALIGN];
  const lo = Math.floor((i * dim) / chunks / align + 0.5) * align;
  const size = (i + 1 === chunks ? dim : Math.floor(((i + 1) * dim) / chunks / align + 0.5) * align) - lo, a = w.ARGS, f = i32[w.FN];
  if (f === w.GATHER) {
    k.gatherRowsU8(i32[a], i32[a + 1] + 4 * lo, i32[a + 2] + 4 * lo * i32[a + 3], size, i32[a + 3], f32[w.SCALAR]);
  } else if (f === w.SPARSE_FORWARD) { // rows lo.. of x, of the lists (cols + 4 a row) and of z
    const cols = i32[a + 1], n = i32[a + 5];
    k.sparseForward(i32[a] + 4 * lo * cols, size, cols, i32[a + 2] + 4 * lo, i32[a + 3] + 4 * lo * (cols + 4), i32[a + 4], n, i32[a + 6] + 4 * lo * n);
  } else if (f === w.SPARSE_BACKWARD) { // columns p0 + lo.. of x, rows of dW
    const p = i32[a + 10] + lo;
    k.sparseBackward(i32[a], i32[a + 1], i32[a + 2], i32[a + 3], i32[a + 4], i32[a + 5], i32[a + 6], p, p + size, i32[a + 7], i32[a + 8], i32[a + 9]);
  } else if (f === w.CONV_FORWARD) { // images lo.. of x, z and the masks
    const h = i32[a + 1], image = 4 * i32[a + 2] * i32[a + 3], out = 4 * i32[a + 10] * i32[a + 11] * i32[a + 14];
    k.convForward(i32[a] + lo * h * image, size, h, i32[a + 2], i32[a + 3], i32[a + 4], i32[a + 5], i32[a + 6], i32[a + 7], i32[a + 8],
      i32[a + 9], i32[a + 10], i32[a + 11], i32[a + 12], i32[a + 14], i32[a + 13] + lo * out, i32[a + 15] + 8 * lo * h,
      i32[a + 16]);
  } else if (f === w.CONV_GRAD) { // dK's columns lo..
    k.convFilterGrad(i32[a], i32[a + 1], i32[a + 2], i32[a + 3], i32[a + 4], i32[a + 5], i32[a + 6], i32[a + 7], i32[a + 8], i32[a + 9],
      i32[a + 10], i32[a + 11], i32[a + 12], i32[a + 13], i32[a + 14], i32[a + 15], i32[a + 16], i32[a + 17], lo, lo + size,
      i32[a + 18], i32[a + 19]);
  } else if (f === w.MAX_POOL) { // images lo.. of x, y, argmax: (x, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, y, argmax)
    const image = 4 * i32[a + 1] * i32[a + 2] * i32[a + 3], out = 4 * i32[a + 10] * i32[a + 11] * i32[a + 3];
    k.maxPool(i32[a] + lo * image, size, i32[a + 1], i32[a + 2], i32[a + 3], i32[a + 4], i32[a + 5], i32[a + 6], i32[a + 7], i32[a + 8],
      i32[a + 9], i32[a + 10], i32[a + 11], i32[a + 12] + lo * out, i32[a + 13] + lo * out);
  } else if (f === w.MAX_POOL_BACKWARD) { // images lo.. of dy, argmax and dx: (dy, argmax, h, w, c, poolH, poolW, dx)
    const h = i32[a + 2], wd = i32[a + 3], c = i32[a + 4], image = 4 * h * wd * c;
    const out = 4 * Math.floor(h / i32[a + 5]) * Math.floor(wd / i32[a + 6]) * c;
    k.maxPoolBackwardTiled(i32[a] + lo * out, i32[a + 1] + lo * out, size, h, wd, c, i32[a + 5], i32[a + 6], i32[a + 7] + lo * image);
  } else if (f === 0) {
    const rows = i32[w.BY_ROWS];
    k.gemmStrided(rows ? i32[a] + 4 * lo * i32[a + 1] : i32[a], i32[a + 1], i32[a + 2],
      rows ? i32[a + 3] : i32[a + 3] + 4 * lo * i32[a + 5], i32[a + 4], i32[a + 5],
      i32[a + 6] + 4 * lo * (rows ? i32[a + 7] : 1), i32[a + 7],
      rows ? size : i32[a + 8], i32[a + 9], rows ? i32[a + 10] : size, i32[a + 11]);
  } else {
    k[w.FUNCTIONS[f] as "sigmoid"](i32[a] + 4 * lo, i32[a + 1] + 4 * lo, size);
  }
}

/**
 * The worker's program, the same text for Node's worker_threads (eval) and a browser's Web
 * Worker (a blob: URL). Its first message carries { module, memory, control, id, scratch }: it
 * instantiates the module on the shared memory, takes its own packing scratch, says "ready", and
 * from then on waits on GO and claims chunks.
 */
export const workerSource = `"use strict";
(async () => {
const LAYOUT = ${JSON.stringify(LAYOUT)};
const runChunk = ${runChunk.toString()};
const node = typeof self === "undefined";
// import(), not require(): Node runs an eval worker as a module when the parent was started so.
// The name sits in a variable so that browser bundles hold no import of a node: module.
const threadsModule = "node:worker_threads";
const port = node ? (await import(threadsModule)).parentPort : self;
const receive = (handler) => node ? port.once("message", handler) : (self.onmessage = (e) => { self.onmessage = null; handler(e.data); });
receive(({ module, memory, control, id, scratch }) => {
  let k;
  try {
    k = new WebAssembly.Instance(module, { env: { memory } }).exports;
    if (scratch) k.setScratch(scratch);
  } catch (e) {
    port.postMessage({ error: String(e && e.stack || e) });
    return;
  }
  const i32 = new Int32Array(memory.buffer, control, ${WORDS}), f32 = new Float32Array(memory.buffer, control, ${WORDS});
  let seen = Atomics.load(i32, ${GO}); // before "ready": the host may start a job as soon as it hears it
  port.postMessage({ ready: true });
  for (;;) {
    const until = performance.now() + ${WORKER_SPIN_MICROSECONDS / 1000};
    for (let i = 1; Atomics.load(i32, ${GO}) === seen; i++) {
      if ((i & 255) === 0 && performance.now() > until) Atomics.wait(i32, ${GO}, seen);
    }
    seen = Atomics.load(i32, ${GO});
    if (Atomics.load(i32, ${STOP})) break;
    for (let i = Atomics.add(i32, ${NEXT}, 1); i < Atomics.load(i32, ${CHUNKS}); i = Atomics.add(i32, ${NEXT}, 1)) {
      try {
        runChunk(k, i32, f32, i, LAYOUT);
      } catch (e) {
        Atomics.store(i32, ${FAILED}, id + 1);
        port.postMessage({ error: String(e && e.stack || e) });
      }
      Atomics.add(i32, ${BY_WORKERS}, 1);
      if (Atomics.add(i32, ${COMPLETED}, 1) + 1 === Atomics.load(i32, ${CHUNKS})) Atomics.notify(i32, ${COMPLETED});
    }
  }
  port.postMessage({ stopped: true });
});
})();
`;

