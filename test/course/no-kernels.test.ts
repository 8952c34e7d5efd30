// The course classes are adapters on the engine (issue 13): no file under src/course/ reaches the
// kernel object (`engine.k`, `{ k } = engine`) or imports src/core/kernels.ts. Layers, losses and
// ops call kernels; the course calls them. Each offence is reported as file:line and the line.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const course = join(root, "src/course");

/** `.k` as a property (not `.kind`), `k` destructured, or the kernels module imported. */
const TOUCHES_KERNELS = /\.k\b|\{\s*(?:[\w$]+\s*,\s*)*k\s*[,}]|core\/kernels(\.js)?["']/;

/**
 * Files still known to touch kernels, each with the work that removes it. The test fails when a
 * listed file no longer does (take it off the list), so the list cannot hide a new offender.
 */
const PENDING: Record<string, string> = {
  "forward-pass.ts": "lesson 2 (forward-pass.ts, given-weights.ts) is being moved onto the engine's layers on another branch",
  "given-network.ts": "lesson 2's softmax on the last layer's buffer (run()); its owner is moving lesson 2 onto the layers",
};

/** Every `file:line: text` under src/course/ whose code (comments stripped) matches TOUCHES_KERNELS. */
function offences(): string[] {
  return readdirSync(course).filter((f) => f.endsWith(".ts")).flatMap((file) =>
    readFileSync(join(course, file), "utf8").split("\n").flatMap((line, i) => {
      const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, ""); // comments may name engine.k
      return TOUCHES_KERNELS.test(code) ? [`src/course/${file}:${i + 1}: ${line.trim()}`] : [];
    }));
}

describe("src/course/ calls no kernels", () => {
  it("no file but the pending ones touches engine.k or imports core/kernels.ts", () => {
    const fresh = offences().filter((o) => !Object.hasOwn(PENDING, o.slice("src/course/".length).split(":")[0]));
    expect(fresh, "use the ops (src/ops/), the loss objects (which take an Engine) or the layers instead").toEqual([]);
  });

  it("every pending file still touches kernels (else take it off PENDING)", () => {
    const files = new Set(offences().map((o) => o.slice("src/course/".length).split(":")[0]));
    expect(Object.keys(PENDING).filter((f) => !files.has(f))).toEqual([]);
  });

  it("the scan finds what it looks for", () => {
    const bad = ["engine.k.gemm(a, b)", "countCorrect(this.engine.k, x)", "const { heap, k } = engine;"];
    for (const line of [...bad, 'import type { Kernels } from "../core/kernels.js";']) expect(TOUCHES_KERNELS.test(line), line).toBe(true);
    const fine = ["layer.kind", "const k = 3;", "new Dense({ units: k })", "x.keep()"];
    for (const line of fine) expect(TOUCHES_KERNELS.test(line), line).toBe(false);
  });
});
