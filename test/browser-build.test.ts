// The browser builds (issue 5): built here into a temporary folder with esbuild's JS API, then
// measured (core + .wasm, and the one-file core, under 30 KB gzipped), searched for Node-only code, and run.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
// @ts-expect-error: a plain .mjs build script without type declarations
import { buildBrowser } from "../scripts/build-browser.mjs";

type Bundle = "full" | "core" | "inline" | "coreGlobal";
type Built = {
  files: Record<Bundle | "global" | "wasm" | "coreWasm" | "extrasStub", string>; inputs: Record<Bundle, string[]>;
  included: Record<Bundle | "coreExtras", string[]>; coreExtras: Uint8Array;
};
const gzipped = (...files: string[]) => files.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0);
// `import … from "node:x"`, `import "node:x"`, `import("node:x")`, `require("node:x")`, minified or not.
const nodeSpecifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']node:/;

// Train a 2-4-1 network on XOR with the module `load` gives and print its rounded predictions.
const xorScript = (load: string) => `
  const { Sequential, Dense, SGD } = ${load};
  const model = new Sequential([new Dense({ units: 4, activation: "tanh", inputShape: [2] }), new Dense({ units: 1, activation: "sigmoid" })]);
  model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: "binaryCrossentropy" });
  const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
  await model.fit(x, [0, 1, 1, 0], { epochs: 2000, batchSize: 4, verbose: 0 });
  console.log(JSON.stringify(Array.from(model.predict(x).data, Math.round)));`;
// As a browser sees it: no `process`, and fetch() is the only way to the .wasm (file: URLs served from disk here).
const asBrowser = (script: string) => `
  const { readFile } = await import("node:fs/promises");
  const { runInThisContext } = await import("node:vm");
  const fetchUrl = globalThis.fetch, fetchedUrls = [];
  globalThis.fetch = async (url) => {
    fetchedUrls.push(String(url));
    return new URL(url).protocol === "file:" ? new Response(await readFile(new URL(url))) : fetchUrl(url);
  };
  delete globalThis.process;
  ${script}
  console.log(JSON.stringify(fetchedUrls));`;
const run = (script: string) => execFileSync(process.execPath, ["--input-type=module"], { input: script, encoding: "utf8" }).trim().split("\n");

