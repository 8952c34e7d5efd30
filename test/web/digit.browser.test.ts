// The "draw a digit" page (examples/web/digit.html) in headless Chromium: it loads both shipped models
// with no console error, a stroke drawn with the mouse is classified by the dense model and the CNN
// side by side, the CNN's probabilities equal Node's predict() of the same 28 × 28 image bit for bit,
// the clear button empties both, and a screenshot is saved to out/screenshots/digit.png.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { join } from "node:path";
import { loadModel, tensor4d, type Sequential } from "../../src/index.js";
import { haveChromium, openBrowser, root, skipMessage, type Browser } from "./harness.js";
import { draw, drawn } from "./digit-drawing.js";

if (!haveChromium) console.warn(skipMessage);

let browser: Browser | undefined;
let cnn: Sequential | undefined;

interface Verdict { predicted: number; probabilities: number[] | null }
type Digit = Verdict & { cnn: Verdict; image: number[] | null };
const predicted = () => drawn<Digit>(browser!.page, "__digit", "probabilities");

/** Node's predict() of the image the page drew, through the same CNN files. */
const nodeCnn = (image: number[]) => Array.from(cnn!.predict(tensor4d(Float32Array.from(image), [1, 28, 28, 1])).data);

describe.skipIf(!haveChromium)("examples/web/digit.html in Chromium", () => {
  beforeAll(async () => {
    cnn = await loadModel(join(root, "data", "models", "mnist-cnn", "model.json"), { compile: false });
    browser = await openBrowser();
    await browser.page.goto(`${browser.origin}/digit.html`);
    await browser.page.waitForFunction(() => (globalThis as unknown as { __digitReady?: boolean }).__digitReady, undefined,
      { timeout: 45_000 });
  }, 30_000);
  afterAll(async () => {
    cnn?.dispose();
    await browser?.close();
  });

  it("loads both models with no console error and nothing drawn", async () => {
    expect(await browser!.page.locator("#prediction").textContent()).toBe("–");
    expect(await browser!.page.locator("#prediction-cnn").textContent()).toBe("–");
    expect(await browser!.page.locator("#probs tbody tr").count()).toBe(10);
    expect(browser!.errors).toEqual([]);
  });

  it("reads a vertical stroke as a 1 with both models; the CNN's probabilities are Node's predict() bit for bit", async () => {
    await draw(browser!.page, [[140, 40], [138, 240]]);
    const d = await predicted();
    expect([d.predicted, d.cnn.predicted]).toEqual([1, 1]);
    for (const p of [d.probabilities!, d.cnn.probabilities!]) expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    expect(d.cnn.probabilities).toEqual(nodeCnn(d.image!)); // f32 values as JSON numbers: equal means the same bits
    expect(await browser!.page.locator("#prediction").textContent()).toBe("1");
    expect(await browser!.page.locator("#prediction-cnn").textContent()).toBe("1");
  });

  it("clears both, then reads a drawn 7 with both models, the CNN again as in Node", async () => {
    await browser!.page.click("#clear");
    expect(await browser!.page.locator("#prediction").textContent()).toBe("–");
    expect(await browser!.page.locator("#prediction-cnn").textContent()).toBe("–");
    await draw(browser!.page, [[70, 50], [210, 50], [120, 240]]);
    const d = await predicted();
    expect([d.predicted, d.cnn.predicted]).toEqual([7, 7]);
    expect(d.cnn.probabilities).toEqual(nodeCnn(d.image!));
    await browser!.screenshot("digit.png");
    expect(browser!.errors).toEqual([]);
  });
});
