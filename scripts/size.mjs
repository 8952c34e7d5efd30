// `npm run size`: scratchnet's browser builds beside TensorFlow.js's own package files, minified
// and gzipped (level 9), all measured in this run. Builds dist/browser/ first (esbuild: well under 1 s).
// brain.js and ConvNetJS are listed only when installed.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildBrowser } from "./build-browser.mjs";

/** Minified and gzipped bytes of each file, summed (each file is its own download). */
export function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = typeof f === "string" ? readFileSync(f) : f; // a path, or bytes built in memory
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const require = createRequire(import.meta.url);
/** A file inside an installed package, or undefined when the package is not installed. */
function packageFile(name, file) {
  try {
    const path = join(dirname(require.resolve(`${name}/package.json`)), file);
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Rows of [library, what is counted, files]; rows whose files are missing are marked. */
export async function sizeRows() {
  const { files, coreExtras } = await buildBrowser();
  const tf = (name, file) => packageFile(`@tensorflow/${name}`, file);
  const rows = [
    ["scratchnet/core + .wasm", "scratchnet-core.js, scratchnet-core.wasm", [files.core, files.coreWasm]],
    ["scratchnet/core + scratchnet/extras + .wasm", "core-entry and extras bundled together (not shipped), scratchnet.wasm",
      [coreExtras, files.wasm]],
    ["scratchnet (full barrel) + .wasm", "scratchnet.js, scratchnet.wasm", [files.full, files.wasm]],
    ["scratchnet inline (one file)", "scratchnet.inline.js", [files.inline]],
    ["scratchnet global (one classic script)", "scratchnet.global.js", [files.global]],
    ["scratchnet/core global (one classic script)", "scratchnet-core.global.js", [files.coreGlobal]],
    ["scratchnet .wasm alone", "scratchnet.wasm", [files.wasm]],
    ["scratchnet-core .wasm alone", "scratchnet-core.wasm", [files.coreWasm]],
    ["TensorFlow.js layers+core+wasm", "tf-core, tf-layers, tf-backend-wasm .min.js, tfjs-backend-wasm.wasm",
      [tf("tfjs-core", "dist/tf-core.min.js"), tf("tfjs-layers", "dist/tf-layers.min.js"),
        tf("tfjs-backend-wasm", "dist/tf-backend-wasm.min.js"), tf("tfjs-backend-wasm", "dist/tfjs-backend-wasm.wasm")]],
    ["TensorFlow.js layers+core+wasm (SIMD)", "as above with tfjs-backend-wasm-simd.wasm",
      [tf("tfjs-core", "dist/tf-core.min.js"), tf("tfjs-layers", "dist/tf-layers.min.js"),
        tf("tfjs-backend-wasm", "dist/tf-backend-wasm.min.js"), tf("tfjs-backend-wasm", "dist/tfjs-backend-wasm-simd.wasm")]],
    ["TensorFlow.js full (tf.min.js)", "tf.min.js", [tf("tfjs", "dist/tf.min.js")]],
    ["brain.js", "browser.min.js", [packageFile("brain.js", "browser.min.js")]],
    ["ConvNetJS", "build/convnet-min.js", [packageFile("convnetjs", "build/convnet-min.js")]],
  ];
  return rows.map(([library, counted, paths]) =>
    paths.every(Boolean) ? { library, counted, ...measure(paths) } : { library, counted, missing: true });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = await sizeRows();
  const width = Math.max(...rows.map((r) => r.library.length));
  console.log(`${"library".padEnd(width)}  ${"minified".padStart(10)}  ${"gzipped".padStart(9)}  files`);
  for (const r of rows) {
    const sizes = r.missing ? `${"not installed".padStart(21)}` : `${kb(r.raw).padStart(10)}  ${kb(r.gzip).padStart(9)}`;
    console.log(`${r.library.padEnd(width)}  ${sizes}  ${r.counted}`);
  }
  console.log("gzip level 9 per file, summed; KB = 1024 bytes; budget: scratchnet/core (the Keras-style library) + scratchnet-core.wasm, and the one-file core, under 30 KB gzipped each (test/browser-build.test.ts); scratchnet/extras adds issue 14's other layers, optimizers, callbacks, activations, losses and metrics (on scratchnet.wasm); the full barrel adds the course, plots, data sets, save/load, ONNX and threads");
}
