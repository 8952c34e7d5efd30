// Budgets the project keeps (STYLE.md 2.4, rules 5 and 12), checked on every test run.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => (statSync(join(root, dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe("budgets", () => {
  it("the release .wasm stays under 30 KB", () => {
    // Measured 17.9 KB at the first commit; the budget is 30 KB.
    expect(statSync(join(root, "build/scratchnet.wasm")).size).toBeLessThan(30 * 1024);
  });

  it("no Math.exp/log/tanh/pow/random in src/: transcendental math and randomness run in WASM", () => {
    const offenders = files("src").filter((f) => /Math\.(exp|expm1|log|log1p|log2|log10|tanh|sinh|cosh|pow|random)\(/.test(readFileSync(join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("source files stay under 200 lines (STYLE.md 2.4: one idea per file)", () => {
    const long = [...files("src"), ...files("assembly")]
      .map((f) => [f, readFileSync(join(root, f), "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > 200);
    expect(long).toEqual([]);
  });
});
