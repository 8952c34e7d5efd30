// Adam against TensorFlow.js 4.22 itself (CPU backend, in Node): the same 3-4(tanh)-2 model from
// the same weights, full-batch MSE steps at lr 0.05. The literals were printed by
// test/reference/tfjs-adam.ts (`npx tsx test/reference/tfjs-adam.ts --write`, which also wrote
// tfjs-adam-saved.json, TensorFlow.js's own save after 5 steps); the last test reruns TensorFlow.js
// live and checks that it still gives them. Before scratchnet followed TensorFlow.js's update (ε on
// the bias-corrected √v̂, accumulated f32 powers of β) it was 5.3e-4 off in the weights after 10
// steps, 1.2e-4 in the predictions after 21, and 5.1e-5 after resuming TensorFlow.js's state.
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { readFileSync } from "node:fs";
import { Sequential, Dense, Adam } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { X, Y, INIT, LR, SAVED_FILE, tfReference } from "../reference/tfjs-adam.js";

const TFJS = {
  after10: [-0.144323483, -0.373774618, 0.51739341, 0.108969644, -0.504899263, 0.297442168, -0.129556239, -0.244259506, 0.0388448536, 0.365325272, -0.0759370029, 0.222840533, -0.259608537, 0.218677223, 0.371801347, -0.339156389, -0.125212267, -0.267031252, -0.447999954, 0.255696893, 0.221497998, 0.20466955, 0.000741272233, 0.143233985, 0.219411507, 0.188135833],
  predict21: [0.593635201, -0.298265934, -0.450860292, 0.851993024, 0.684117556, 0.33878386, -0.185603201, 0.511820674, 0.206213444, -0.369986176, 0.546881914, 0.413388729],
  /** 5 steps, saved, then 10 more in the same process: accBeta kept by multiplication. */
  continued: [-0.355073035, -0.331499815, 0.615670979, 0.0315176956, -0.733700633, 0.508926749, 0.0440934896, -0.269393921, -0.0603414737, 0.591606617, -0.202541173, 0.351137429, -0.268123984, 0.167346448, 0.325885981, -0.434385747, -0.232618377, -0.388691694, -0.694296956, 0.361703783, 0.133740723, 0.0545396283, 0.0247518923, 0.309612334, 0.304115683, 0.166931495],
  /** The same save, tf.loadLayersModel, then 10 steps: setWeights() recomputes accBeta = pow(β, iter + 1). */
  reloaded: [-0.355073512, -0.33149913, 0.615671694, 0.0315170325, -0.733701885, 0.508928001, 0.0440945327, -0.269394159, -0.0603420883, 0.591608047, -0.202542007, 0.351138264, -0.268124342, 0.167346537, 0.325886041, -0.4343867, -0.232619017, -0.388692111, -0.694298387, 0.361703962, 0.133739948, 0.0545392185, 0.0247523934, 0.309613109, 0.30411607, 0.166931704],
};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const fitSteps = (m: Sequential, steps: number) => m.fit(X, Y, { epochs: steps, batchSize: X.length, shuffle: false, verbose: 0 });
const weightsOf = (m: Sequential) => m.getWeights().flatMap((w) => Array.from(w.data));

function ours(): Sequential {
  const m = new Sequential({ layers: [new Dense({ units: 4, activation: "tanh", inputShape: [3] }), new Dense({ units: 2, activation: "linear" })] });
  m.compile({ optimizer: new Adam({ learningRate: LR }), loss: "meanSquaredError" });
  m.setWeights(INIT);
  return m;
}

function tfSaved(): ModelArtifacts {
  const json = JSON.parse(readFileSync(SAVED_FILE, "utf8"));
  return { ...json, weightData: new Uint8Array(Buffer.from(json.weightData, "base64")).buffer };
}

