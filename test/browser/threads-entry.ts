// Browser entry bundled by threads.browser.test.ts: trains the threads scenario on one thread
// and on init({ threads: 2 }) (Web Workers over a shared memory when the page is cross-origin
// isolated, else the reported one-thread fallback) and leaves the results on globalThis.
import { createEngine, wasmBytes } from "../../src/index.js";
import { createEngineWithThreads } from "../../src/core/engine.js";
import { trainAndHash, type ThreadsResult } from "./threads-scenario.js";

const g = globalThis as unknown as { __threads?: { ok: boolean; value: unknown } };
async function run(): Promise<{ isolated: boolean; one: ThreadsResult; two: ThreadsResult }> {
  const one = await trainAndHash(createEngine(await wasmBytes()));
  const engine = await createEngineWithThreads({ threads: 2 });
  const two = await trainAndHash(engine);
  await engine.dispose();
  return { isolated: globalThis.crossOriginIsolated === true, one, two };
}
run().then(
  (value) => { g.__threads = { ok: true, value }; },
  (e: unknown) => { g.__threads = { ok: false, value: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }; },
);
