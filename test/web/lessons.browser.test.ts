// The lesson pages (examples/web/lessons/) in headless Chromium: the index pages link every lesson,
// and each lesson's example runs on load, finishes, shows its figures and pictures with the
// results the course states, with no console error; screenshots go to out/screenshots/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { haveChromium, openBrowser, skipMessage, type Browser } from "./harness.js";
import { LESSONS, lessonState } from "./lessons.js";

if (!haveChromium) console.warn(skipMessage);

let browser: Browser | undefined;

describe.skipIf(!haveChromium)("the lesson pages in Chromium", () => {
  beforeAll(async () => { browser = await openBrowser(); }, 30_000);
  afterAll(async () => browser?.close());

  it("the pages' index links the lessons, the lessons' index links every lesson, no console error", async () => {
    const { page, origin } = browser!;
    await page.goto(`${origin}/`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined)); // the Hangul font loaded: leaving aborts no request
    expect(await page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toContain("lessons/index.html");
    await browser!.screenshot("index.png");
    await page.click("a[href='lessons/index.html']");
    await page.waitForURL(/\/lessons\/index.html$/);
    const links = await page.locator("ol.lessons a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(LESSONS.map(([file]) => `${file}.html`));
    await browser!.screenshot("lessons.png");
    expect(browser!.errors).toEqual([]);
  });

  for (const [file, check] of LESSONS) {
    it(`${file}: the example runs, shows its figures and picture, no console error`, async () => {
      const { page, origin } = browser!;
      await page.goto(`${origin}/lessons/${file}.html`);
      const s = await lessonState(browser!);
      expect(s.error).toBeNull();
      check(s.results);
      expect(Object.keys(s.figures).length).toBeGreaterThan(0);
      expect(await page.locator("#figures tr").count()).toBe(Object.keys(s.figures).length);
      expect(s.pictures).toBeGreaterThan(0);
      expect(await page.locator("#pictures figure svg").count()).toBe(s.pictures);
      expect(await page.locator("#status").textContent()).toMatch(/^done in \d+\.\d\d s/);
      expect(await page.locator("h1 [lang=ko]").textContent()).toMatch(/[가-힣]/); // the course's Korean heading beside the English one
      await browser!.screenshot(`lesson-${file}.png`);
      console.log(`lesson ${file}: ${s.seconds.toFixed(2)} s in Chromium; ${Object.entries(s.figures).map(([k, v]) => `${k}: ${v}`).join("; ")}`);
      expect(browser!.errors).toEqual([]);
    }, 90_000);
  }
});
