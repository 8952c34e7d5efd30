// TensorFlow.js 4.22 (@tensorflow/tfjs, CPU backend, in Node) training a 3-4(tanh)-2(linear) Dense
// model with Adam from fixed weights, full batch (one step per epoch), MSE: the source of the
// literals in test/io/tfjs-adam.test.ts, and the same runs live there. Print the literals (and with
// --write, save TensorFlow.js's model + Adam state after 5 steps to tfjs-adam-saved.json) with
//   npx tsx test/reference/tfjs-adam.ts --write
// Learning rate 0.05 so that 10 steps move the weights far (~0.5) and the bias correction matters.
import * as tf from "@tensorflow/tfjs";
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";

export const X = [[0.5, -1, 0.25], [-0.75, 0.5, 1], [1, 0.25, -0.5], [0.1, -0.3, 0.8], [-1, -0.6, 0.2], [0.3, 0.9, -0.9]];
export const Y = [[1, 0], [0, 1], [0.5, 0.5], [-1, 0.25], [0.2, -0.4], [0.8, 0.1]];
/** Kernel [3, 4], bias [4], kernel [4, 2], bias [2], row-major as getWeights() gives them. */
export const INIT = [
  [0.2, -0.4, 0.1, 0.5, -0.3, 0.25, -0.6, 0.15, 0.45, -0.1, 0.35, -0.2],
  [0.05, -0.05, 0.1, 0],
  [0.3, -0.5, -0.2, 0.4, 0.6, 0.1, -0.35, -0.25],
  [0.1, -0.1],
];
export const LR = 0.05;

/** The model in TensorFlow.js, at INIT (or the given weights), compiled with tf.train.adam(LR) (β 0.9, 0.999, ε 1e-7). */
export function tfModel(weights: number[][] = INIT): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 4, activation: "tanh", inputShape: [3] }));
  m.add(tf.layers.dense({ units: 2, activation: "linear" }));
  m.setWeights(weights.map((w, i) => tf.tensor(w, m.getWeights()[i].shape)));
  m.compile({ optimizer: tf.train.adam(LR, 0.9, 0.999, 1e-7), loss: "meanSquaredError" });
  return m;
}

/** `steps` full-batch Adam steps. */
export async function tfSteps(m: tf.LayersModel, steps: number): Promise<void> {
  await m.fit(tf.tensor2d(X), tf.tensor2d(Y), { epochs: steps, batchSize: X.length, shuffle: false, verbose: 0 });
}

export const tfWeights = (m: tf.LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));
export const tfPredict = (m: tf.LayersModel) => Array.from((m.predict(tf.tensor2d(X)) as tf.Tensor).dataSync());

/** What m.save() hands its handler, optimizer included. */
export async function tfArtifacts(m: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await m.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }), { includeOptimizer: true });
  return artifacts!;
}

/** The numbers the test pins: 10 and 21 steps from INIT; 5 steps, saved, then 10 more (in the same process, and after tf.loadLayersModel). */
export async function tfReference() {
  await tf.setBackend("cpu");
  const m = tfModel();
  await tfSteps(m, 10);
  const after10 = tfWeights(m);
  await tfSteps(m, 11);
  const predict21 = tfPredict(m);
  const r = tfModel();
  await tfSteps(r, 5);
  const saved = await tfArtifacts(r);
  const reloaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
  await tfSteps(r, 10);
  await tfSteps(reloaded, 10);
  return { after10, predict21, saved, continued: tfWeights(r), reloaded: tfWeights(reloaded) };
}

/** TensorFlow.js's save after 5 steps (model.json fields, weightData in base64), written by `--write`. */
export const SAVED_FILE = fileURLToPath(new URL("tfjs-adam-saved.json", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await tfReference();
  const f32 = (a: number[]) => `[${a.map((v) => Number(Math.fround(v).toPrecision(9))).join(", ")}]`;
  console.log(`after10: ${f32(r.after10)},\npredict21: ${f32(r.predict21)},\ncontinued: ${f32(r.continued)},\nreloaded: ${f32(r.reloaded)},`);
  const weightData = Buffer.from(new Uint8Array(r.saved.weightData as ArrayBuffer)).toString("base64");
  if (process.argv.includes("--write")) writeFileSync(SAVED_FILE, `${JSON.stringify({ ...r.saved, weightData }, null, 1)}\n`);
}
