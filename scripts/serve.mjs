// `npm run serve`: the web pages (issue 5) on http://127.0.0.1:8080/, from this checkout alone,
// offline. URL layout (the same as the static copy `npm run build:web` writes to dist/web/):
//   /            examples/web/   the pages and their scripts
//   /lib/        dist/browser/   the library bundles and scratchnet.wasm (`npm run build` makes them)
//   /models/     data/models/    the shipped models
//   /data/       lesson-data.mjs the lessons' data: breast_cancer.csv and an MNIST subset (IDX)
// `node scripts/serve.mjs [port]` (0 picks a free port); tests call createServer() below.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer as httpServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { lessonData } from "./lesson-data.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
export const defaultRoots = { "/lib/": join(root, "dist", "browser"), "/models/": join(root, "data", "models"), "/": join(root, "examples", "web") };
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".bin": "application/octet-stream",
  ".svg": "image/svg+xml", ".png": "image/png", ".md": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8" };

/** The file a URL path maps to under `roots` (longest prefix first), or undefined if it leaves its folder. */
export function resolvePath(urlPath, roots = defaultRoots) {
  let path;
  try { path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]); } catch { return undefined; }
  if (path.endsWith("/")) path += "index.html";
  const prefix = Object.keys(roots).sort((a, b) => b.length - a.length).find((p) => path.startsWith(p));
  if (!prefix) return undefined;
  const base = roots[prefix], file = normalize(join(base, path.slice(prefix.length)));
  return file === base || file.startsWith(base + sep) ? file : undefined;
}

/** The lessons' data file a URL path names under /data/ (see lesson-data.mjs), or undefined. */
const dataFile = (urlPath) => {
  const path = urlPath.split("?")[0].split("#")[0];
  return path.startsWith("/data/") ? lessonData(path.slice("/data/".length)) : undefined;
};

/** A static server over `roots` (and `/data/` when `data` is true); GET and HEAD only, no caching, nothing outside the folders. */
export function createServer(roots = defaultRoots, { data = true } = {}) {
  return httpServer(async (req, res) => {
    const get = req.method === "GET" || req.method === "HEAD", url = req.url ?? "/";
    const made = get && data ? dataFile(url) : undefined;
    const file = !get ? undefined : made ? url.split("?")[0] : resolvePath(url, roots); // a made file's name gives its type
    let body;
    try { body = made ? await made : file && await readFile(file); } catch { body = undefined; }
    if (!body) { res.writeHead(404, { "content-type": "text/plain" }); res.end("not found\n"); return; }
    // Cross-origin isolation (COOP + COEP) lets pages share a WebAssembly.Memory with workers: init({ threads }).
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store",
      "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" });
    res.end(req.method === "HEAD" ? undefined : body);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  if (!existsSync(join(defaultRoots["/lib/"], "scratchnet.js"))) {
    console.error("dist/browser/scratchnet.js is missing: run `npm run build` first");
    process.exit(1);
  }
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8080);
  const server = createServer();
  server.listen(port, "127.0.0.1", () => {
    const url = `http://127.0.0.1:${server.address().port}/`;
    console.log(`scratchnet pages at ${url}\n  ${url}digit.html   draw a digit\n  ${url}filters.html   what the CNN sees\n  ${url}playground.html   the playground\n  ${url}lessons/   the course, lesson by lesson\nCtrl-C stops.`);
  });
}
