// Browser entry bundled by determinism.browser.test.ts: runs the shared scenario and leaves its
// results (or the error) on globalThis for the test to read.
import { runScenarios } from "./scenario.js";

const g = globalThis as unknown as { __determinism?: { ok: boolean; value: unknown } };
runScenarios().then(
  (value) => { g.__determinism = { ok: true, value }; },
  (e: unknown) => { g.__determinism = { ok: false, value: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) }; },
);
