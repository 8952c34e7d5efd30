// BatchNormalization against TensorFlow.js 4.22 itself (CPU backend, in Node): Dense → BatchNormalization
// → Dense from the same weights, 6 SGD steps (test/reference/tfjs-batch-norm.ts printed the literals
// and saved TensorFlow.js's trained model to tfjs-batch-norm-saved.json); then save/load both ways.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { Sequential, Dense, BatchNormalization, SGD } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { X, Y, INIT, LR, MOMENTUM, SAVED_FILE, tfReference, tfPredict } from "../reference/tfjs-batch-norm.js";

/** Printed by `npx tsx test/reference/tfjs-batch-norm.ts` (TF.js 4.22, CPU): weights in INIT's order after 3 epochs of 2 batches. */
const TFJS = {
  weights: [
    [0.0858429, -0.510183573, 0.153729349, 0.48789537, -0.304679841, 0.0785768181, -0.555446684, 0.300311446, 0.485483974, -0.0699158311,
      0.466378391, -0.0607163422, 0.122105189, -0.478494257, 0.0616825111],
    [0.0500000007, -0.0500000045, 0.100000039, -3.9581205e-10, 0.0200000033],
    [0.821501195, 0.781347871, 0.980093598, 1.10880184, 0.745100915],
    [-0.0394694023, 0.120083481, -0.0521874577, 0.020938782, 0.0171765927],
    [-0.144180506, -0.22001411, -0.0962929055, 0.1228984, 0.162605256, 0.387100816, -0.102707714, -0.0326451696, 0.00241617952,
      0.0558031909],
    [0.169565946, 0.0127547663],
    [0.0329092853, 0.0896691382, -0.00623963634, -0.0211513918, 0.163800076],
    [0.5564062, 0.384989411, 1.08319652, 0.723997772, 0.82096839],
  ],
  predict: [0.151715323, -0.0117692724, 0.210090727, 0.0162382126, 0.187118337, -0.0340859964, 0.183261424, -0.0239864271, 0.156432003,
    0.100749396, 0.199765116, 0.0300590228, 0.198139101, -0.0587851107, 0.141022637, 0.0856410936],
};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const flat = (ws: ArrayLike<number>[]) => ws.flatMap((w) => Array.from(w));

function ours(): Sequential {
  const m = new Sequential({ layers: [new Dense({ units: 5, inputShape: [3] }), new BatchNormalization({ momentum: MOMENTUM }),
    new Dense({ units: 2 })] });
  m.compile({ optimizer: new SGD({ learningRate: LR }), loss: "meanSquaredError" });
  m.setWeights(INIT);
  return m;
}

function tfSaved(): ModelArtifacts {
  const json = JSON.parse(readFileSync(SAVED_FILE, "utf8"));
  return { ...json, weightData: new Uint8Array(Buffer.from(json.weightData, "base64")).buffer };
}

