// `npm run build:web`: the web pages as static files in dist/web/, the same layout `npm run serve`
// gives (pages at /, dist/browser/ at /lib/, data/models/ at /models/), ready for any static host.
// Runs after build:browser (`npm run build` calls both).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { defaultRoots } from "./serve.mjs";

const out = join(defaultRoots["/"], "..", "..", "dist", "web");
if (!existsSync(join(defaultRoots["/lib/"], "scratchnet.js"))) throw new Error("dist/browser/ is not built: run `npm run build:browser` first");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(defaultRoots["/"], out, { recursive: true });
cpSync(defaultRoots["/lib/"], join(out, "lib"), { recursive: true });
cpSync(defaultRoots["/models/"], join(out, "models"), { recursive: true });
console.log(`web pages in ${out}`);
