// The lesson pages (examples/web/lessons/) in headless Chromium: the index pages link every lesson,
// and each lesson's example runs on load, finishes, shows its figures and pictures with the
// results the course states, with no console error; screenshots go to out/screenshots/.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { haveChromium, openBrowser, skipMessage, type Browser } from "./harness.js";

if (!haveChromium) console.warn(skipMessage);

type Lesson = { done: boolean; error: string | null; runs: number; seconds: number; pictures: number; figures: Record<string, string>; results: Record<string, any> };
type Run = { name: string; first: number; last: number; predicted: number[]; evaluate: number };
const falls = (xs: number[]) => xs.at(-1)! < xs[0];

/** Each lesson page and what its results must show (the course's claims, not pinned numbers). */
export const LESSONS: [string, (r: Record<string, any>) => void][] = [
  ["01-perceptron", (r) => {
    expect(r.xorFromGates).toEqual([0, 1, 1, 0]);
    expect(r.AND).toMatchObject({ converged: true, outputs: [0, 0, 0, 1] });
    expect(r.OR).toMatchObject({ converged: true, outputs: [0, 1, 1, 1] });
    expect(r.XOR).toMatchObject({ converged: false, iterations: 100 }); // one layer cannot learn XOR
  }],
  ["02-activations", (r) => {
    expect(r.softmax.map((v: number) => v.toFixed(5))).toEqual(["0.01821", "0.24519", "0.73660"]);
    expect(r.softmaxLarge.every(Number.isFinite)).toBe(true);
    expect(r.forward[0]).toBeCloseTo(0.31682708, 6);
    expect(r.forward[1]).toBeCloseTo(0.69627909, 6);
    expect(r.storedAccuracy).toBeGreaterThan(0.9);
  }],
  ["03-deep-neural-net", (r) => {
    const runs = r.runs as Run[];
    expect(runs).toHaveLength(4);
    for (const run of runs) expect(run.last).toBeLessThan(run.first);
    expect(runs.filter((run) => run.evaluate === 1).length).toBeGreaterThanOrEqual(3); // seed 2: XOR learned
  }],
  ["04-logistic-to-multiclass", (r) => {
    for (const key of ["singleLayer", "dualLayer", "minibatch"]) expect(r[key].valAccuracy).toBeGreaterThan(0.9);
    expect(falls(r.singleLayer.losses)).toBe(true);
    expect(r.multiClass.testAccuracy).toBeGreaterThan(0.6); // 10 classes: chance is 0.1; 5 short epochs
    expect(falls(r.multiClass.valScores.map((a: number) => -a))).toBe(true);
  }],
  ["05-keras-models", (r) => {
    expect(r.params).toBe(39_760);
    expect(r.summary).toContain("39,760");
    expect(falls(r.history.loss)).toBe(true);
    expect(r.testAccuracy).toBeGreaterThan(0.8);
  }],
  ["06-sequential-network", (r) => {
    expect(r.averageDigit.test).toBeGreaterThan(0.5);
    expect(r.correct).toHaveLength(2);
    expect(r.correct[1]).toBeGreaterThan(r.correct[0]); // the course's point: the count rises each epoch
    expect(r.correct[1]).toBeGreaterThan(r.total * 0.15); // above chance (0.1) after 2 short epochs
  }],
  ["07-step-by-step", (r) => {
    expect(r.testAccList.length).toBeGreaterThan(1);
    expect(falls(r.trainLossList)).toBe(true);
    expect(r.finalTestAccuracy).toBeGreaterThan(0.8);
  }],
  ["08-pictures", (r) => {
    expect(falls(r.history.loss)).toBe(true);
    expect(r.testAccuracy).toBeGreaterThan(0.8);
  }],
];

/** Wait until the page's example finished (or failed) and return its state. */
export async function lessonState(browser: Browser): Promise<Lesson> {
  const handle = await browser.page.waitForFunction(() => {
    const s = (globalThis as unknown as { __lesson?: Lesson }).__lesson;
    return s && (s.done || s.error) ? s : undefined;
  }, undefined, { timeout: 60_000 }); // only guards a hang; a lesson takes seconds
  return (await handle.jsonValue())!;
}

let browser: Browser | undefined;

describe.skipIf(!haveChromium)("the lesson pages in Chromium", () => {
  beforeAll(async () => { browser = await openBrowser(); }, 30_000);
  afterAll(async () => browser?.close());

  it("the pages' index links the lessons, the lessons' index links every lesson, no console error", async () => {
    const { page, origin } = browser!;
    await page.goto(`${origin}/`);
    expect(await page.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toContain("lessons/");
    await browser!.screenshot("index.png");
    await page.click("a[href='lessons/']");
    await page.waitForURL(/\/lessons\/$/);
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