describe("Adam follows TensorFlow.js 4.22", () => {
  it("10 steps from the same weights: every weight within 1e-6 of TensorFlow.js's", async () => {
    const m = ours();
    await fitSteps(m, 10);
    const diff = maxAbsDiff(weightsOf(m), TFJS.after10);
    console.log(`Adam, 10 steps, scratchnet vs TensorFlow.js 4.22: max |Δ weight| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    m.dispose();
  });

  it("21 steps: predictions within 1e-6 of TensorFlow.js's (Keras' form was 1.2e-4 off)", async () => {
    const m = ours();
    await fitSteps(m, 21);
    const diff = maxAbsDiff(m.predict(X).data, TFJS.predict21);
    console.log(`Adam, 21 steps, scratchnet vs TensorFlow.js 4.22: max |Δ prediction| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    m.dispose();
  });

  it("TensorFlow.js's model + Adam state saved after 5 steps resumes here: 10 more steps within 1e-6 of TensorFlow.js resuming it", async () => {
    const m = await loadModel(tfSaved());
    expect([m.optimizer!.name, m.optimizer!.iterations]).toEqual(["Adam", 5]);
    // What tf.loadLayersModel does: accBeta = pow(β, 6) in f32, not the product 5 steps left.
    const k = m.engine!.k, adam = m.optimizer as Adam;
    expect([adam.accBeta1, adam.accBeta2]).toEqual([Math.fround(Math.fround(0.9) ** 6), Math.fround(Math.fround(0.999) ** 6)]);
    expect(adam.accBeta1).toBe(k.adamBetaPower(0.9, 6));
    await fitSteps(m, 10);
    const [reloaded, continued] = [TFJS.reloaded, TFJS.continued].map((t) => maxAbsDiff(weightsOf(m), t));
    // TensorFlow.js itself lands 1.4e-6 apart depending on whether it reloaded: its pow(β, 6) and its
    // product of five f32 multiplications differ by ulps, and 1 − β2^t ≈ 0.006 magnifies them.
    console.log(`TensorFlow.js Adam state resumed here, 10 steps: max |Δ weight| = ${reloaded.toExponential(2)} vs TensorFlow.js reloaded, ${continued.toExponential(2)} vs TensorFlow.js continuing in-process (which is ${maxAbsDiff(TFJS.reloaded, TFJS.continued).toExponential(2)} from its reload)`);
    expect(reloaded).toBeLessThan(1e-6);
    expect(continued).toBeLessThan(2e-6);
    m.dispose();
  });

  it("a scratchnet save keeps the multiplied β^t in the optimizer config, so its own resume is bit for bit", async () => {
    const straight = ours();
    await fitSteps(straight, 15);
    const first = ours();
    await fitSteps(first, 5);
    let saved: ModelArtifacts | undefined;
    await first.save({ save: async (a: ModelArtifacts) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } }) });
    const config = saved!.trainingConfig!.optimizer_config.config!;
    expect([config.accBeta1, config.accBeta2]).toEqual([(first.optimizer as Adam).accBeta1, (first.optimizer as Adam).accBeta2]);
    // TensorFlow.js loads that file (its Adam.fromConfig takes the four keys it knows).
    const theirs = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    expect(Object.keys(theirs.optimizer.getConfig()).sort()).toEqual(["beta1", "beta2", "epsilon", "learningRate"]);
    const resumed = await loadModel(saved!);
    await fitSteps(resumed, 10);
    expect(weightsOf(resumed)).toEqual(weightsOf(straight));
    // Without them the file resumes as TensorFlow.js would (pow), which is not the same bits.
    const { accBeta1: _a, accBeta2: _b, ...tfjsConfig } = config;
    const asTfjs = await loadModel({ ...saved!, trainingConfig: { ...saved!.trainingConfig!, optimizer_config: { class_name: "Adam", config: tfjsConfig } } });
    await fitSteps(asTfjs, 10);
    expect(weightsOf(asTfjs)).not.toEqual(weightsOf(straight));
    expect(maxAbsDiff(weightsOf(asTfjs), weightsOf(straight))).toBeLessThan(1e-5);
    for (const m of [straight, first, resumed, asTfjs]) m.dispose();
    const bad = { ...saved!, trainingConfig: { ...saved!.trainingConfig!, optimizer_config: { class_name: "Adam", config: { ...config, accBeta2: 2 } } } };
    await expect(loadModel(bad)).rejects.toThrow(/accBeta1\/accBeta2 must be numbers in \[0, 1\), got 0\.\d+, 2/);
  });

  it("the installed TensorFlow.js still gives these literals (live rerun of test/reference/tfjs-adam.ts)", async () => {
    const live = await tfReference();
    for (const key of ["after10", "predict21", "continued", "reloaded"] as const) {
      expect(maxAbsDiff(live[key], TFJS[key]), key).toBeLessThan(5e-9); // printed to 9 digits
    }
  });
});
