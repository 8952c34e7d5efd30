// Web Workers give the bits one thread gives: the threads scenario, bundled with esbuild, runs in
// headless Chromium on a page served cross-origin isolated (COOP/COEP headers: a shared
// WebAssembly.Memory and two threads) and on one served without them (the reported one-thread
// fallback); every hash must equal Node's one-thread hash. Skipped, saying so, without Chromium.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { createEngine, wasmBytes } from "../../src/index.js";
import { createEngineWithThreads } from "../../src/core/engine.js";
import { trainAndHash, type ThreadsResult } from "./threads-scenario.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`Chromium not found at ${CHROMIUM}: the Web Workers test is skipped; install it with apt-get install chromium`);
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-quic", "--disable-sync"];
const ISOLATION = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };

interface PageResult { isolated: boolean; one: ThreadsResult; two: ThreadsResult }
let node: { one: ThreadsResult; two: ThreadsResult };
const pages: Record<string, PageResult> = {};
const pageErrors: string[] = [];
let work: string | undefined;
let server: Server | undefined;
let context: { close(): Promise<void> } | undefined;

async function runInChromium(): Promise<void> {
  const { build } = await import("esbuild");
  const { chromium } = await import("playwright-core");
  work = await mkdtemp(join(tmpdir(), "scratchnet-threads-"));
  const bundle = join(work, "b", "entry.js");
  await build({ entryPoints: [join(here, "threads-entry.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022",
    outfile: bundle, external: ["node:*"], logLevel: "silent" });
  const files: Record<string, { path: string; type: string }> = {
    "/b/entry.js": { path: bundle, type: "text/javascript" },
    "/build/scratchnet.wasm": { path: join(root, "build", "scratchnet.wasm"), type: "application/wasm" },
    "/build/scratchnet.threads.wasm": { path: join(root, "build", "scratchnet.threads.wasm"), type: "application/wasm" },
  };
  const page = `<!doctype html><meta charset="utf-8"><title>scratchnet threads</title><script type="module" src="/b/entry.js"></script>`;
  server = createServer(async (req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    const headers = req.headers.referer?.endsWith("/plain") || url === "/plain" ? {} : ISOLATION;
    if (url === "/isolated" || url === "/plain") { res.writeHead(200, { "content-type": "text/html", ...headers }); res.end(page); return; }
    const file = files[url];
    if (!file) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": file.type, ...headers });
    res.end(await readFile(file.path));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await chromium.launchPersistentContext(join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS });
  context = ctx;
  await ctx.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  for (const name of ["isolated", "plain"]) {
    const tab = await ctx.newPage();
    tab.on("pageerror", (e) => pageErrors.push(`${name}: ${String(e)}`));
    tab.on("console", (m) => { if (m.type() === "error") pageErrors.push(`${name}: ${m.text()}`); });
    await tab.goto(`${origin}/${name}`);
    const handle = await tab.waitForFunction(() => (globalThis as unknown as { __threads?: unknown }).__threads, undefined, { timeout: 60_000 })
      .catch((e: unknown) => { throw new Error(`the ${name} page gave no result: ${String(e)}\npage errors: ${pageErrors.join("\n") || "none"}`); });
    const out = (await handle.jsonValue()) as { ok: boolean; value: unknown };
    if (!out.ok) throw new Error(`the threads scenario failed in Chromium (${name}): ${String(out.value)}`);
    pages[name] = out.value as PageResult;
  }
}

describe("threads in Chromium: Web Workers on a shared memory", () => {
  beforeAll(async () => {
    const two = await createEngineWithThreads({ threads: 2 });
    node = { one: await trainAndHash(createEngine(await wasmBytes())), two: await trainAndHash(two) };
    await two.dispose();
    if (haveChromium) await runInChromium();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("Node: 2 threads give the one-thread hash", () => {
    expect(node.two.threads).toBe(2);
    expect(node.two.byWorkers).toBeGreaterThan(0);
    expect(node.two.sha256).toBe(node.one.sha256);
  });

  it.skipIf(!haveChromium)("a cross-origin isolated page trains on 2 threads (Web Workers) to Node's one-thread hash", () => {
    const r = pages.isolated;
    expect(r.isolated).toBe(true);
    expect(r.two.note).toBeUndefined();
    expect(r.two.threads).toBe(2);
    expect(r.two.byWorkers).toBeGreaterThan(0); // the Web Worker computed part of the products
    expect(r.one.sha256).toBe(node.one.sha256);
    expect(r.two.sha256).toBe(node.one.sha256);
  });

  it.skipIf(!haveChromium)("a page without COOP/COEP falls back to one thread, says why, and gets the same hash", () => {
    const r = pages.plain;
    expect(r.isolated).toBe(false);
    expect(r.two.threads).toBe(1);
    expect(r.two.note).toMatch(/asked for 2 threads, running on 1: the page is not cross-origin isolated; serve the page with the headers Cross-Origin-Opener-Policy/);
    expect(r.two.sha256).toBe(node.one.sha256);
  });

  it.skipIf(!haveChromium)("the pages logged no error", () => {
    expect(pageErrors).toEqual([]);
  });
});
