// The examples refuse a bad flag before loading anything: a message naming the flag and the
// example's Run: line on stderr, exit code 1, no stack trace (was: "NaN epochs", then a crash).
import { describe, it, expect } from "vitest";
import { runTsx } from "../helpers.js";

describe("examples' flags", () => {
  it.each([
    ["06-sequential-network", ["--epochs", "x"], /^--epochs must be an integer ≥ 1, got 'x'\nRun: npx tsx examples\/06-sequential-network\.ts \[--epochs 3\]/],
    ["06-sequential-network", ["--epoch", "3"], /^Unknown option '--epoch'/],
    ["05-keras-models", ["--epochs", "0"], /^--epochs must be an integer ≥ 1, got '0'\nRun: npx tsx examples\/05-keras-models\.ts/],
    ["07-step-by-step", ["--activation", "tanh"], /^--activation must be sigmoid or relu, got 'tanh'/],
    ["04-logistic-to-multiclass", ["--seeds=42,x"], /^--seeds must be an integer ≥ 0, got 'x'/],
  ] as [string, string[], RegExp][])("%s %j exits 1 with a message", (name, args, message) => {
    const r = runTsx(`examples/${name}.ts`, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe("");
  });
});
