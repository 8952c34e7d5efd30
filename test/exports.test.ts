// The package's public names: the Keras-style API and the course's classes by their course names.
import { describe, it, expect } from "vitest";
import * as scratchnet from "../src/index.js";
import * as node from "../src/node.js";
import * as core from "../src/core-entry.js";
import * as extras from "../src/extras.js";

describe("public exports", () => {
  it("exposes the Keras-style API", () => {
    for (const name of ["Sequential", "Dense", "SGD", "Adam", "tensor2d", "resident", "Resident", "init", "Tensor", "regularizers"]) {
      expect(scratchnet, name).toHaveProperty(name);
    }
  });

  it("exposes issue 14's callbacks from the full barrel and scratchnet/extras; core keeps Callback (ModelCheckpoint: main only)", () => {
    for (const name of ["EarlyStopping", "ReduceLROnPlateau", "LearningRateScheduler", "Callback", "ModelCheckpoint", "gradientCheck"]) {
      expect(typeof (scratchnet as Record<string, unknown>)[name], name).toBe("function");
    }
    expect(typeof core.Callback).toBe("function");
    for (const name of ["EarlyStopping", "ReduceLROnPlateau", "LearningRateScheduler", "gradientCheck", "ModelCheckpoint"]) {
      expect(core, name).not.toHaveProperty(name);
      // ModelCheckpoint is in neither: it needs model.save()
      expect(typeof (extras as Record<string, unknown>)[name], name).toBe(name === "ModelCheckpoint" ? "undefined" : "function");
    }
    expect(typeof scratchnet.initializers.orthogonal).toBe("function");
    expect(core.initializers).toBe(scratchnet.initializers); // one table: extras registered its factories into it
  });

  it("scratchnet/extras exports what scratchnet/core leaves out, each also in the full barrel", () => {
    const names = Object.keys(extras);
    expect(names).toEqual(expect.arrayContaining(["BatchNormalization", "LeakyReLU", "Adagrad", "Adadelta", "Adamax", "AdamW",
      "exponentialDecay", "cosineDecay", "piecewiseConstantDecay", "EarlyStopping", "confusionMatrix"]));
    for (const name of names) {
      expect((scratchnet as Record<string, unknown>)[name], name).toBe((extras as Record<string, unknown>)[name]);
      expect(core, name).not.toHaveProperty(name);
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
