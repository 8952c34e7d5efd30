// model.save() without the io module loaded (as in the scratchnet/core bundle, which leaves it out
// to stay under its size budget) says which build has it instead of failing obscurely. This file
// imports only the core entry, so src/io/save.ts is not registered in this test's module graph.
import { describe, it, expect } from "vitest";
import { Sequential, Dense } from "../../src/core-entry.js";

describe("model.save() in a build without the io module", () => {
  it("rejects with a ModelError naming the builds that have it", async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    await expect(model.save("/tmp/unused")).rejects.toThrow("model.save() is not in this build (scratchnet/core); import from 'scratchnet' or 'scratchnet/node'");
    model.dispose();
  });
});
