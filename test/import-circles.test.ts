// No import circle anywhere in src/ (issue 13: dependencies point one way), checked on every test
// run with scripts/import-circles.mjs (TypeScript's own reader and resolver, no extra install).
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// @ts-expect-error: a plain .mjs script, no declarations
import { importCircles } from "../scripts/import-circles.mjs";

const find = importCircles as (root: string) => string[][];
const dir = mkdtempSync(join(tmpdir(), "scratchnet-circles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("import circles", () => {
  it("src/ has none", () => {
    expect(find(fileURLToPath(new URL("../src", import.meta.url)))).toEqual([]);
  });

  it("the check finds circles through type-only imports, re-exports and import(), and a file importing itself", () => {
    const files: Record<string, string> = {
      "a.ts": 'import type { B } from "./b.js";\nexport type A = B;',
      "b.ts": 'export * from "./c.js";\nexport type B = number;',
      "c.ts": 'export const c = () => import("./a.js");',
      "self.ts": 'import { s } from "./self.js";\nexport const t = s;\nexport const s = 1;',
      "quiet.ts": '// import { q } from "./alone.js"\nexport const text = \'import { q } from "./alone.js"\';',
      "alone.ts": 'import { text } from "./quiet.js";\nexport const q = text;',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    expect(find(dir).sort()).toEqual([["a.ts", "b.ts", "c.ts"], ["self.ts"]]); // quiet.ts imports alone.ts only in a comment and a string
  });
});