describe("browser builds", () => {
  let dir: string;
  let built: Built;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "scratchnet-browser-"));
    built = await buildBrowser(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Measured 2026-12-02 (KB = 1024 B, level 9): core + scratchnet-core.wasm 30,612 B (22,598 + 8,014), the one-file core
  // 30,479 B; core + extras on scratchnet.wasm 41,113 B; the full barrel + scratchnet.wasm 84,192 B.
  it("keeps the Keras-style core with its .wasm (scratchnet-core.wasm) under 30 KB, minified and gzipped", () => {
    expect(gzipped(built.files.core, built.files.coreWasm)).toBeLessThan(30 * 1024);
  });

  it("leaves scratchnet/extras' modules out of core's bundle; core + extras has them", () => {
    const extras = new RegExp("src/(extras|layers/(batch-normalization|leaky-relu)|optimizers/(adagrad|adadelta|adamax|adamw|schedules)"
      + "|callbacks/(early-stopping|learning-rate)|models/(gradient-check|confusion))");
    for (const name of ["core", "coreGlobal"] as const) expect(built.included[name].filter((f) => extras.test(f)), name).toEqual([]);
    expect(built.included.coreExtras.filter((f) => extras.test(f)).length).toBeGreaterThanOrEqual(12);
    expect(built.included.coreExtras).toEqual(expect.arrayContaining(built.included.core));
  });

  it("keeps the one-file core, its .wasm packed inside, under 30 KB gzipped as served", () => {
    expect(gzipped(built.files.coreGlobal)).toBeLessThan(30 * 1024);
    expect(built.inputs.coreGlobal.filter((f) => f.startsWith("src/")).sort()).toEqual(built.inputs.core.filter((f) => f.startsWith("src/")).sort());
  });

  it("leaves Node-only modules out and no node: import in any bundle", () => {
    const nodeOnly = /src\/(node\.ts|data\/mnist-node\.ts|io\/layers-model-node\.ts|course\/sample-weight\.ts|plot\/png-node\.ts|cli\/)/;
    for (const name of ["full", "core", "inline", "coreGlobal"] as const) {
      expect(built.inputs[name].filter((f) => nodeOnly.test(f)), name).toEqual([]);
      expect(readFileSync(built.files[name], "utf8"), name).not.toMatch(nodeSpecifier);
    }
    expect(readFileSync(built.files.global, "utf8")).not.toMatch(nodeSpecifier);
  });

  it("inlines the .wasm in the single-file build, and fetches it from beside the others", () => {
    const base64 = readFileSync(built.files.wasm).toString("base64");
    for (const name of ["inline", "global"] as const) {
      expect(readFileSync(built.files[name], "utf8"), name).toContain(`data:application/wasm;base64,${base64}`);
    }
    for (const name of ["full", "core"] as const) {
      const text = readFileSync(built.files[name], "utf8");
      expect(text).toContain(`new URL("./${basename(built.files[name === "core" ? "coreWasm" : "wasm"])}",import.meta.url)`);
      expect(text).not.toContain(base64.slice(0, 64));
    }
  });

  it("packs scratchnet-core.wasm, byte for byte, as the one-file core's last argument: base64 of gzip", () => {
    const text = readFileSync(built.files.coreGlobal, "utf8");
    const packed = /\}\)\("([A-Za-z0-9+/]+=*)"\);\n$/.exec(text)?.[1];
    expect(packed).toBeDefined();
    expect(gunzipSync(Buffer.from(packed!, "base64")).equals(readFileSync(built.files.coreWasm))).toBe(true);
    expect(text).not.toContain("data:application/wasm");
    expect(text).toMatch(/^[\x09\x0a\x20-\x7e]*$/); // ASCII: no charset can misread it
  });

  it("names the classic scripts in package.json's exports: scratchnet/global and scratchnet/core/global", () => {
    const { exports } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(exports["./global"]).toBe(`./dist/browser/${basename(built.files.global)}`);
    expect(exports["./core/global"]).toBe(`./dist/browser/${basename(built.files.coreGlobal)}`);
  });

  it("the core module build fetches scratchnet-core.wasm beside itself and learns XOR with no process object", () => {
    const [predictions, fetched] = run(asBrowser(xorScript(`await import(${JSON.stringify(pathToFileURL(built.files.core).href)})`)));
    expect(JSON.parse(predictions)).toEqual([0, 1, 1, 0]);
    expect(JSON.parse(fetched)).toEqual([pathToFileURL(built.files.coreWasm).href]);
  });

  it("core alone refuses the extras' names, saying where they are", () => {
    const [messages] = run(asBrowser(`
      const { Sequential, Dense, ModelError } = await import(${JSON.stringify(pathToFileURL(built.files.core).href)});
      const tries = [() => new Dense({ units: 2, activation: "gelu", inputShape: [2] }),
        () => new Dense({ units: 2, kernelInitializer: "heUniform" }),
        ...[{ loss: "huber" }, { optimizer: "adagrad" }, { metrics: ["precision"] }].map((o) => () =>
          new Sequential([new Dense({ units: 2, inputShape: [2] })]).compile({ optimizer: "sgd", loss: "meanSquaredError", ...o }))];
      const outcome = (t) => { try { t(); return "accepted"; } catch (e) { return (e instanceof ModelError) + " " + e.message; } };
      console.log(JSON.stringify(tries.map(outcome)));`));
    const refusals = JSON.parse(messages) as string[];
    expect(refusals).toHaveLength(5);
    const names = ["activation 'gelu'", "initializer 'heUniform'", "loss 'huber'", "optimizer 'adagrad'", "metric 'precision'"];
    for (const [i, what] of names.entries()) {
      const where = "the others are in the full build: import 'scratchnet' or 'scratchnet/extras'";
      expect(refusals[i]).toMatch(new RegExp(`^true unknown ${what}.*${where}`));
    }
  });

  it("core + extras in one bundle, on scratchnet.wasm, trains with the extras' names; extras for the browser condition refuses", () => {
    const file = join(dir, "core-extras.js");
    writeFileSync(file, built.coreExtras);
    const [result, fetched] = run(asBrowser(`
      const { Sequential, Dense, BatchNormalization } = await import(${JSON.stringify(pathToFileURL(file).href)});
      const model = new Sequential([new Dense({ units: 4, activation: "gelu", kernelInitializer: "heUniform", inputShape: [2] }),
        new BatchNormalization(), new Dense({ units: 1, activation: "sigmoid" })]);
      model.compile({ optimizer: "adagrad", loss: "huber", metrics: ["precision"] });
      const h = await model.fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], { epochs: 3, batchSize: 4, verbose: 0 });
      console.log(JSON.stringify(Object.keys(h.history).concat(h.history.loss.every(Number.isFinite))));`));
    expect(JSON.parse(result)).toEqual(["loss", "precision", true]);
    expect(JSON.parse(fetched)).toEqual([pathToFileURL(built.files.wasm).href]);
    const importStub = `await import(${JSON.stringify(pathToFileURL(built.files.extrasStub).href)})`;
    expect(() => execFileSync(process.execPath, ["--input-type=module"], { input: importStub, stdio: "pipe" }))
      .toThrow(/scratchnet\/extras cannot add to the prebuilt scratchnet\/core browser build.*import from 'scratchnet' instead/);
  });

  it("the single-file builds need nothing beside them, as a module and as a classic script", () => {
    rmSync(built.files.wasm); // the last test: nothing else reads it
    const asModule = `await import(${JSON.stringify(pathToFileURL(built.files.inline).href)})`;
    const asClassic = `(runInThisContext(await readFile(${JSON.stringify(built.files.global)}, "utf8")), await globalThis.scratchnet)`;
    for (const load of [asModule, asClassic]) {
      const [predictions, fetched] = run(asBrowser(xorScript(load)));
      expect(JSON.parse(predictions)).toEqual([0, 1, 1, 0]);
      expect(JSON.parse(fetched)).toHaveLength(1);
      expect(JSON.parse(fetched)[0]).toMatch(/^data:application\/wasm;base64,/);
    }
    // The one-file core sets the same global from its own bytes, with no fetch at all.
    const [predictions, fetched] = run(asBrowser(xorScript(`(runInThisContext(await readFile(${JSON.stringify(built.files.coreGlobal)}, "utf8")), await globalThis.scratchnet)`)));
    expect(JSON.parse(predictions)).toEqual([0, 1, 1, 0]);
    expect(JSON.parse(fetched)).toEqual([]);
  });
});
