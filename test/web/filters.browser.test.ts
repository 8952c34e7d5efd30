// The "what the CNN sees" page (examples/web/filters.html) in headless Chromium: it loads with no
// console error and draws the first layer's 8 filters and a block of feature maps for each conv and
// pooling layer; a drawn digit's maps equal Node's predictLayers() of the same image bit for bit; they
// change when another digit is drawn; a screenshot is saved to out/screenshots/filters.png.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { join } from "node:path";
import { loadModel, predictLayers, tensor4d, type Sequential } from "../../src/index.js";
import { haveChromium, openBrowser, root, skipMessage, type Browser } from "./harness.js";
import { draw, drawn } from "./digit-drawing.js";

if (!haveChromium) console.warn(skipMessage);

let browser: Browser | undefined;
let cnn: Sequential | undefined;

interface Filters {
  predicted: number;
  image: number[] | null;
  maps: { name: string; shape: number[]; sum: number; max: number }[] | null;
  data: number[][] | null;
}
const shown = () => drawn<Filters>(browser!.page, "__filters", "maps");

/** Node's outputs of the conv and pooling layers for the image the page drew. */
const nodeMaps = (image: number[]) => predictLayers(cnn!, tensor4d(Float32Array.from(image), [1, 28, 28, 1]))
  .filter((o) => o.shape.length === 4).map((o) => Array.from(o.data));

describe.skipIf(!haveChromium)("examples/web/filters.html in Chromium", () => {
  beforeAll(async () => {
    cnn = await loadModel(join(root, "data", "models", "mnist-cnn", "model.json"), { compile: false });
    browser = await openBrowser();
    await browser.page.goto(`${browser.origin}/filters.html`);
    await browser.page.waitForFunction(() => (globalThis as unknown as { __filtersReady?: boolean }).__filtersReady, undefined,
      { timeout: 45_000 });
  }, 30_000);
  afterAll(async () => {
    cnn?.dispose();
    await browser?.close();
  });

  it("shows the 8 filters and a block of maps per conv/pooling layer, blank before anything is drawn, with no console error", async () => {
    const { page } = browser!;
    expect(await page.locator("#filters canvas").count()).toBe(8);
    const blocks = page.locator("#layers section");
    expect(await blocks.count()).toBe(4);
    const counts = [];
    for (let i = 0; i < 4; i++) counts.push(await blocks.nth(i).locator("canvas").count());
    expect(counts).toEqual([8, 8, 16, 16]);
    expect(await page.locator("#prediction").textContent()).toBe("–");
    expect(browser!.errors).toEqual([]);
  });

  it("draws a 1's feature maps (Node's predictLayers bit for bit), then other maps for a 0", async () => {
    await draw(browser!.page, [[140, 40], [138, 240]]);
    const one = await shown();
    expect(one.predicted).toBe(1);
    expect(one.maps!.map((m) => m.shape)).toEqual([[24, 24, 8], [12, 12, 8], [8, 8, 16], [4, 4, 16]]);
    expect(one.maps!.every((m) => m.max > 0)).toBe(true);
    expect(one.data).toEqual(nodeMaps(one.image!));
    await browser!.page.click("#clear");
    expect(await browser!.page.locator("#prediction").textContent()).toBe("–");
    await draw(browser!.page, [[140, 40], [80, 90], [80, 190], [140, 240], [200, 190], [200, 90], [140, 40]]);
    const zero = await shown();
    expect(zero.predicted).toBe(0);
    expect(zero.data).toEqual(nodeMaps(zero.image!));
    zero.data!.forEach((maps, i) => expect(maps, one.maps![i].name).not.toEqual(one.data![i]));
    await browser!.screenshot("filters.png");
    expect(browser!.errors).toEqual([]);
  });
});
