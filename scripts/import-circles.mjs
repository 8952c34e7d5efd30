// Import circles among the TypeScript files under a folder: each file's imports as TypeScript
// reads them (ts.preProcessFile: static, type-only, re-exports and import(); not comments or
// strings) and resolves them (ts.resolveModuleName, as tsc does under tsconfig's NodeNext, so
// "./x.js" is x.ts), then Tarjan's strongly connected components: a component of 2+ files, or a
// file importing itself, is a circle. TypeScript is already a devDependency, so this costs no
// install (dpdm 4.3.0 adds 40 packages, 34 MB; madge 8.0.0 121 packages, 51 MB).
// Usage: node scripts/import-circles.mjs [src]   (exit 1 on a circle)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

/** Every circle under `root` (absolute), each as its files relative to `root`, sorted. */
export function importCircles(root) {
  const files = fs.readdirSync(root, { recursive: true }).map((f) => path.join(root, f)).filter((f) => /(?<!\.d)\.ts$/.test(f));
  const options = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
  const edges = new Map(files.map((f) => {
    const found = ts.preProcessFile(fs.readFileSync(f, "utf8"), true, true).importedFiles;
    const targets = found.map((m) => ts.resolveModuleName(m.fileName, f, options, ts.sys).resolvedModule?.resolvedFileName);
    return [f, [...new Set(targets.filter((t) => t && edgesWithin(root, t)).map((t) => path.resolve(t)))]];
  }));
  let next = 0;
  const index = new Map(), low = new Map(), stack = [], onStack = new Set(), circles = [];
  const visit = (v) => {
    index.set(v, next); low.set(v, next++); stack.push(v); onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do { w = stack.pop(); onStack.delete(w); component.push(path.relative(root, w)); } while (w !== v);
    if (component.length > 1 || edges.get(v).includes(v)) circles.push(component.sort());
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return circles;
}

const edgesWithin = (root, file) => !path.relative(root, file).startsWith("..") && !file.endsWith(".d.ts");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? "src"), circles = importCircles(root);
  for (const c of circles) console.log(`circle (files importing each other in a loop): ${c.join(", ")}`);
  console.log(`${circles.length} import circle(s) under ${path.relative(process.cwd(), root) || "."}`);
  process.exit(circles.length ? 1 : 0);
}