describe("BatchNormalization follows TensorFlow.js 4.22", () => {
  it("getWeights() lists the weights in TF.js' model order: every trainable one, then the moving statistics", () => {
    const m = ours();
    expect(m.weights().map((w) => w.name.replace(/_\d+\//, "/"))).toEqual(["dense/kernel", "dense/bias", "batch_normalization/gamma",
      "batch_normalization/beta", "dense/kernel", "dense/bias", "batch_normalization/moving_mean", "batch_normalization/moving_variance"]);
    expect(flat(m.getWeights().map((w) => w.data))).toEqual(flat(INIT).map(Math.fround));
    m.dispose();
  });

  it("6 SGD steps from the same weights: every weight and moving statistic within 1e-6 of TF.js's; so are the predictions", async () => {
    const m = ours();
    await m.fit(X, Y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });
    const got = m.getWeights().map((w) => Array.from(w.data));
    const diff = maxAbsDiff(flat(got), flat(TFJS.weights)), stats = maxAbsDiff(flat(got.slice(6)), flat(TFJS.weights.slice(6)));
    const predicted = maxAbsDiff(m.predict(X).data, TFJS.predict);
    console.log(`BatchNormalization, 6 SGD steps, scratchnet vs TensorFlow.js 4.22: max |Δ weight| = ${diff.toExponential(2)}, `
      + `moving statistics ${stats.toExponential(2)}, predictions ${predicted.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    expect(predicted).toBeLessThan(1e-6);
    m.dispose();
  });

  it("loads TensorFlow.js's saved model (names, order, config) and predicts what TF.js predicted", async () => {
    const saved = tfSaved(), m = await loadModel(saved, { compile: false });
    expect(m.layers.map((l) => l.className)).toEqual(["Dense", "BatchNormalization", "Dense"]);
    const bn = m.layers[1] as BatchNormalization;
    expect([bn.momentum, bn.epsilon, bn.center, bn.scale]).toEqual([MOMENTUM, 1e-3, true, true]);
    expect(maxAbsDiff(flat(m.getWeights().map((w) => w.data)), flat(TFJS.weights))).toBeLessThan(5e-9);
    expect(maxAbsDiff(m.predict(X).data, TFJS.predict)).toBeLessThan(1e-6);
    m.dispose();
  });

  it("a file without moving_variance is refused by name; a converted file's unnamed weights load by TF.js' model order", async () => {
    const saved = tfSaved(), specs = saved.weightSpecs!;
    const last = specs.findIndex((w) => w.name.endsWith("/moving_variance"));
    expect(last).toBe(7);
    const bytes = new Uint8Array(saved.weightData as ArrayBuffer);
    const cut = { ...saved, weightSpecs: specs.slice(0, 7), weightData: bytes.slice(0, bytes.length - 20).buffer };
    await expect(loadModel(cut, { compile: false }))
      .rejects.toThrow(/has no batch_normalization_\w+\/moving_variance \(batch_normalization_\w+ needs its moving_variance, shape \[5\]/);
    const unnamed = await loadModel({ ...saved, weightSpecs: specs.map((w, i) => ({ ...w, name: `w${i}` })) }, { compile: false });
    expect(maxAbsDiff(unnamed.predict(X).data, TFJS.predict)).toBeLessThan(1e-6);
    unnamed.dispose();
  });

  it("reads Keras 2's axis list ([1] or [-1]); refuses another axis and a regularizer by name", async () => {
    const saved = tfSaved(), topology = saved.modelTopology as { config: { layers: { config: Record<string, unknown> }[] } };
    const withConfig = (change: Record<string, unknown>) => {
      const copy = structuredClone(topology);
      Object.assign(copy.config.layers[1].config, change);
      return { ...saved, modelTopology: copy };
    };
    for (const axis of [[1], [-1], 1]) {
      const m = await loadModel(withConfig({ axis }), { compile: false });
      expect(maxAbsDiff(m.predict(X).data, TFJS.predict)).toBeLessThan(1e-6);
      m.dispose();
    }
    await expect(loadModel(withConfig({ axis: [0] }), { compile: false }))
      .rejects.toThrow(/axis \[0\] is not the features' axis \(-1 or 1 for flat rows\)/);
    await expect(loadModel(withConfig({ gamma_regularizer: { class_name: "L2", config: { l2: 0.01 } } }), { compile: false }))
      .rejects.toThrow(/gamma_regularizer is not implemented in scratchnet; set it to null in model.json/);
  });

  it("TF.js loads scratchnet's save: the same weights by name and the same predictions", async () => {
    const m = ours();
    await m.fit(X, Y, { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });
    let saved: ModelArtifacts | undefined;
    const info = { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" as const } };
    await m.save({ save: async (a: ModelArtifacts) => ((saved = a), info) });
    expect(saved!.weightSpecs!.filter((w) => w.group !== "optimizer").map((w) => w.name.split("/")[1]))
      .toEqual(["kernel", "bias", "gamma", "beta", "kernel", "bias", "moving_mean", "moving_variance"]);
    await tf.setBackend("cpu");
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    expect(theirs.layers[1].getClassName()).toBe("BatchNormalization");
    expect(maxAbsDiff(flat(theirs.getWeights().map((w) => w.dataSync())), flat(m.getWeights().map((w) => w.data)))).toBe(0);
    expect(maxAbsDiff(tfPredict(theirs), m.predict(X).data)).toBeLessThan(1e-6);
    const back = await loadModel(saved!);
    expect(back.predict(X).data).toEqual(m.predict(X).data);
    m.dispose();
    back.dispose();
  });

  it("the installed TensorFlow.js still gives these literals (live rerun of test/reference/tfjs-batch-norm.ts)", async () => {
    const live = await tfReference();
    expect(maxAbsDiff(flat(live.weights), flat(TFJS.weights))).toBeLessThan(5e-9); // printed to 9 digits
    expect(maxAbsDiff(live.predict, TFJS.predict)).toBeLessThan(5e-9);
  });
});
