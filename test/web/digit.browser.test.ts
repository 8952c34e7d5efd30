// The "draw a digit" page (examples/web/digit.html) in headless Chromium: it loads with no console
// error, a stroke drawn with the mouse is classified by the shipped MNIST model, the clear button
// empties it, and a screenshot is saved to out/screenshots/digit.png.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { haveChromium, openBrowser, skipMessage, type Browser } from "./harness.js";

if (!haveChromium) console.warn(skipMessage);

let browser: Browser | undefined;

/** Drag the mouse through `points` (pad coordinates, 0..280) in small steps. */
async function draw(points: [number, number][]) {
  const { page } = browser!;
  const box = (await page.locator("#pad").boundingBox())!;
  const to = ([x, y]: [number, number]) => [box.x + x * box.width / 280, box.y + y * box.height / 280] as const;
  await page.mouse.move(...to(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...to(p), { steps: 8 });
  await page.mouse.up();
}

const predicted = () => browser!.page.waitForFunction(() => {
  const d = (globalThis as unknown as { __digit?: { predicted: number; probabilities: number[] | null } }).__digit;
  return d && d.probabilities ? d : undefined;
}).then(async (h) => (await h.jsonValue())!);

describe.skipIf(!haveChromium)("examples/web/digit.html in Chromium", () => {
  beforeAll(async () => {
    browser = await openBrowser();
    await browser.page.goto(`${browser.origin}/digit.html`);
    await browser.page.waitForFunction(() => (globalThis as unknown as { __digitReady?: boolean }).__digitReady, undefined, { timeout: 45_000 });
  }, 30_000);
  afterAll(async () => browser?.close());

  it("loads with no console error and nothing drawn", async () => {
    expect(await browser!.page.locator("#prediction").textContent()).toBe("–");
    expect(browser!.errors).toEqual([]);
  });

  it("reads a vertical stroke as a 1", async () => {
    await draw([[140, 40], [138, 240]]);
    const d = await predicted();
    expect(d.predicted).toBe(1);
    expect(d.probabilities!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(await browser!.page.locator("#prediction").textContent()).toBe("1");
  });

  it("clears, then reads a drawn 7", async () => {
    await browser!.page.click("#clear");
    expect(await browser!.page.locator("#prediction").textContent()).toBe("–");
    await draw([[70, 50], [210, 50], [120, 240]]);
    const d = await predicted();
    expect(d.predicted).toBe(7);
    await browser!.screenshot("digit.png");
    expect(browser!.errors).toEqual([]);
  });
});
