// A threaded Engine: build/scratchnet.threads.wasm (the same kernels as scratchnet.wasm, on an
// imported shared memory) instantiated once on the calling thread and once in each of N-1
// workers, all on one WebAssembly.Memory. The Heap runs on that memory as on any other; the
// control block and each worker's packing scratch are its first allocations.
//
// Rules that keep it correct:
//  - Every instance writes the module's data segments when it is instantiated. The build keeps
//    only the constant tables (scripts/build-wasm.mjs drops the zero ones, the memory being
//    created zero-filled here), and this function resolves only after every worker has
//    instantiated, so those writes never overlap a kernel and put back the bytes already there.
//  - Only the calling thread allocates or grows memory; workers keep no views of it in JS except
//    of the control block, which never moves.
//  - The calling thread blocks until its workers finish each product. In Node that is
//    Atomics.wait; a browser's main thread may not wait, so there it spins: run training in a
//    Web Worker to keep the page responsive (it is busy for the step either way).
import { Engine, instantiate } from "../core/engine.js";
import { Heap } from "../core/heap.js";
import { ModelError } from "../core/errors.js";
import { CONTROL_BYTES } from "./protocol.js";
import { Team } from "./team.js";
import { startWorkers } from "./pool.js";
import { parallelKernels } from "./kernels.js";
import { onBrowserMainThread } from "./support.js";

/** asconfig.json's threads target declares initialMemory 16 (pages of 64 KiB): the memory starts at least that big. */
export const INITIAL_PAGES = 16;
/** The memory may grow to 2 GiB by default (a shared memory reserves its maximum up front). */
export const DEFAULT_MAXIMUM_PAGES = 32768;

export interface ParallelOptions {
  /** Threads in all, the calling one included (≥ 2). */
  threads: number;
  /** Most 64-KiB pages the shared memory may grow to (default 32768, 2 GiB). */
  maximumPages?: number;
}

const teams = new WeakMap<Engine, Team>();
/** The Team behind a threaded engine (tests and benchmarks read its chunksByWorkers). */
export const teamOf = (engine: Engine): Team | undefined => teams.get(engine);

/** Instantiate the threaded module on a new shared memory with `threads - 1` workers. */
export async function createParallelEngine(bytes: BufferSource, { threads, maximumPages = DEFAULT_MAXIMUM_PAGES }: ParallelOptions): Promise<Engine> {
  if (!Number.isInteger(threads) || threads < 2) throw new ModelError(`createParallelEngine: threads must be an integer ≥ 2, got ${threads}; use createEngine for one thread`);
  const module = await WebAssembly.compile(bytes as ArrayBuffer);
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: maximumPages, shared: true });
  const base = instantiate(module, { env: { memory } });
  if (typeof base.gemmStrided !== "function" || typeof base.setScratch !== "function") {
    throw new ModelError("this scratchnet.threads.wasm has no gemmStrided/setScratch: rebuild it with `npm run build:wasm`");
  }
  const heap = new Heap(memory, base.heapBase(), maximumPages * 65536); // a shared memory cannot grow past its maximum
  const workers = threads - 1;
  const control = heap.calloc(CONTROL_BYTES);
  const scratch = Array.from({ length: workers }, () => heap.alloc(base.scratchBytes()));
  const handles = await startWorkers(scratch.map((s, id) => ({ module, memory, control, id, scratch: s })));
  const team = new Team(base, memory, control, workers, !onBrowserMainThread());
  const engine = new Engine(parallelKernels(base, team), heap);
  engine.threads = threads;
  teams.set(engine, team);
  engine.onDispose = async () => {
    team.stop();
    await Promise.all(handles.map((h) => h.terminate()));
  };
  return engine;
}
