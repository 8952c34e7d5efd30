// Shared by the page tests (issue 5): the browser bundles built into a temporary folder, the pages
// served by scripts/serve.mjs on 127.0.0.1, Debian's Chromium driven by playwright-core with every
// request outside the server refused, and every console error and page error collected.
// CHROMIUM_PATH overrides /usr/bin/chromium; without it the tests skip and say so.
// openBrowser({ staticBuild: true }) serves scripts/build-web.mjs's output instead (a temporary
// dist/web as plain static files, nothing made on request) and also allows file:// URLs inside it.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { BrowserContext, Page } from "playwright-core";
// @ts-expect-error: plain .mjs scripts without type declarations
import { buildBrowser } from "../../scripts/build-browser.mjs";
// @ts-expect-error: plain .mjs scripts without type declarations
import { createServer, defaultRoots } from "../../scripts/serve.mjs";
// @ts-expect-error: plain .mjs scripts without type declarations
import { buildWeb } from "../../scripts/build-web.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const haveChromium = existsSync(CHROMIUM);
export const skipMessage = `Chromium not found at ${CHROMIUM}: the web page tests are skipped; install it with apt-get install chromium`;
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--no-first-run", "--disable-quic", "--disable-sync"];

export interface Browser {
  page: Page;
  origin: string;
  /** With staticBuild: the folder served (build-web.mjs's output), which file:// URLs may also open. */
  webDir?: string;
  /** Console errors, page errors, failed and refused requests. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser({ staticBuild = false } = {}): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  const work = await mkdtemp(join(tmpdir(), "scratchnet-web-"));
  await buildBrowser(join(work, "lib"));
  const webDir: string | undefined = staticBuild ? await buildWeb(join(work, "web"), join(work, "lib")) : undefined;
  const server: Server = webDir ? createServer({ "/": webDir }, { data: false }) : createServer({ ...defaultRoots, "/lib/": join(work, "lib") });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let context: BrowserContext | undefined;
  const errors: string[] = [];
  try {
    context = await chromium.launchPersistentContext(join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS,
      viewport: { width: 1000, height: 720 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin) || (webDir && url.startsWith(pathToFileURL(webDir).href + "/"))) return route.continue();
      errors.push(`refused an outside request: ${route.request().url()}`);
      return route.abort();
    });
  } catch (e) {
    server.close();
    throw e;
  }
  const page = context.pages()[0] ?? await context.newPage();
  page.on("pageerror", (e) => errors.push(`page error: ${String(e)}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console error: ${m.text()}`); });
  // A request the page's own navigation cancels (a reload while a font downloads) is not a failure.
  page.on("requestfailed", (r) => { if (r.failure()?.errorText !== "net::ERR_ABORTED") errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`); });
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return {
    page, origin, errors, webDir,
    async screenshot(name) {
      const file = join(root, "out", "screenshots", name);
      await mkdir(dirname(file), { recursive: true });
      await page.evaluate(() => document.fonts.ready.then(() => undefined)); // web fonts (the lessons' Hangul) drawn, not their fallback
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(work, { recursive: true, force: true });
    },
  };
}
