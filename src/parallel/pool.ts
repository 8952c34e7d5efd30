// Start the worker threads: Node's worker_threads, or a browser's Web Workers, each running
// protocol.ts's workerSource. The promise resolves once every worker has instantiated the module,
// so no instantiation (which writes the module's constant data segments) overlaps a kernel.
import { workerSource } from "./protocol.js";
import { ModelError } from "../core/errors.js";

export interface WorkerInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  control: number;
  id: number;
  scratch: number;
}

/** What the engine keeps of a started worker: a way to end it. */
export interface WorkerHandle {
  terminate(): Promise<unknown> | void;
}

interface Reply { ready?: boolean; error?: string; stopped?: boolean }

const isNode = (): boolean => typeof process !== "undefined" && !!process.versions?.node && typeof (globalThis as { window?: unknown }).window === "undefined";

/** Start one worker per entry of `inits` and wait until all are ready. */
export async function startWorkers(inits: WorkerInit[]): Promise<WorkerHandle[]> {
  return isNode() ? startNode(inits) : startBrowser(inits);
}

async function startNode(inits: WorkerInit[]): Promise<WorkerHandle[]> {
  const { Worker } = await import("node:worker_threads");
  const workers = inits.map(() => new Worker(workerSource, { eval: true }));
  try {
    await Promise.all(workers.map((worker, i) => new Promise<void>((resolve, reject) => {
      worker.on("message", (m: Reply) => {
        if (m.ready) resolve();
        // After ready, a kernel's error is reported here; the host's Team.wait throws for it.
        if (m.error) { console.error(`scratchnet worker ${i}: ${m.error}`); reject(new ModelError(`worker ${i} could not start: ${m.error}`)); }
      });
      worker.on("error", (e) => {
        console.error(`scratchnet worker ${i} died: ${String(e)}`);
        reject(new ModelError(`worker ${i} could not start: ${String(e)}`));
      });
      worker.postMessage(inits[i]);
    })));
  } catch (e) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw e;
  }
  // A worker blocked in Atomics.wait must not keep Node alive if the engine is never disposed.
  for (const w of workers) w.unref();
  return workers;
}

async function startBrowser(inits: WorkerInit[]): Promise<WorkerHandle[]> {
  const url = URL.createObjectURL(new Blob([workerSource], { type: "text/javascript" }));
  const workers = inits.map(() => new Worker(url));
  try {
    await Promise.all(workers.map((worker, i) => new Promise<void>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<Reply>) => {
        if (e.data.ready) resolve();
        if (e.data.error) { console.error(`scratchnet worker ${i}: ${e.data.error}`); reject(new ModelError(`worker ${i} could not start: ${e.data.error}`)); }
      };
      worker.onerror = (e) => reject(new ModelError(`worker ${i} could not start: ${e.message}`));
      worker.postMessage(inits[i]);
    })));
  } catch (e) {
    for (const w of workers) w.terminate();
    throw e;
  } finally {
    URL.revokeObjectURL(url);
  }
  return workers;
}
