// Browser entry bundled by io.browser.test.ts: runs the save/load scenario and leaves its
// results (or the error) on globalThis for the test to read.
import { runIoScenario } from "./io-scenario.js";

const g = globalThis as unknown as { __io?: { ok: boolean; value: unknown } };
runIoScenario("/m/model.json").then(
  (value) => { g.__io = { ok: true, value }; },
  (e: unknown) => { g.__io = { ok: false, value: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }; },
);
