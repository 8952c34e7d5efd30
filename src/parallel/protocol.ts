// The control block through which the calling thread hands work to the workers: a few i32 words
// in the shared memory, read and written with Atomics, so a job costs no message and no copy.
//
//   word 0       DONE    jobs finished since the host last cleared it (Atomics.add, notify)
//   word 1       FAILED  0, or 1 + the id of a worker whose kernel threw
//   words 4+16w  worker w's slot: GO (a counter the host bumps to start a job, and the only word
//                the worker waits on), FN (index into FUNCTIONS), then up to 14 i32 arguments.
//
// Each worker waits on its own GO word, so a job wakes only the workers it uses, and the host
// writes a slot only while its worker is idle (it waited for that worker's DONE), so a worker
// never reads a slot half-written.

export const DONE = 0;
export const FAILED = 1;
export const HEADER_WORDS = 4;
export const SLOT_WORDS = 16;
export const GO = 0;
export const FN = 1;
export const ARGS = 2;

/** Kernels a worker may run, by index; 0 ends the worker's loop. All take i32 arguments only. */
export const FUNCTIONS = ["stop", "gemmStrided", "identity", "step", "sigmoid", "tanh", "relu"] as const;
export type FunctionName = (typeof FUNCTIONS)[number];
export const fn = (name: FunctionName): number => FUNCTIONS.indexOf(name);

/** Bytes of a control block for `workers` workers. */
export const controlBytes = (workers: number): number => (HEADER_WORDS + SLOT_WORDS * workers) * 4;

/**
 * Microseconds a thread spins on a word before it sleeps in Atomics.wait. A training step hands
 * out its products a few hundred µs apart and waking a sleeping thread costs 20-100 µs, so a short
 * spin keeps the cores in step without burning a core that another process wants while idle.
 */
export const SPIN_MICROSECONDS = 300;

/**
 * The worker's program, the same text for Node's worker_threads (eval) and a browser's Web
 * Worker (a blob: URL). Its first message carries { module, memory, control, id, scratch }: it
 * instantiates the module on the shared memory, takes its own packing scratch, says "ready", and
 * from then on only waits on its GO word, runs the kernel named in its slot and counts DONE.
 */
export const workerSource = `"use strict";
(async () => {
const FUNCTIONS = ${JSON.stringify(FUNCTIONS)};
const node = typeof self === "undefined";
// import(), not require(): Node runs an eval worker as a module when the parent was started so.
const port = node ? (await import("node:worker_threads")).parentPort : self;
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
  const kernels = FUNCTIONS.map((name) => k[name]);
  const i32 = new Int32Array(memory.buffer, control, ${HEADER_WORDS} + ${SLOT_WORDS} * (id + 1));
  const slot = ${HEADER_WORDS} + ${SLOT_WORDS} * id, go = slot + ${GO}, a = slot + ${ARGS};
  let seen = Atomics.load(i32, go); // before "ready": the host may start a job as soon as it hears it
  port.postMessage({ ready: true });
  for (;;) {
    const until = performance.now() + ${SPIN_MICROSECONDS / 1000};
    for (let i = 1; Atomics.load(i32, go) === seen; i++) {
      if ((i & 255) === 0 && performance.now() > until) Atomics.wait(i32, go, seen);
    }
    seen = Atomics.load(i32, go);
    const f = i32[slot + ${FN}];
    if (f === 0) break;
    try {
      kernels[f](i32[a], i32[a + 1], i32[a + 2], i32[a + 3], i32[a + 4], i32[a + 5], i32[a + 6],
        i32[a + 7], i32[a + 8], i32[a + 9], i32[a + 10], i32[a + 11], i32[a + 12], i32[a + 13]);
    } catch (e) {
      Atomics.store(i32, ${FAILED}, id + 1);
      port.postMessage({ error: String(e && e.stack || e) });
    }
    Atomics.add(i32, ${DONE}, 1);
    Atomics.notify(i32, ${DONE});
  }
  port.postMessage({ stopped: true });
});
})();
`;
