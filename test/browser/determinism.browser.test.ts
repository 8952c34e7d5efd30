// The same seed and data give bit-identical weights after training in Node and in Chromium: the
// shared scenario (twelve small networks) runs here and, bundled with esbuild, in headless Debian
// Chromium driven by playwright-core; the SHA-256 of each network's weight bytes must match, and
// Node's must equal the pinned constants so that a drift in the kernels is caught too.
// Skipped, with a message saying so, when no Chromium is found (CHROMIUM_PATH or /usr/bin/chromium).
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { runScenarios, type ScenarioResult } from "./scenario.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`Chromium not found at ${CHROMIUM}: browser tests skipped; install it with apt-get install chromium`);
}
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-quic", "--disable-sync"];

/** Node's hashes of the scenario: any change to the kernels, initialisers or shuffling shows up here. */
// Changed with issue 7: sigmoid, tanh and softmax now use assembly/math/ (f32x4 exp/tanh) instead of Mathf.
// Changed with issue 12: relu and softmax train with Adam, which now follows TensorFlow.js's update.
const PINNED: Record<string, string> = {
  sigmoid: "150f2f0f53360e637e4a88066c164dc9704f208032022f15ec86d7bab39da05e",
  tanh: "1de38f03304d47de8d4b8ad452a275ea80f7b38357cec44c67c7913bbb1ce99d",
  relu: "84cb631e36157bee176c6cede01b6c66b61ed65ce50eb3fe3ace1b6e473df88f",
  softmax: "5665d2acb0eb9e6a097109dfab4ea1422fe3e0d5d890e473d71c9b27bf8d7644",
  // Added with issue 14: one network per new optimizer kernel, and the schedules' pow and cos.
  nesterov: "1754051d0101fd489e6be70399d2f9dbc1a697af27ce18859125afab81cf9cda",
  rmsprop: "046dfe058944b507c3dd8f08875208ace9c9e1e4ca8bfbad048ad5e3ef758f1c",
  adagrad: "b758f8226a791a1dce2a5cab7983dec7007059cfea4077a452e26da4774349f0",
  adadelta: "c22b64d5660fda2b2a85322ecd0bb0adba1fb8b3e995211481a62e702af3424c",
  adamax: "849fc85a1e174070b1f4b9c83391528991921dc2883ac9bb9d3a26dc038b864d",
  adamw: "3ba6062bcd05cf5f333b79038b79d165462953bfe3da09e4777fab466452bffa",
  exponentialDecay: "9e483e7cc48890ede2c02e359b9bb0af855068ae03ad3e9bbeca6d9e5ecbc8ac",
  cosineDecay: "1b9978fa7c34eebb5679f42fafa71c59df8fb31d2cd0ecd3468ac33879b2b78e",
  // Issue 14: Dense → LeakyReLU → Dropout (seeded) → Dense → Dropout (from the model's seed, noiseShape [1, 8]) → Dense, Adam.
  dropout: "cb22b99b330160d219152891d34b4f7c5685908d03534c011d8cf7947b54f23e",
  // added with issue 14: orthogonal, heNormal, leCunUniform
  initializers: "5320a6b6b5ab6e1a6dc0cd8898c661f4feea87b627f9c589d483a589f4f502d9",
  // Issue 14: BatchNormalization → Dense(relu) → BatchNormalization → Dense(softmax), Adam; weights, moving statistics and predictions.
  batchnorm: "1fd48c9dd1ec0033640c74f08ccd2b810e3527da878ff4db9e4ecec250f0c8a7",
  activations14: "84df870f4d2406f53ea80ef7f30fcc1dd2c975367588409a1f48383a3d487579", // issue 14: elu … gelu, a layer each
  logcosh14: "f4aa3c8593b9d9bc4d8ea6fa723b8e8eb83d9c00da0d3c0b6f458e0124641fd9", // issue 14: the per-element loss kernel
  // Issue 15: im2col · GEMM · col2im bytes (test/browser/conv-scenario.ts), 'same' stride 2 and 'valid' 5×5; Node, im2col branch.
  im2col15: "5a6442d42137a89a436352ecb4d0662825f15fb39b512c54aa72b9408232512a",
};
const NAMES = Object.keys(PINNED);

