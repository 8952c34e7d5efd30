// The engines the threaded tests compare: the one-thread module, and threaded engines on 2 and 3
// threads over shared memory (made before the file's tests, ended after them).
import { beforeAll, afterAll } from "vitest";
import { createEngine, wasmBytes, type Engine } from "../../src/index.js";
import { createParallelEngine, teamOf } from "../../src/parallel/engine.js";

/** Call at a test file's top level; `one` and `teams` are filled in before its tests run. */
export function threadedEngines(): { one: Engine; teams: Engine[] } {
  const engines = { one: undefined as unknown as Engine, teams: [] as Engine[] };
  beforeAll(async () => {
    engines.one = createEngine(await wasmBytes());
    const bytes = await wasmBytes(new URL("../../build/scratchnet.threads.wasm", import.meta.url));
    engines.teams.push(await createParallelEngine(bytes, { threads: 2 }), await createParallelEngine(bytes, { threads: 3 }));
  });
  afterAll(async () => {
    for (const e of engines.teams) await e.dispose();
  });
  return engines;
}

/**
 * Run `once` (at least once) until `team`'s workers have computed a chunk, for up to `seconds`.
 * A sleeping worker may need many calls to wake in time to claim one when the machine is loaded
 * (CI on 2 busy cores once needed more than 100 small calls), so the bound is time, not a count.
 */
export function repeatUntilWorkersJoin(team: Engine, once: () => void, seconds = 30): void {
  const state = teamOf(team)!, before = state.chunksByWorkers, until = performance.now() + seconds * 1000;
  do once();
  while (state.chunksByWorkers === before && performance.now() < until);
}
