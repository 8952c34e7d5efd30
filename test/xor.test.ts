import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD } from "../src/index.js";

describe("Sequential on XOR", () => {
  it("learns XOR with a 2-4-1 tanh/sigmoid network", async () => {
    const model = new Sequential([new Dense({ units: 4, activation: "tanh", inputShape: [2] }), new Dense({ units: 1, activation: "sigmoid" })]);
    model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    const x = [[0, 0], [0, 1], [1, 0], [1, 1]];
    const history = await model.fit(x, [0, 1, 1, 0], { epochs: 2000, batchSize: 4, verbose: 0 });
    expect(history.history.accuracy.at(-1)).toBe(1);
    const p = model.predict(x).data;
    expect([p[0] < 0.5, p[1] > 0.5, p[2] > 0.5, p[3] < 0.5]).toEqual([true, true, true, true]);
    model.dispose();
  });
});
