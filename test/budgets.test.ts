// Budgets the project keeps (STYLE.md 2.4, rules 5 and 12), checked on every test run.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(join(root, dir)).flatMap((f) => (statSync(join(root, dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe("budgets", () => {
  it("the release .wasm stays within its budget: the measured size plus 20%", () => {
    // 24,567 bytes measured after issue 7 (20,453 before: + strided GEMM and per-instance scratch for
    // threads, in-place B and tail columns, f32x4 exp/log/tanh/sigmoid, the fused backward); plus 20%
    // is 29,480, under the 30 KB ceiling (STYLE.md 2.4 rule 12). Raise this only in a commit that says why.
    // Issue 15 raised it: that ceiling is now core's (scratchnet-core.wasm, its own budget), and issue 15 bounds the
    // full library with convolution at 80 KB gzipped with its .wasm. Measured 30,625 after the pooling kernels; plus 20%.
    // Measured 38,063 with the direct convolution (assembly/conv/direct.ts: z, dK, bias, ReLU and db for MNIST-like
    // first layers, issue 15's "Speed") and the tiled max-pool backward; plus 20%.
    expect(statSync(join(root, "build/scratchnet.wasm")).size).toBeLessThanOrEqual(45_675);
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
