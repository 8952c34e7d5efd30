// The examples' smoke tests run each script as its "Run:" line says (tsx), with small settings
// where it takes any; a script must exit 0 with nothing on stderr. Their claims are then read
// from what they print.
import { expect } from "vitest";
import { runTsx, ROOT } from "../helpers.js";

/** Run examples/<name>.ts with `args` (in `cwd`), expect success, and return its stdout. */
export function runExample(name: string, args: string[] = [], cwd = ROOT): string {
  const r = runTsx(`examples/${name}.ts`, args, cwd);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toBe("");
  return r.stdout;
}

/** The numbers captured by `re` in `text` (which must match). */
export function numbers(text: string, re: RegExp): number[] {
  const m = re.exec(text);
  expect(m, `${re} in:\n${text}`).not.toBeNull();
  return m!.slice(1).map(Number);
}
