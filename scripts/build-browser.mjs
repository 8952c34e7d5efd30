// Browser builds with esbuild (issue 5), all minified ES modules in dist/browser/:
//   scratchnet.js         the full barrel for bundlers and pages; fetches scratchnet.wasm beside it
//   scratchnet-core.js    the Keras-style API alone (src/core-entry.ts); the same scratchnet.wasm
//   scratchnet.inline.js  the full barrel with the .wasm inlined (base64): one file, no bundler,
//                         no server setup; import it from <script type="module">
//   scratchnet.threads.wasm the module on a shared memory, for init({ threads }) on cross-origin isolated pages
//   scratchnet.global.js  the same as a classic script, for pages opened from file:// (Chromium
//                         refuses module scripts there): `<script src>` sets globalThis.scratchnet
//                         to a Promise of the module's exports
// `node scripts/build-browser.mjs [outDir]`; the test calls buildBrowser() with a temporary outDir.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const root = fileURLToPath(new URL("..", import.meta.url));
export const defaultOutDir = join(root, "dist", "browser");
const wasmFile = join(root, "build", "scratchnet.wasm");

/** Replaces src/wasm-location.ts (which points at ../build/ from src/ and dist/) with `contents`. */
const wasmLocation = (contents) => ({
  name: "scratchnet-wasm-location",
  setup(build) {
    build.onResolve({ filter: /\/wasm-location\.js$/ }, () => ({ path: "wasm-location", namespace: "scratchnet-wasm" }));
    build.onLoad({ filter: /.*/, namespace: "scratchnet-wasm" }, () => ({ contents, loader: "js" }));
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

/** An ES module bundle without imports or import.meta, rewrapped as a classic script. */
export function asClassicScript(esm) {
  const exported = /export\s*\{([^}]*)\};?\s*$/.exec(esm);
  if (!exported) throw new Error("asClassicScript: the bundle does not end with one export { ... }");
  const fields = exported[1].split(",").map((item) => {
    const [local, name = local] = item.trim().split(/\s+as\s+/);
    return `${name}:${local}`;
  });
  const script = `globalThis.scratchnet=(async()=>{${esm.slice(0, exported.index)}return Object.freeze({${fields.join(",")}})})();\n`;
  new Script(script); // throws on any import, export or import.meta left in it
  return script;
}

/** Build the bundles into `outDir` and copy the .wasm beside them; returns their paths. */
export async function buildBrowser(outDir = defaultOutDir) {
  mkdirSync(outDir, { recursive: true });
  const beside = wasmLocation(`export const wasmUrl = () => new URL("./scratchnet.wasm", import.meta.url);`);
  const inline = wasmLocation(`export const wasmUrl = () => new URL(${JSON.stringify(wasmDataUrl())});`);
  const files = {
    full: join(outDir, "scratchnet.js"),
    core: join(outDir, "scratchnet-core.js"),
    inline: join(outDir, "scratchnet.inline.js"),
    global: join(outDir, "scratchnet.global.js"),
    wasm: join(outDir, "scratchnet.wasm"),
  };
  const builds = [
    [join(root, "src", "index.ts"), files.full, beside],
    [join(root, "src", "core-entry.ts"), files.core, beside],
    [join(root, "src", "index.ts"), files.inline, inline],
  ];
  const results = await Promise.all(builds.map(([entry, outfile, location]) =>
    esbuild.build({ ...common, entryPoints: [entry], outfile, plugins: [location, nodeBuiltinsStub] })));
  copyFileSync(wasmFile, files.wasm);
  // init({ threads }) fetches the threaded module beside scratchnet.wasm (cross-origin isolated pages only)
  copyFileSync(join(root, "build", "scratchnet.threads.wasm"), join(outDir, "scratchnet.threads.wasm"));
  writeFileSync(files.global, asClassicScript(readFileSync(files.inline, "utf8")));
  const inputs = results.map((r) => Object.keys(r.metafile.inputs));
  return { files, inputs: { full: inputs[0], core: inputs[1], inline: inputs[2] } };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files } = await buildBrowser(process.argv[2] ? resolve(process.argv[2]) : defaultOutDir);
  console.log(`browser builds: ${Object.values(files).map((f) => f.slice(root.length)).join(", ")}`);
}
