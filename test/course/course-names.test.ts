// One name, one thing (STYLE 2.4 rule 8): no two src/course files export the same name, except
// the notebooks' own function names, which each lesson's file keeps as the course writes them.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "../../src/course");
const NOTEBOOK_FUNCTIONS = new Set(["predict", "relu", "sigmoid", "softmax"]); // lessons 2 and 7, and activations.ts

describe("src/course names", () => {
  it("no exported class, interface, type, function or constant name is defined in two files", () => {
    const seen = new Map<string, string>(), clashes: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
      for (const m of readFileSync(join(dir, file), "utf8").matchAll(/^export (?:abstract )?(?:class|interface|type|function|const) (\w+)/gm)) {
        if (seen.has(m[1]) && !NOTEBOOK_FUNCTIONS.has(m[1])) clashes.push(`${m[1]}: ${seen.get(m[1])} and ${file}`);
        seen.set(m[1], file);
      }
    }
    expect(clashes).toEqual([]);
  });
});
