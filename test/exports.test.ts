// The package's public names: the Keras-style API and the course's classes by their course names.
import { describe, it, expect } from "vitest";
import * as scratchnet from "../src/index.js";
import * as node from "../src/node.js";

describe("public exports", () => {
  it("exposes the Keras-style API", () => {
    for (const name of ["Sequential", "Dense", "SGD", "Adam", "tensor2d", "resident", "Resident", "init", "Tensor", "regularizers"]) {
      expect(scratchnet, name).toHaveProperty(name);
    }
  });

  it("exposes every lesson's classes and functions under the course's names", () => {
    for (const name of ["Perceptron", "DeepNeuralNet", "SingleLayer", "DualLayer", "RandomInitNetwork", "MinibatchNetwork",
      "MultiClassNetwork", "SequentialNetwork", "DenseLayer", "ActivationLayer", "averageDigit", "trainingCycle"]) {
      expect(typeof (scratchnet as Record<string, unknown>)[name], name).toBe("function");
    }
    expect(typeof scratchnet.perceptron.XOR).toBe("function");
    expect(typeof scratchnet.activations.softmax).toBe("function");
    expect(typeof scratchnet.forwardPass.initNetwork).toBe("function");
    expect(typeof scratchnet.forwardPass.sampleWeightNetwork).toBe("function");
    for (const name of ["loadPickle", "loadNpy", "loadNpz"]) expect(typeof (scratchnet as Record<string, unknown>)[name], name).toBe("function");
    expect(typeof scratchnet.stepByStep.affineForward).toBe("function");
    expect(typeof scratchnet.stepByStep.affineBackward).toBe("function");
    expect(typeof scratchnet.datasets.spirals).toBe("function");
    expect(typeof scratchnet.plot.lineChart).toBe("function");
    expect(typeof scratchnet.plot.decisionRegions).toBe("function");
  });

  it("keeps file-reading loaders in scratchnet/node", () => {
    for (const name of ["loadMnist", "loadBreastCancer", "loadFashionMnist", "readLayersModel", "writeOnnx", "loadSampleWeight", "svgToPng", "writePicture"]) {
      expect(typeof (node as Record<string, unknown>)[name], name).toBe("function");
      expect(scratchnet, name).not.toHaveProperty(name);
    }
  });
});
