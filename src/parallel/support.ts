// Whether this JavaScript engine can run scratchnet on several threads, and if not, why not in
// words a user can act on. Threads need a shared WebAssembly.Memory (SharedArrayBuffer), which
// browsers give only to cross-origin isolated pages, and workers to run on it.

const ISOLATION = "serve the page with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp";

/** True on a browser's main thread, where Atomics.wait is not allowed. */
export const onBrowserMainThread = (): boolean => typeof (globalThis as { window?: unknown }).window !== "undefined";

const inBrowser = (): boolean => typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== "string";

/** undefined if threads can run here, else the reason they cannot and what to do. */
export function threadsUnavailable(): string | undefined {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown };
  if (inBrowser() && g.crossOriginIsolated === false) return `the page is not cross-origin isolated; ${ISOLATION}`;
  if (typeof SharedArrayBuffer === "undefined") return `SharedArrayBuffer is not available${inBrowser() ? `; ${ISOLATION}` : ""}`;
  if (inBrowser() && typeof g.Worker !== "function") return "Web Workers are not available here";
  try {
    new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  } catch (e) {
    return `this engine cannot create a shared WebAssembly.Memory (${String(e)})`;
  }
  return undefined;
}

/** The number of logical cores: navigator.hardwareConcurrency, or Node's os.availableParallelism(). */
export async function coreCount(): Promise<number> {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  if (n) return n;
  if (!inBrowser()) {
    const os = await import("node:os");
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  return 1;
}
