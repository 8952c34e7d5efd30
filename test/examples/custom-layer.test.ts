// examples/custom-layer.ts as it is: a Layer subclass written as a user would (the protocol
// exported from the main entry) trains XOR and gives Dense({ useBias: false })'s bits.
import { describe, it, expect } from "vitest";
import { runExample, numbers } from "./run.js";
import * as core from "../../src/core-entry.js";
import * as main from "../../src/index.js";

describe("a custom layer", () => {
  it("the Layer protocol is exported from scratchnet and scratchnet/core", () => {
    expect(main.Layer).toBe(core.Layer);
    expect(Object.getPrototypeOf(main.Dense)).toBe(main.Layer);
  });

  it("examples/custom-layer: NoBiasDense learns XOR with Dense({ useBias: false })'s weights, bit for bit", () => {
    const out = runExample("custom-layer");
    const [first, last, accuracy] = numbers(out, /NoBiasDense: loss ([\d.]+) -> ([\d.]+), accuracy ([\d.]+)/);
    expect(last).toBeLessThan(first / 10);
    expect(accuracy).toBe(1);
    expect(out).toContain("same weights as Dense({ useBias: false }) after 1000 epochs: true");
  });
});
