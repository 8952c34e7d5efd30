// Build build/scratchnet.wasm from assembly/ unless it is already current. "Current" means
// built from exactly these sources, config and compiler, and not overwritten since: SHA-256s of
// both are kept beside the binary, so a fresh clone always builds and an unchanged tree does not pay asc's ~5-9 s again.
// `--force` rebuilds regardless.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = join(root, "build", "scratchnet.wasm.sha256");
const wasm = join(root, "build", "scratchnet.wasm");

const sources = (dir) =>
  readdirSync(join(root, dir)).sort().flatMap((f) => (statSync(join(root, dir, f)).isDirectory() ? sources(join(dir, f)) : [join(dir, f)]));

const hash = createHash("sha256");
const ascVersion = createRequire(import.meta.url)("assemblyscript/package.json").version;
hash.update(`asc ${ascVersion}\n`);
for (const f of ["asconfig.json", ...sources("assembly")]) hash.update(`${f}\n`).update(readFileSync(join(root, f)));
const digest = hash.digest("hex");

// The stamp holds the sources' digest and the binary's own, so an overwritten .wasm rebuilds too.
const fileDigest = (f) => createHash("sha256").update(readFileSync(f)).digest("hex");
if (!process.argv.includes("--force") && existsSync(wasm) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === `${digest} ${fileDigest(wasm)}`) {
  process.exit(0);
}
execFileSync(process.execPath, [join(root, "node_modules", "assemblyscript", "bin", "asc.js"), "assembly/index.ts", "--target", "release"], {
  cwd: root,
  stdio: "inherit",
});
writeFileSync(stamp, `${digest} ${fileDigest(wasm)}\n`);
console.log(`built build/scratchnet.wasm (${statSync(wasm).size} bytes)`);
