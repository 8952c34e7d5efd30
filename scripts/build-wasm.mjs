// Build build/scratchnet.wasm (one thread, own memory), build/scratchnet.threads.wasm (the same
// sources on an imported shared memory, for src/parallel/) and build/scratchnet-core.wasm (the same
// sources, only the kernels scratchnet/core calls: assembly/core.ts) from assembly/ unless each is already
// current. "Current" means built from exactly these sources, config and compiler, and not
// overwritten since: SHA-256s of both are kept beside each binary, so a fresh clone always builds
// and an unchanged tree does not pay asc's ~5-9 s again. `--force` rebuilds regardless.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

const sources = (dir) =>
  readdirSync(join(root, dir)).sort().flatMap((f) => (statSync(join(root, dir, f)).isDirectory() ? sources(join(dir, f)) : [join(dir, f)]));

const hash = createHash("sha256");
hash.update(`asc ${require("assemblyscript/package.json").version}\n`);
for (const f of ["asconfig.json", "scripts/build-wasm.mjs", ...sources("assembly")]) hash.update(`${f}\n`).update(readFileSync(join(root, f)));
const digest = hash.digest("hex");

// The stamp holds the sources' digest and the binary's own, so an overwritten .wasm rebuilds too.
const fileDigest = (f) => createHash("sha256").update(readFileSync(f)).digest("hex");

// With an imported memory asc writes every static buffer as a data segment, zeros included
// (it cannot know the memory is fresh), and each instantiation writes them again: 256 KB of
// zeros over the matmul packing buffers, in a memory other threads are using. The host always
// creates the shared memory itself, zero-filled, so binaryen's memory-packing may drop them; what
// remains are the constant math tables, rewritten with the bytes already there.
async function dropZeroSegments(file) {
  const { default: binaryen } = await import("binaryen");
  const module = binaryen.readBinaryWithFeatures(readFileSync(file), binaryen.Features.All);
  binaryen.setZeroFilledMemory(true);
  module.runPasses(["memory-packing"]);
  writeFileSync(file, module.emitBinary());
  module.dispose();
}

const targets = [
  { target: "release", file: "scratchnet.wasm" },
  { target: "threads", file: "scratchnet.threads.wasm", after: dropZeroSegments },
  { target: "core", file: "scratchnet-core.wasm", entry: "assembly/core.ts" },
];
for (const { target, file, after, entry = "assembly/index.ts" } of targets) {
  const wasm = join(root, "build", file), stamp = `${wasm}.sha256`;
  if (!process.argv.includes("--force") && existsSync(wasm) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === `${digest} ${fileDigest(wasm)}`) {
    continue;
  }
  execFileSync(process.execPath, [join(root, "node_modules", "assemblyscript", "bin", "asc.js"), entry, "--target", target], {
    cwd: root,
    stdio: "inherit",
  });
  if (after) await after(wasm);
  writeFileSync(stamp, `${digest} ${fileDigest(wasm)}\n`);
  console.log(`built build/${file} (${statSync(wasm).size} bytes)`);
}
