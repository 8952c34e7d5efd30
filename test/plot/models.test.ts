// decisionRegions takes the models' own predict: Sequential's probabilities ({ data }, n × k)
// and DeepNeuralNet's classes (samples as columns, as in the course).
import { describe, it, expect } from "vitest";
import { DeepNeuralNet, Dense, Sequential } from "../../src/index.js";
import { decisionRegions } from "../../src/plot/svg.js";
import { checkXml } from "./xml.js";

const points = [[0, 0], [0, 1], [1, 0], [1, 1]], labels = [0, 1, 1, 0];
const cellsOf = (svg: string) => svg.match(/<g class="cells"[^>]*>(.*?)<\/g>/)![1].match(/<rect/g)!.length;

describe("decisionRegions with the library's models", () => {
  it("Sequential: predict returns n × classes probabilities", () => {
    const model = new Sequential({ layers: [new Dense({ units: 4, activation: "tanh", inputShape: [2] }), new Dense({ units: 2, activation: "softmax" })], seed: 1 });
    try {
      const svg = decisionRegions({ predict: (p) => model.predict(p), x: points, y: labels, grid: 10 });
      expect(checkXml(svg)).toEqual([]);
      expect(cellsOf(svg)).toBe(100);
    } finally {
      model.dispose();
    }
  });

  it("DeepNeuralNet: predict takes features × samples and returns classes", () => {
    const dnn = new DeepNeuralNet([2, 4, 2, 1], ["tanh", "sigmoid", "sigmoid"], 0.5, 5000, 2).fit([[0, 0, 1, 1], [0, 1, 0, 1]], labels);
    try {
      const svg = decisionRegions({ predict: (p) => dnn.predict([p.map((q) => q[0]), p.map((q) => q[1])]), x: points, y: labels, grid: 2, xRange: [-0.5, 1.5], yRange: [-0.5, 1.5] });
      const fills = [...svg.match(/<g class="cells"[^>]*>(.*?)<\/g>/)![1].matchAll(/fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
      // Cell centres are the four XOR inputs, top row first: (0, 1), (1, 1), (0, 0), (1, 0).
      expect(fills[0]).toBe(fills[3]); // class 1
      expect(fills[1]).toBe(fills[2]); // class 0
      expect(fills[0]).not.toBe(fills[1]);
    } finally {
      dnn.dispose();
    }
  });
});
