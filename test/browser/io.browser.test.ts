// save → load round trips in headless Chromium (playwright-core): localstorage:// and
// indexeddb:// give back the same weights, predictions and Adam state, and training resumes bit
// for bit; a copy saved by Node loads over http; downloads:// delivers name.json and
// name.weights.bin, which load back in Node. Skipped, saying so, when no Chromium is found.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { loadModel } from "../../src/io/load-model.js";
import { DOWNLOAD_NAME, sha256, trainedModel, weightsOf, type IoScenarioResult } from "./io-scenario.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Chromium not found at ${CHROMIUM}: browser save/load tests skipped; install it with apt-get install chromium`);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-quic", "--disable-sync"];

let work = "";
let server: Server | undefined;
let context: { close(): Promise<void> } | undefined;
let nodeHash = "";
let browser: IoScenarioResult | undefined;
const downloads: Record<string, Uint8Array> = {};
const pageErrors: string[] = [];

async function runInChromium(): Promise<IoScenarioResult> {
  const { build } = await import("esbuild");
  const { chromium } = await import("playwright-core");
  const bundle = join(work, "b", "entry.js");
  await build({ entryPoints: [join(here, "io-entry.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022",
    outfile: bundle, external: ["node:*"], logLevel: "silent" });
  const model = await trainedModel(2); // the copy the page loads over http
  await model.save(join(work, "m"));
  model.dispose();
  const files: Record<string, [string, string]> = {
    "/b/entry.js": [bundle, "text/javascript"],
    "/build/scratchnet.wasm": [join(root, "build", "scratchnet.wasm"), "application/wasm"],
    "/m/model.json": [join(work, "m", "model.json"), "application/json"],
    "/m/weights.bin": [join(work, "m", "weights.bin"), "application/octet-stream"],
  };
  server = createServer(async (req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    if (url === "/") return res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><meta charset="utf-8"><title>scratchnet io</title><script type="module" src="/b/entry.js"></script>`);
    const file = files[url];
    if (!file) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": file[1] }).end(await readFile(file[0]));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await chromium.launchPersistentContext(join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS, acceptDownloads: true });
  context = ctx;
  await ctx.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  const tab = ctx.pages()[0] ?? (await ctx.newPage());
  tab.on("pageerror", (e) => pageErrors.push(String(e)));
  tab.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
  const saved: Promise<void>[] = [];
  tab.on("download", (d) => saved.push(d.path().then(async (p) => { downloads[d.suggestedFilename()] = new Uint8Array(await readFile(p)); })));
  await tab.goto(`${origin}/`);
  const handle = await tab.waitForFunction(() => (globalThis as unknown as { __io?: unknown }).__io, undefined, { timeout: 30_000 })
    .catch((e: unknown) => { throw new Error(`the page gave no result: ${String(e)}\npage errors: ${pageErrors.join("\n") || "none"}`); });
  const out = (await handle.jsonValue()) as { ok: boolean; value: unknown };
  if (!out.ok) throw new Error(`the scenario failed in Chromium: ${String(out.value)}`);
  for (let i = 0; i < 50 && saved.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100)); // download events trail the page
  await Promise.all(saved);
  return out.value as IoScenarioResult;
}

describe("save → load in Chromium", () => {
  beforeAll(async () => {
    const model = await trainedModel(2);
    nodeHash = await sha256(weightsOf(model));
    model.dispose();
    work = await mkdtemp(join(tmpdir(), "scratchnet-io-browser-"));
    if (haveChromium) browser = await runInChromium();
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.skipIf(!haveChromium)("the page trained the same bits as Node", () => {
    expect(browser!.sha256).toBe(nodeHash);
  });

  for (const route of ["localstorage://scratchnet-io", "indexeddb://scratchnet-io"]) {
    it.skipIf(!haveChromium)(`${route}: identical weights, predictions and Adam state; 2 + 2 epochs across the save == 4`, () => {
      const r = browser!.routes.find((x) => x.route === route)!;
      expect(r).toEqual({ route, sameWeights: true, samePredictions: true, sameOptimizerState: true, iterations: 6, resumedExactly: true });
    });
  }

  it.skipIf(!haveChromium)("localStorage uses TensorFlow.js' keys (tensorflowjs_models/<name>/...)", () => {
    expect(browser!.tfjsKeys).toBe(true);
  });

  it.skipIf(!haveChromium)("a relative URL: model.json and weights.bin saved by Node, fetched by the page", () => {
    expect(browser!.routes.find((x) => x.route === "/m/model.json")).toEqual({ route: "/m/model.json", sameWeights: true, samePredictions: true, sameOptimizerState: true, iterations: 6 });
  });

  it.skipIf(!haveChromium)("downloads:// delivers name.json and name.weights.bin, which load back in Node", async () => {
    expect(Object.keys(downloads).sort()).toEqual([`${DOWNLOAD_NAME}.json`, `${DOWNLOAD_NAME}.weights.bin`]);
    const modelJson = new TextDecoder().decode(downloads[`${DOWNLOAD_NAME}.json`]);
    expect(JSON.parse(modelJson).weightsManifest[0].paths).toEqual([`./${DOWNLOAD_NAME}.weights.bin`]);
    const loaded = await loadModel({ modelJson, weights: downloads[`${DOWNLOAD_NAME}.weights.bin`] });
    expect(await sha256(weightsOf(loaded))).toBe(nodeHash);
    loaded.dispose();
  });

  it.skipIf(!haveChromium)("the page logged no error", () => {
    expect(pageErrors).toEqual([]);
  });
});
