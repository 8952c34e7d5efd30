// The playground (examples/web/playground.html) in headless Chromium: settings from the URL, training
// in a Web Worker; the loss falls on XOR and on spirals and the decision regions fit the points
// (training accuracy), the page stays responsive, no console error; out/screenshots/playground.png.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { haveChromium, openBrowser, skipMessage, type Browser } from "./harness.js";

if (!haveChromium) console.warn(skipMessage);

type State = { epoch: number; loss: number; accuracy: number; done: boolean; losses: number[]; fps: number };
let browser: Browser | undefined;

/** Open the page with `query`, wait for training to finish, return the page's state. */
async function trainWith(query: string): Promise<State> {
  const { page } = browser!;
  await page.goto(`${browser!.origin}/playground.html?${query}`);
  const handle = await page.waitForFunction(() => {
    const s = (globalThis as unknown as { __playground?: State }).__playground;
    return s?.done ? s : undefined;
  }, undefined, { timeout: 90_000 }); // bounded by epochs; generous for a loaded 2-core CI
  return (await handle.jsonValue())!;
}

describe.skipIf(!haveChromium)("examples/web/playground.html in Chromium", () => {
  beforeAll(async () => { browser = await openBrowser(); }, 30_000);
  afterAll(async () => browser?.close());

  it("the index page links the pages and loads with no error", async () => {
    await browser!.page.goto(`${browser!.origin}/`);
    const links = await browser!.page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(["digit.html", "playground.html"]);
    expect(browser!.errors).toEqual([]);
  });

  it("XOR: the loss falls and the regions fit the points", async () => {
    const s = await trainWith("data=xor&n=200&noise=0.05&hidden=8,8&activation=tanh&optimizer=adam&lr=0.03&batch=16&epochs=150&seed=42");
    expect(s.epoch).toBe(150);
    expect(s.losses.at(-1)!).toBeLessThan(s.losses[0] * 0.5);
    expect(s.accuracy).toBeGreaterThan(0.9);
    // The settings round-trip through the query string.
    const url = new URL(browser!.page.url());
    expect(url.searchParams.get("data")).toBe("xor");
    expect(await browser!.page.locator("select[name=data]").inputValue()).toBe("xor");
  }, 120_000);

  it("spirals: the loss falls, the page stays responsive, no console error", async () => {
    const { page } = browser!;
    const s = await trainWith("data=spirals&classes=3&n=300&noise=0.02&hidden=24,24&activation=tanh&optimizer=adam&lr=0.02&batch=16&epochs=400&seed=42");
    expect(s.losses.at(-1)!).toBeLessThan(s.losses[0] * 0.5);
    expect(s.epoch).toBe(400);
    expect(s.accuracy).toBeGreaterThan(0.8);
    // The main thread answers while the worker trains: the page's own timer is not starved.
    expect(await page.evaluate(() => new Promise<number>((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }))).toBeLessThan(200);
    await browser!.screenshot("playground.png");
    console.log(`playground: spirals accuracy ${s.accuracy.toFixed(3)}, loss ${s.losses[0].toFixed(3)} -> ${s.losses.at(-1)!.toFixed(3)}, ${s.fps.toFixed(1)} pictures/s`);
    expect(browser!.errors).toEqual([]);
  }, 120_000);
});
