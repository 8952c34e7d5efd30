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

/** Every `file:line: text` under src/course/ whose code (comments stripped) matches TOUCHES_KERNELS. */
function offences(): string[] {
  return readdirSync(course).filter((f) => f.endsWith(".ts")).flatMap((file) =>
    readFileSync(join(course, file), "utf8").split("\n").flatMap((line, i) => {
      const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, ""); // comments may name engine.k
      return TOUCHES_KERNELS.test(code) ? [`src/course/${file}:${i + 1}: ${line.trim()}`] : [];
    }));
}

describe("src/course/ calls no kernels", () => {
  it("no file touches engine.k or imports core/kernels.ts", () => {
    expect(offences(), "use the ops (src/ops/), the loss objects (which take an Engine) or the layers instead").toEqual([]);
  });

  it("the scan finds what it looks for", () => {
    const bad = ["engine.k.gemm(a, b)", "countCorrect(this.engine.k, x)", "const { heap, k } = engine;"];
    for (const line of [...bad, 'import type { Kernels } from "../core/kernels.js";']) expect(TOUCHES_KERNELS.test(line), line).toBe(true);
    const fine = ["layer.kind", "const k = 3;", "new Dense({ units: k })", "x.keep()"];
    for (const line of fine) expect(TOUCHES_KERNELS.test(line), line).toBe(false);
  });
});
