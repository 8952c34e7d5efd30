// One instantiated scratchnet.wasm with the Heap that manages its memory. `init()` loads the
// module from bytes: Node reads the file beside the package, a browser fetches it (or is handed
// an inlined copy), and both run the same bytes.
// `init({ threads })` loads build/scratchnet.threads.wasm instead and spreads the big products
// over worker threads (src/parallel/); where threads cannot run it says why and uses one.
import { Heap } from "./heap.js";
import type { Kernels } from "./kernels.js";
import { inlineWasm, wasmUrl } from "../wasm-location.js";
import { ModelError } from "./errors.js";

export class Engine {
  readonly heap: Heap;
  /** Threads this engine computes on, the calling one included. */
  threads = 1;
  /** Why this engine has fewer threads than were asked for, if it has. */
  threadsNote?: string;
  /**
   * Dense layers with 32 or more inputs compute over their input's nonzeros when a batch is
   * mostly zeros, as images are (src/layers/sparse-input.ts): the same bits, less work.
   * false: the dense products from the next forward pass on (to measure what it saves).
   */
  sparseInputs = true;
  /** @internal Ends the worker threads (set by src/parallel/engine.ts). */
  onDispose?: () => Promise<void>;

  constructor(readonly k: Kernels, heap?: Heap) {
    this.heap = heap ?? new Heap(k.memory, k.heapBase());
  }

  /** End this engine's worker threads, if any; models built on it must not be used after. */
  async dispose(): Promise<void> {
    const stop = this.onDispose;
    this.onDispose = undefined;
    if (stop) await stop();
  }
}

/**
 * The kernels of one instance of the module. It imports nothing (the threads build: its memory)
 * and exports only numbers-in, numbers-out functions (test/kernels/abi.test.ts), so it needs no
 * loader glue; @assemblyscript/loader did only this, for 2 KB of the core's 30 KB gzipped. The
 * exports are copied to a plain object: WebAssembly's is frozen, and tests spy on kernels.
 */
export function instantiate(source: BufferSource | WebAssembly.Module, imports: WebAssembly.Imports = {}): Kernels {
  const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
  return { ...new WebAssembly.Instance(module, imports).exports } as unknown as Kernels;
}

/** Instantiate the module from its bytes. Each call gives an independent instance. */
export function createEngine(bytes: BufferSource): Engine {
  return new Engine(instantiate(bytes));
}

type Source = BufferSource | URL | string;

/** The module's bytes: from `source` if given, else the build's inlined copy or build/scratchnet.wasm beside the package. */
export async function wasmBytes(source?: Source): Promise<BufferSource> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return source;
  if (source === undefined && inlineWasm) return inlineWasm();
  const url = source === undefined ? wasmUrl() : new URL(String(source), wasmUrl());
  if (url.protocol === "file:" && typeof process !== "undefined" && process.versions?.node) {
    const fs = await import("node:fs/promises");
    return fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new ModelError(`could not fetch ${url}: HTTP ${response.status}; pass init() the .wasm bytes or its URL`);
  return response.arrayBuffer();
}

export interface InitOptions {
  /** Threads to compute on, the calling one included: a number, or "auto" for every logical core. Default 1. */
  threads?: number | "auto";
  /** The one-thread module (default build/scratchnet.wasm); also the fallback when threads cannot run. */
  wasm?: Source;
  /** The threaded module (default build/scratchnet.threads.wasm beside the one-thread one). */
  threadsWasm?: Source;
}

/** What threads need, registered by src/parallel/register.ts (the full barrel loads it; scratchnet/core does not, to stay small). */
export interface ThreadSupport {
  create(bytes: BufferSource, options: { threads: number }): Promise<Engine>;
  unavailable(): string | undefined;
  cores(): Promise<number>;
}
let threadSupport: ThreadSupport | undefined;
/** @internal */
export const registerThreads = (support: ThreadSupport): void => void (threadSupport = support);
const NO_THREADS = "this build has no thread support (scratchnet/core leaves it out); import the full 'scratchnet' module";

/**
 * Build an engine with `threads` threads, or with one if that cannot be done here: then its
 * `threadsNote` says why and a one-line console.info reports it.
 */
export async function createEngineWithThreads(options: InitOptions = {}): Promise<Engine> {
  const asked = options.threads === "auto" ? (threadSupport ? await threadSupport.cores() : 2) : options.threads ?? 1;
  if (!Number.isInteger(asked) || asked < 1) throw new ModelError(`init: threads must be a positive integer or "auto", got ${String(options.threads)}`);
  let note = asked > 1 ? (threadSupport ? threadSupport.unavailable() : NO_THREADS) : undefined;
  if (asked > 1 && !note) {
    try {
      const bytes = await wasmBytes(options.threadsWasm ?? new URL("scratchnet.threads.wasm", wasmUrl()));
      return await threadSupport!.create(bytes, { threads: asked });
    } catch (e) {
      note = e instanceof Error ? e.message : String(e);
    }
  }
  const one = createEngine(await wasmBytes(options.wasm));
  if (note) {
    one.threadsNote = `asked for ${asked} threads, running on 1: ${note}`;
    console.info(`scratchnet: ${one.threadsNote}`);
  }
  return one;
}

let current: Engine | undefined;

/**
 * Load (once) the engine every model uses by default; pass bytes or a URL to choose the module,
 * or options such as `{ threads: 2 }`. Models built before keep the engine they were built on.
 */
export async function init(source?: Source | InitOptions): Promise<Engine> {
  const options = typeof source === "object" && !(source instanceof URL) && !(source instanceof ArrayBuffer) && !ArrayBuffer.isView(source);
  if (options) current = await createEngineWithThreads(source as InitOptions);
  else if (!current || source !== undefined) current = createEngine(await wasmBytes(source as Source | undefined));
  return current;
}

/** The default engine; throws if `init()` has not finished. */
export function engine(): Engine {
  if (!current) throw new ModelError("scratchnet is not initialised: `await init()` before building models");
  return current;
}