let nodeResults: ScenarioResult[] = [];
let browserResults: ScenarioResult[] = [];
let work: string | undefined;
let server: Server | undefined;
let context: { close(): Promise<void> } | undefined;
const pageErrors: string[] = [];

/** Bundle the entry, serve it with the .wasm on 127.0.0.1, run it in Chromium, read the results. */
async function runInChromium(): Promise<ScenarioResult[]> {
  const { build } = await import("esbuild");
  const { chromium } = await import("playwright-core");
  work = await mkdtemp(join(tmpdir(), "scratchnet-browser-"));
  const bundle = join(work, "b", "entry.js");
  // node:* imports sit behind runtime checks in src/ and never run in a page.
  await build({ entryPoints: [join(here, "entry.ts")], bundle: true, format: "esm", platform: "browser", target: "es2022",
    outfile: bundle, external: ["node:*"], logLevel: "silent" });
  const files: Record<string, { path: string; type: string }> = {
    "/b/entry.js": { path: bundle, type: "text/javascript" },
    // The bundle's import.meta.url is /b/entry.js, so the library fetches ../build/scratchnet.wasm.
    "/build/scratchnet.wasm": { path: join(root, "build", "scratchnet.wasm"), type: "application/wasm" },
  };
  const page = `<!doctype html><meta charset="utf-8"><title>scratchnet determinism</title><script type="module" src="/b/entry.js"></script>`;
  server = createServer(async (req, res) => {
    const url = (req.url ?? "/").split("?")[0];
    const file = files[url];
    if (url === "/") { res.writeHead(200, { "content-type": "text/html" }); res.end(page); return; }
    if (!file) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "content-type": file.type });
    res.end(await readFile(file.path));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await chromium.launchPersistentContext(join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS });
  context = ctx;
  await ctx.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
  const tab = ctx.pages()[0] ?? await ctx.newPage();
  tab.on("pageerror", (e) => pageErrors.push(String(e)));
  tab.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });
  await tab.goto(`${origin}/`);
  const handle = await tab.waitForFunction(() => (globalThis as unknown as { __determinism?: unknown }).__determinism, undefined, { timeout: 20_000 })
    .catch((e: unknown) => { throw new Error(`the page gave no result: ${String(e)}\npage errors: ${pageErrors.join("\n") || "none"}`); });
  const out = (await handle.jsonValue()) as { ok: boolean; value: unknown };
  if (!out.ok) throw new Error(`the scenario failed in Chromium: ${String(out.value)}`);
  return out.value as ScenarioResult[];
}

describe("bit-identical training in Node and Chromium", () => {
  beforeAll(async () => {
    nodeResults = await runScenarios();
    if (haveChromium) browserResults = await runInChromium();
    await mkdir(join(root, "out"), { recursive: true });
    await writeFile(join(root, "out", "determinism.json"), JSON.stringify({ chromium: haveChromium ? CHROMIUM : null, node: nodeResults, browser: browserResults }, null, 2) + "\n");
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (work) await rm(work, { recursive: true, force: true });
  });

  for (const name of NAMES) {
    it(`${name}: Node's weight hash is the pinned one`, () => {
      const r = nodeResults.find((x) => x.name === name)!;
      expect(Number.isFinite(r.loss)).toBe(true);
      expect(r.sha256).toBe(PINNED[name]);
    });

    it.skipIf(!haveChromium)(`${name}: Chromium's weight hash equals Node's`, () => {
      const b = browserResults.find((x) => x.name === name);
      const n = nodeResults.find((x) => x.name === name)!;
      expect(b, `no ${name} result from Chromium`).toBeDefined();
      expect(b!.weights).toBe(n.weights);
      expect(b!.sha256).toBe(n.sha256);
      expect(b!.loss).toBe(n.loss);
    });
  }

  it.skipIf(!haveChromium)("the page logged no error", () => {
    expect(pageErrors).toEqual([]);
  });
});
