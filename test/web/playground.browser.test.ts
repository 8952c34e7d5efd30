// The playground (examples/web/playground.html) in headless Chromium: settings from the URL, training
// in a Web Worker; the loss (train and test) falls on XOR and on spirals and the heat map's colour at
// the held-out test points is their class; clicks add points to the URL; the split, the
// regularisation and the per-neuron pictures reach the page; no console error; the page stays
// responsive; out/screenshots/playground.png.
import { describe, it, expect, beforeAll, afterAll, beforeEach } from "vitest";
import { haveChromium, openBrowser, skipMessage, type Browser } from "./harness.js";

if (!haveChromium) console.warn(skipMessage);

type State = {
  epoch: number; loss: number; valLoss: number; accuracy: number; valAccuracy: number; done: boolean; losses: number[]; valLosses: number[];
  mapAccuracy: number; mapTrainAccuracy: number; fps: number; frames: number; trainCount: number; testCount: number; points: number;
  penalty: number; norm: number;
};
let browser: Browser | undefined;
const state = () => browser!.page.evaluate(() => (globalThis as unknown as { __playground: State }).__playground);
/** Wait until the page's state satisfies `test` (a function source over `s`). */
async function until(test: string, timeout = 90_000): Promise<State> { // generous: only guards a hang on a loaded 2-core CI
  const handle = await browser!.page.waitForFunction(`(() => { const s = globalThis.__playground; return s && (${test}) ? s : undefined; })()`, undefined, { timeout });
  return (await handle.jsonValue()) as State;
}

/** Open the page with `query`, wait for training to finish, return the page's state. */
async function trainWith(query: string): Promise<State> {
  await browser!.page.goto(`${browser!.origin}/playground.html?${query}`);
  return until("s.done && s.frames > 0 && Number.isFinite(s.mapAccuracy)");
}

/** Per hidden unit: how many distinct colours its picture has (1 = blank). */
const neuronColours = () => browser!.page.locator(".layer:not(:first-of-type) canvas.neuron").evaluateAll((cs) => (cs as HTMLCanvasElement[]).map((c) => {
  const px = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data, seen = new Set<number>();
  for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
  return seen.size;
}));

// Noise-free: XOR's labels come from the clean point, so noise near the axes mislabels points.
const XOR = "data=xor&n=300&noise=0&test=0.5&hidden=8,8&activation=tanh&optimizer=adam&lr=0.03&batch=16&reg=none&epochs=150&seed=42";

