// Browser builds with esbuild (issue 5), minified, in dist/browser/:
//   scratchnet.js         the full barrel for bundlers and pages; fetches scratchnet.wasm beside it
//   scratchnet-core.js    the Keras-style API alone (src/core-entry.ts); fetches scratchnet-core.wasm beside it,
//                         the same kernels exporting only what core calls (assembly/core.ts)
//   scratchnet.inline.js  the full barrel with the .wasm inlined (base64): one file, no bundler,
//                         no server setup; import it from <script type="module">
//   scratchnet.threads.wasm the module on a shared memory, for init({ threads }) on cross-origin isolated pages
//   scratchnet-core.wasm  build/scratchnet-core.wasm, which the two core builds load
//   scratchnet-extras.js  `scratchnet/extras` for the "browser" condition: a clear refusal (see buildBrowser)
//   scratchnet.global.js  the same as a classic script, for pages opened from file:// (Chromium
//                         refuses module scripts there): `<script src>` sets globalThis.scratchnet
//                         to a Promise of the module's exports
//   scratchnet-core.global.js the Keras-style API alone as such a classic script, its .wasm packed
//                         inside (scratchnet-core.wasm, packedWasm below); sets the same globalThis.scratchnet, so a page
//                         moves between the two scripts without changing a line (as tf.min.js and
//                         tf-core.min.js both set `tf`). Budget: 30 KB gzipped, the test checks it
// `node scripts/build-browser.mjs [outDir]`; the test calls buildBrowser() with a temporary outDir.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const root = fileURLToPath(new URL("..", import.meta.url));
export const defaultOutDir = join(root, "dist", "browser");
const wasmFile = join(root, "build", "scratchnet.wasm");
const coreWasmFile = join(root, "build", "scratchnet-core.wasm");

/** Replaces src/wasm-location.ts (which points at ../build/ from src/ and dist/) with `contents`; inlineWasm is undefined unless it exports one. */
const wasmLocation = (contents) => ({
  name: "scratchnet-wasm-location",
  setup(build) {
    build.onResolve({ filter: /\/wasm-location\.js$/ }, () => ({ path: "wasm-location", namespace: "scratchnet-wasm" }));
    build.onLoad({ filter: /.*/, namespace: "scratchnet-wasm" }, () => ({
      contents: /inlineWasm/.test(contents) ? contents : `${contents}\nexport const inlineWasm = undefined;`, loader: "js" }));
  },
});

