// One instantiated scratchnet.wasm with the Heap that manages its memory. `init()` loads the
// module from bytes with @assemblyscript/loader: Node reads the file beside the package, a
// browser fetches it (or is handed an inlined copy), and both run the same bytes.
import { instantiateSync } from "@assemblyscript/loader";
import { Heap } from "./heap.js";
import type { Kernels } from "./kernels.js";
import { wasmUrl } from "../wasm-location.js";
import { ModelError } from "./errors.js";

export class Engine {
  readonly heap: Heap;
  constructor(readonly k: Kernels) {
    this.heap = new Heap(k.memory, k.heapBase());
  }
}

/** Instantiate the module from its bytes. Each call gives an independent instance. */
export function createEngine(bytes: BufferSource): Engine {
  const { exports } = instantiateSync<Record<string, unknown>>(bytes as ArrayBuffer, {});
  return new Engine(exports as unknown as Kernels);
}

/** The module's bytes: from `source` if given, else from build/scratchnet.wasm beside the package. */
export async function wasmBytes(source?: BufferSource | URL | string): Promise<BufferSource> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return source;
  const url = source === undefined ? wasmUrl() : new URL(String(source), wasmUrl());
  if (url.protocol === "file:" && typeof process !== "undefined" && process.versions?.node) {
    const fs = await import("node:fs/promises");
    return fs.readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new ModelError(`could not fetch ${url}: HTTP ${response.status}; pass init() the .wasm bytes or its URL`);
  return response.arrayBuffer();
}

let current: Engine | undefined;

/** Load (once) the engine every model uses by default; pass bytes or a URL to choose the module. */
export async function init(source?: BufferSource | URL | string): Promise<Engine> {
  if (!current || source !== undefined) current = createEngine(await wasmBytes(source));
  return current;
}

/** The default engine; throws if `init()` has not finished. */
export function engine(): Engine {
  if (!current) throw new ModelError("scratchnet is not initialised: `await init()` before building models");
  return current;
}