describe.skipIf(!haveChromium)("examples/web/playground.html in Chromium", () => {
  beforeAll(async () => { browser = await openBrowser(); }, 30_000);
  afterAll(async () => browser?.close());
  beforeEach(() => { browser?.errors.splice(0); }); // each test answers for its own page's errors

  it("the index page links the pages and loads with no error", async () => {
    await browser!.page.goto(`${browser!.origin}/`);
    const links = await browser!.page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toContain("playground.html");
    expect(browser!.errors).toEqual([]);
  });

  it("XOR: train and test loss fall, the map's colour at the test points is their class, every unit has a picture", async () => {
    const s = await trainWith(XOR);
    expect(s.epoch).toBe(150);
    expect([s.trainCount, s.testCount]).toEqual([150, 150]);
    expect(s.losses.at(-1)!).toBeLessThan(s.losses[0] * 0.5);
    expect(s.valLosses.at(-1)!).toBeLessThan(s.valLosses[0] * 0.5);
    expect(s.valAccuracy).toBeGreaterThan(0.9); // the worker's evaluation of the held-out rows (measured 0.967)
    expect(s.mapAccuracy).toBeGreaterThan(0.9); // the drawn heat map sampled at the test points (measured 0.960)
    console.log(`playground: XOR test accuracy ${s.valAccuracy.toFixed(3)}, on the map ${s.mapAccuracy.toFixed(3)}`);
    // The settings round-trip through the query string.
    const url = new URL(browser!.page.url());
    expect(url.searchParams.get("data")).toBe("xor");
    expect(await browser!.page.locator("select[name=data]").inputValue()).toBe("xor");
    // 2 input pictures + 8 + 8 hidden units + 2 outputs, each a picture with many colours (a blank one has 1).
    expect(await browser!.page.locator("canvas.neuron").count()).toBe(20);
    const colours = await neuronColours();
    expect(colours).toHaveLength(18);
    expect(Math.min(...colours)).toBeGreaterThan(20);
    // Hovering a unit shows its picture on the output map; leaving shows the regions again.
    const map = () => browser!.page.locator("#regions").evaluate((c: HTMLCanvasElement) => c.toDataURL());
    const regions = await map();
    await browser!.page.locator(".layer:nth-of-type(3) canvas.neuron").first().hover();
    await browser!.page.waitForFunction((before) => (document.getElementById("regions") as HTMLCanvasElement).toDataURL() !== before, regions);
    await browser!.page.mouse.move(0, 0);
    await browser!.page.waitForFunction((before) => (document.getElementById("regions") as HTMLCanvasElement).toDataURL() === before, regions);
    // The shared address reproduces the run: the same losses, epoch by epoch, to the last bit.
    const again = await trainWith(url.search.slice(1));
    expect(again.losses).toEqual(s.losses);
    expect(again.valLosses).toEqual(s.valLosses);
    expect(browser!.errors).toEqual([]);
  }, 120_000);

  it("spirals (3 classes): the loss falls, test accuracy above 90%, the page stays responsive", async () => {
    const { page } = browser!;
    const s = await trainWith("data=spirals&classes=3&n=600&noise=0.02&test=0.3&hidden=12,12,12&activation=tanh&optimizer=adam&lr=0.01&batch=16&epochs=300&seed=42");
    expect(s.epoch).toBe(300);
    expect(s.losses.at(-1)!).toBeLessThan(s.losses[0] * 0.5);
    expect(s.valLosses.at(-1)!).toBeLessThan(s.valLosses[0] * 0.5);
    expect(s.valAccuracy).toBeGreaterThan(0.9); // measured 0.961 (seed 42)
    expect(s.mapAccuracy).toBeGreaterThan(0.9);
    expect(await page.locator("canvas.neuron").count()).toBe(2 + 36 + 3);
    // The main thread answers while the worker trains: the page's own timer is not starved.
    expect(await page.evaluate(() => new Promise<number>((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }))).toBeLessThan(200);
    await browser!.screenshot("playground.png");
    console.log(`playground: spirals test accuracy ${s.valAccuracy.toFixed(3)} (map ${s.mapAccuracy.toFixed(3)}), loss ${s.losses[0].toFixed(3)} -> ${s.losses.at(-1)!.toFixed(3)}, ` +
      `test loss ${s.valLosses[0].toFixed(3)} -> ${s.valLosses.at(-1)!.toFixed(3)}, ${s.frames} frames, ${s.fps.toFixed(1)} frames/s while training`);
    expect(browser!.errors).toEqual([]);
  }, 120_000);

  it("a click adds a training point to the page and the URL; shift-click adds the next class; a shared URL brings them back", async () => {
    const { page } = browser!;
    await page.goto(`${browser!.origin}/playground.html?data=xor&n=100&test=0.5&epochs=100000&seed=1`);
    const before = await until("s.frames > 0 && s.trainCount === 50");
    expect(new URL(page.url()).searchParams.has("pts")).toBe(false);
    const box = (await page.locator("#regions").boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.25); // (-0.5, 0.5), class 1
    await until("s.trainCount === 51 && s.points === 1");
    await page.keyboard.down("Shift");
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25); // (0.5, 0.5), class 2
    await page.keyboard.up("Shift");
    const after = await until("s.trainCount === 52 && s.points === 2");
    expect(after.testCount).toBe(before.testCount); // clicked points are training points
    const pts = new URL(page.url()).searchParams.get("pts")!;
    expect(pts).toHaveLength(8); // 4 characters a point
    // The URL carries the points: a fresh load of it trains on the same 52 rows.
    await page.goto(page.url());
    await until("s.trainCount === 52 && s.points === 2");
    expect(browser!.errors).toEqual([]);
  }, 120_000);

  it("'only my clicks' waits for points, then trains on the clicked ones", async () => {
    const { page } = browser!;
    await page.goto(`${browser!.origin}/playground.html?data=clicks&classes=3&hidden=4&epochs=100000`);
    await until("s.loaded && s.trainCount === 0");
    expect(await page.locator("#status").textContent()).toContain("click the plane");
    expect(await page.locator("#click-class option").count()).toBe(3);
    const box = (await page.locator("#regions").boundingBox())!;
    for (const [x, y, label] of [[0.2, 0.2, "0"], [0.8, 0.2, "1"], [0.5, 0.8, "2"]] as const) {
      await page.selectOption("#click-class", label);
      await page.mouse.click(box.x + box.width * x, box.y + box.height * y);
    }
    const s = await until("s.trainCount === 3 && s.epoch > 0 && s.mapTrainAccuracy === 1");
    expect(s.testCount).toBe(0);
    expect(browser!.errors).toEqual([]);
  }, 120_000);

  it("changing the split changes the number of test points and the URL", async () => {
    const { page } = browser!;
    await page.goto(`${browser!.origin}/playground.html?data=moons&n=200&test=0.5&epochs=100000`);
    expect((await until("s.testCount === 100")).trainCount).toBe(100);
    await page.selectOption("select[name=test]", "0.2");
    const s = await until("s.testCount === 40");
    expect(s.trainCount).toBe(160);
    expect(new URL(page.url()).searchParams.get("test")).toBe("0.2");
    expect(browser!.errors).toEqual([]);
  }, 120_000);

  it("L1 and L2 regularisation reach the worker: the loss reports the penalty and the weights are smaller", async () => {
    const base = "data=circles&n=200&noise=0.05&test=0.3&hidden=8&activation=tanh&optimizer=adam&lr=0.03&batch=16&epochs=100&seed=3";
    const plain = await trainWith(`${base}&reg=none&rate=0.01`);
    const l1 = await trainWith(`${base}&reg=l1&rate=0.01`);
    expect(await browser!.page.locator("#status").textContent()).toContain("L1 penalty");
    const l2 = await trainWith(`${base}&reg=l2&rate=0.01`);
    expect(plain.penalty).toBe(0);
    expect(l1.penalty).toBeGreaterThan(0);
    expect(l2.penalty).toBeGreaterThan(0);
    expect(l1.norm).toBeLessThan(plain.norm * 0.8);
    expect(l2.norm).toBeLessThan(plain.norm * 0.8);
    expect(await browser!.page.locator("#status").textContent()).toContain("L2 penalty");
    expect(new URL(browser!.page.url()).searchParams.get("reg")).toBe("l2");
    expect(browser!.errors).toEqual([]);
  }, 120_000);
});
