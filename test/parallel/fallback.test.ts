// Where threads cannot run, the engine runs on one thread and says why (engine.threadsNote and
// one console.info line); "auto" takes every core; disposing ends the workers so Node can exit.
import { describe, it, expect, vi, afterEach } from "vitest";
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { createEngineWithThreads } from "../../src/core/engine.js";
import { threadsUnavailable } from "../../src/parallel/support.js";
import { ModelError } from "../../src/index.js";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("threads: fallback and lifecycle", () => {
  it("without SharedArrayBuffer: one thread, the reason in threadsNote and on the console", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    vi.stubGlobal("SharedArrayBuffer", undefined);
    expect(threadsUnavailable()).toMatch(/SharedArrayBuffer is not available/);
    const engine = await createEngineWithThreads({ threads: 2 });
    expect(engine.threads).toBe(1);
    expect(engine.threadsNote).toMatch(/asked for 2 threads, running on 1: SharedArrayBuffer is not available/);
    expect(info).toHaveBeenCalledTimes(1);
    expect(String(info.mock.calls[0][0])).toContain(engine.threadsNote);
  });

  it("without the threaded module: one thread, and the note names the file that could not be read", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const engine = await createEngineWithThreads({ threads: 3, threadsWasm: new URL("file:///nonexistent/scratchnet.threads.wasm") });
    expect(engine.threads).toBe(1);
    expect(engine.threadsNote).toMatch(/asked for 3 threads, running on 1: .*nonexistent/);
    expect(info).toHaveBeenCalledTimes(1);
  });

  it("one thread asked: no note, no message", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    const engine = await createEngineWithThreads({ threads: 1 });
    expect(engine.threads).toBe(1);
    expect(engine.threadsNote).toBeUndefined();
    expect(info).not.toHaveBeenCalled();
  });

  it('"auto" takes every logical core; dispose ends the workers and may be called twice', async () => {
    const engine = await createEngineWithThreads({ threads: "auto" });
    const cores = availableParallelism();
    expect(engine.threads).toBe(cores);
    if (cores > 1) expect(engine.k.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    await engine.dispose();
    await engine.dispose();
  });

  it("bad thread counts are refused with the accepted values named", async () => {
    await expect(createEngineWithThreads({ threads: 0 })).rejects.toThrow(ModelError);
    await expect(createEngineWithThreads({ threads: 1.5 })).rejects.toThrow(/positive integer or "auto"/);
  });

  it("a process that trains on threads and never disposes still exits", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const script = `
      import { init, Sequential, Dense } from "./src/index.js";
      const engine = await init({ threads: 2 });
      const model = new Sequential({ seed: 1 });
      model.add(new Dense({ units: 300, activation: "relu", inputShape: [400] }));
      model.add(new Dense({ units: 2, activation: "softmax" }));
      model.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy" });
      const x = Array.from({ length: 64 }, (_, i) => Array.from({ length: 400 }, (_, j) => ((i * 7 + j) % 13) / 13));
      await model.fit(x, x.map((_, i) => i % 2), { epochs: 1, batchSize: 64, verbose: 0 });
      console.log("threads", engine.threads);`;
    const out = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(out.stderr).not.toMatch(/Error/);
    expect(out.status).toBe(0);
    expect(out.stdout.trim()).toBe("threads 2");
  });
});