// Node's built-ins are reached only by dynamic import() on Node-only paths (engine.ts reading a
// file: URL, the data loaders). In the bundle each becomes a stub that rejects with a clear
// message when imported, so no `node:` specifier is left for a browser or a bundler to trip on.
const nodeBuiltinsStub = {
  name: "scratchnet-node-stub",
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: "scratchnet-node-stub" }));
    build.onLoad({ filter: /.*/, namespace: "scratchnet-node-stub" }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`scratchnet: ${args.path} is not available in this build; in a browser pass init() the .wasm bytes or URL and load data yourself`)});`,
      loader: "js",
    }));
  },
};

const common = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022", // top-level await
  write: true,
  metafile: true,
  logLevel: "warning",
};

/** The data: URL the inline build fetches: the .wasm's bytes, base64. */
export const wasmDataUrl = () => `data:application/wasm;base64,${readFileSync(wasmFile).toString("base64")}`;

// How the one-file core carries its .wasm: measured with the 27.4 KB module and 14.8 KB of core
// JS, the whole file gzipped at level 9 as served (KB = 1024 B; budget 30):
//   base64 of the raw bytes                                32.5 KB  base64 hides the bytes' patterns from gzip
//   raw bytes as a UTF-8 string literal, minimal escapes   30.3 KB  bytes >= 0x80 take two; a page's charset can misread it
//   zlib's gzip bytes as a UTF-8 literal                   32.4 KB
//   base64 of zlib's gzip (level 9)                        29.7 KB  gzip codes the 64 letters in 6 bits: no loss
//   base64 of Zopfli's gzip                                28.7 KB  the choice: Zopfli's deflate is 1 KB smaller
// The file stays ASCII, and DecompressionStream (Chromium 80, Firefox 113, Safari 16.4, Node 18)
// unpacks it with no fetch, so it works from file://. "gzip" rather than "deflate-raw" (18 B
// less): a CRC checks the bytes, and every Node 20 has it. A smaller module (asc --shrinkLevel 2:
// 9.1 KB gzipped, not 13.8) would change the code whose speed and bits are pinned: not done here.
/**
 * The core .wasm (scratchnet-core.wasm) gzipped by Zopfli, in base64 (about 1 s: 15 iterations, Zopfli's default).
 * Without @gfx/zopfli installed (a node_modules from before it was added) zlib packs it, 1 KB
 * larger, and says so, rather than failing every build until `npm install`; CI's `npm ci` has it.
 */
export async function packedWasm() {
  const wasm = readFileSync(coreWasmFile);
  const zopfli = await import("@gfx/zopfli").catch(() => undefined);
  if (zopfli) return Buffer.from(await zopfli.gzipAsync(wasm, { numiterations: 15 })).toString("base64");
  console.warn("build-browser: @gfx/zopfli is not installed (npm install): scratchnet-core.global.js packed with zlib, 1 KB larger");
  return gzipSync(wasm, { level: 9 }).toString("base64");
}

/**
 * src/wasm-location.ts for the one-file core: the bytes are the classic script's argument
 * `packedWasm` (asClassicScript puts it at the end of the file, after all the code, since code
 * split by 18 KB of base64 gzips 0.6 KB worse), unpacked at init().
 */
const packedLocation = `
const here = globalThis.document?.currentScript?.src ?? globalThis.location?.href;
export const wasmUrl = () => new URL("./scratchnet-core.wasm", here);
export const inlineWasm = () => {
  if (typeof DecompressionStream != "function") {
    throw new Error("scratchnet: no DecompressionStream here to unpack the .wasm inside this file; load scratchnet-core.js and scratchnet-core.wasm instead");
  }
  const bytes = Uint8Array.from(atob(packedWasm), (c) => c.charCodeAt(0));
  return new Response(new Response(bytes).body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
};`;

/** An ES module bundle without imports or import.meta, rewrapped as a classic script; `packed`: the packed .wasm it reads. */
export function asClassicScript(esm, packed) {
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(esm);
  if (!exported) throw new Error("asClassicScript: the bundle does not end with one export { ... }");
  const fields = exported[1].split(",").map((item) => {
    const [local, name = local] = item.trim().split(/\s+as\s+/);
    return `${name}:${local}`;
  });
  const [parameter, argument] = packed === undefined ? ["", ""] : ["packedWasm", JSON.stringify(packed)];
  const script = `globalThis.scratchnet=(async(${parameter})=>{${esm.slice(0, exported.index)}return Object.freeze({${fields.join(",")}})})(${argument});\n`;
  new Script(script); // throws on any import, export or import.meta left in it
  return script;
}

/** Build the bundles into `outDir` and copy the .wasm beside them; returns their paths. */
export async function buildBrowser(outDir = defaultOutDir) {
  mkdirSync(outDir, { recursive: true });
  const beside = wasmLocation(`export const wasmUrl = () => new URL("./scratchnet.wasm", import.meta.url);`);
  const coreBeside = wasmLocation(`export const wasmUrl = () => new URL("./scratchnet-core.wasm", import.meta.url);`);
  const inline = wasmLocation(`export const wasmUrl = () => new URL(${JSON.stringify(wasmDataUrl())});`);
  const files = {
    full: join(outDir, "scratchnet.js"),
    core: join(outDir, "scratchnet-core.js"),
    inline: join(outDir, "scratchnet.inline.js"),
    global: join(outDir, "scratchnet.global.js"),
    coreGlobal: join(outDir, "scratchnet-core.global.js"),
    wasm: join(outDir, "scratchnet.wasm"),
    coreWasm: join(outDir, "scratchnet-core.wasm"),
    extrasStub: join(outDir, "scratchnet-extras.js"),
  };
  const builds = [
    [join(root, "src", "index.ts"), files.full, beside],
    [join(root, "src", "core-entry.ts"), files.core, coreBeside],
    [join(root, "src", "index.ts"), files.inline, inline],
    [join(root, "src", "core-entry.ts"), files.coreGlobal, wasmLocation(packedLocation), { write: false }],
    // Measured only (npm run size, the test): scratchnet/core and scratchnet/extras in one bundle, on scratchnet.wasm.
    [undefined, undefined, beside, { write: false, entryPoints: undefined, outfile: join(outDir, "core-extras.js"),
      stdin: { contents: `export * from "./src/core-entry.ts";\nexport * from "./src/extras.ts";`, resolveDir: root, loader: "ts" } }],
  ];
  const packed = packedWasm(); // only the classic script's last line needs it, so it packs while esbuild builds
  const results = await Promise.all(builds.map(([entry, outfile, location, options]) =>
    esbuild.build({ ...common, entryPoints: [entry], outfile, plugins: [location, nodeBuiltinsStub], ...options })));
  copyFileSync(wasmFile, files.wasm);
  copyFileSync(coreWasmFile, files.coreWasm);
  // `scratchnet/extras` under a bundler's "browser" condition: scratchnet/core resolves there to the
  // prebuilt scratchnet-core.js, whose tables a separately bundled extras module cannot reach, and
  // whose .wasm lacks the extras' kernels. So it refuses at import, naming what works instead.
  writeFileSync(files.extrasStub, `throw new Error(${JSON.stringify("scratchnet/extras cannot add to the prebuilt scratchnet/core browser "
    + "build (its own tables, and scratchnet-core.wasm lacks the extras' kernels); import from 'scratchnet' instead, or bundle "
    + "the ES modules of dist/ (core-entry.js with extras.js) on scratchnet.wasm")});\n`);
  // init({ threads }) fetches the threaded module beside scratchnet.wasm (cross-origin isolated pages only)
  copyFileSync(join(root, "build", "scratchnet.threads.wasm"), join(outDir, "scratchnet.threads.wasm"));
  writeFileSync(files.global, asClassicScript(readFileSync(files.inline, "utf8")));
  writeFileSync(files.coreGlobal, asClassicScript(results[3].outputFiles[0].text, await packed));
  const inputs = results.map((r) => Object.keys(r.metafile.inputs));
  // The sources that put bytes into each bundle (`inputs` also lists those read and then shaken out).
  const included = results.map((r) => Object.values(r.metafile.outputs).flatMap((o) => Object.entries(o.inputs))
    .filter(([, v]) => v.bytesInOutput > 0).map(([f]) => f));
  const byName = (list) => ({ full: list[0], core: list[1], inline: list[2], coreGlobal: list[3], coreExtras: list[4] });
  return { files, inputs: byName(inputs), included: byName(included), coreExtras: results[4].outputFiles[0].contents };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files } = await buildBrowser(process.argv[2] ? resolve(process.argv[2]) : defaultOutDir);
  console.log(`browser builds: ${Object.values(files).map((f) => f.slice(root.length)).join(", ")}`);
}
