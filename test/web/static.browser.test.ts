// The static build (scripts/build-web.mjs's dist/web, built into a temporary folder) in headless
// Chromium: served as plain files (nothing made on request), every page loads with no console
// error and works; and opened from file:// with no server at all, a lesson page trains a tiny
// model through dist/browser/scratchnet.global.js (the classic-script build with the .wasm inlined:
// Chromium refuses module scripts from file:// pages, so the ES module builds cannot work there),
// and a bare page trains a model through the one-file core, scratchnet-core.global.js.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { haveChromium, openBrowser, skipMessage, type Browser } from "./harness.js";
import { LESSONS, lessonState } from "./lessons.js";

if (!haveChromium) console.warn(skipMessage);

let browser: Browser | undefined;
/** Wait for the page's web fonts (the Hangul font), so that leaving the page aborts no request. */
const fontsLoaded = () => browser!.page.evaluate(() => document.fonts.ready.then(() => undefined));
const check = Object.fromEntries(LESSONS);

describe.skipIf(!haveChromium)("dist/web, the static build, in Chromium", () => {
  beforeAll(async () => { browser = await openBrowser({ staticBuild: true }); }, 60_000);
  afterAll(async () => browser?.close());

  it("holds the pages, the library, the model and the lessons' data as plain files", () => {
    const dir = browser!.webDir!;
    for (const file of ["index.html", "digit.html", "playground.html", "lessons/index.html", "lessons/lesson.js", "lib/scratchnet.js", "lib/scratchnet.global.js",
      "lib/scratchnet.wasm", "models/mnist-784-50-100-10/weights.bin", "data/breast_cancer.csv", "data/mnist/train-images-idx3-ubyte", "fonts/NanumBarunGothic.woff2",
      "data/deep-learning-from-scratch/sample_weight.pkl", "data/deep-learning-from-scratch/LICENSE.md"]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
  });

  it("served as static files: the index, the digit page and the playground load and work, no console error", async () => {
    const { page, origin } = browser!;
    await page.goto(`${origin}/index.html`);
    await fontsLoaded();
    await page.goto(`${origin}/digit.html`);
    await page.waitForFunction(() => (globalThis as unknown as { __digitReady?: boolean }).__digitReady, undefined, { timeout: 60_000 });
    await page.goto(`${origin}/playground.html`);
    // Training started: the module worker and the ES build with its .wasm loaded from the static files.
    await page.waitForFunction(() => ((globalThis as unknown as { __playground?: { epoch: number } }).__playground?.epoch ?? 0) > 0, undefined, { timeout: 60_000 });
    expect(browser!.errors).toEqual([]);
  }, 120_000);

  it("served as static files: a lesson reads its data files and finishes", async () => {
    const { page, origin } = browser!;
    await page.goto(`${origin}/lessons/index.html`);
    await fontsLoaded();
    await page.goto(`${origin}/lessons/04-logistic-to-multiclass.html`);
    const s = await lessonState(browser!);
    expect(s.error).toBeNull();
    check["04-logistic-to-multiclass"](s.results);
    expect(browser!.errors).toEqual([]);
  }, 90_000);

  it("from file://, no server: lesson 3 trains DeepNeuralNet on XOR with scratchnet.global.js", async () => {
    const { page } = browser!;
    const url = pathToFileURL(join(browser!.webDir!, "lessons", "03-deep-neural-net.html")).href;
    await page.goto(url);
    const s = await lessonState(browser!);
    expect(s.error).toBeNull();
    check["03-deep-neural-net"](s.results);
    expect(await page.locator("#pictures svg").count()).toBe(1);
    await browser!.screenshot("file-lesson-03-deep-neural-net.png");
    // Clicking Run trains again, in the same tab, with the same seed: the same results.
    await page.click("#run");
    await page.waitForFunction(() => (globalThis as unknown as { __lesson: { runs: number; done: boolean } }).__lesson.runs === 2);
    const again = await page.evaluate(() => (globalThis as unknown as { __lesson: { results: unknown; done: boolean } }).__lesson);
    expect(again.done).toBe(true);
    expect(again.results).toEqual(s.results);
    expect(browser!.errors).toEqual([]);
  }, 90_000);

  it("from file://, a page with only scratchnet-core.global.js trains a model and requests nothing else", async () => {
    const { page } = browser!;
    // No <meta charset>: the script is ASCII, so the page's encoding cannot garble the packed .wasm.
    const html = join(browser!.webDir!, "core-global.html");
    writeFileSync(html, `<!doctype html><title>core</title><script src="lib/scratchnet-core.global.js"></script>`);
    const requests: string[] = [];
    const onRequest = (r: { url(): string }) => requests.push(r.url());
    page.on("request", onRequest);
    await page.goto(pathToFileURL(html).href);
    const predictions = await page.evaluate(async () => {
      type Core = typeof import("../../src/core-entry.js");
      const { Sequential, Dense, SGD } = await (globalThis as unknown as { scratchnet: Promise<Core> }).scratchnet;
      const model = new Sequential([new Dense({ units: 4, activation: "tanh", inputShape: [2] }), new Dense({ units: 1, activation: "sigmoid" })]);
      model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: "binaryCrossentropy" });
      const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
      await model.fit(x, [0, 1, 1, 0], { epochs: 2000, batchSize: 4, verbose: 0 });
      return Array.from(model.predict(x).data, Math.round);
    });
    page.off("request", onRequest);
    expect(predictions).toEqual([0, 1, 1, 0]);
    expect(requests).toEqual([pathToFileURL(html).href, pathToFileURL(join(browser!.webDir!, "lib", "scratchnet-core.global.js")).href]);
    expect(browser!.errors).toEqual([]);
  }, 60_000);

  it("from file://, a lesson that needs data says to serve it, and how", async () => {
    const { page } = browser!;
    await page.goto(pathToFileURL(join(browser!.webDir!, "lessons", "05-keras-models.html")).href);
    const s = await lessonState(browser!);
    expect(s.error).toMatch(/npm run serve/);
    expect(await page.locator("#status").textContent()).toMatch(/^error: .*npm run serve/);
    browser!.errors.length = 0; // the refusal is logged as a console error on purpose
  }, 90_000);
});
