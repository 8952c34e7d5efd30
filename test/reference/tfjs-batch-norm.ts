// TensorFlow.js 4.22 (@tensorflow/tfjs, CPU backend, in Node) training Dense(3→5, linear) →
// BatchNormalization(momentum 0.9) → Dense(2, linear) with SGD (lr 0.1), MSE, batches of 4 of
// 8 rows, no shuffle, 3 epochs (6 steps): the source of the literals in
// test/layers/batch-normalization-tfjs.test.ts, which also reruns it live. Print them (and with
// --write, save TensorFlow.js's trained model to tfjs-batch-norm-saved.json) with
//   npx tsx test/reference/tfjs-batch-norm.ts --write
// Momentum 0.9 (not the default 0.99) so that 6 steps move the moving statistics visibly.
import * as tf from "@tensorflow/tfjs";
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";

export const X = [[0.5, -1, 0.25], [-0.75, 0.5, 1], [1, 0.25, -0.5], [0.1, -0.3, 0.8], [-1, -0.6, 0.2], [0.3, 0.9, -0.9], [0.7, 0.2, 0.4],
  [-0.2, -0.8, -0.6]];
export const Y = [[1, 0], [0, 1], [0.5, 0.5], [-1, 0.25], [0.2, -0.4], [0.8, 0.1], [-0.3, 0.6], [0.4, -0.7]];
/**
 * In TF.js' model order (model.getWeights(): every layer's trainable weights, then every layer's
 * non-trainable ones): Dense kernel [3, 5] and bias [5]; γ, β [5]; Dense kernel [5, 2] and bias [2];
 * moving mean, moving variance [5].
 */
export const INIT = [
  [0.2, -0.4, 0.1, 0.5, -0.3, 0.25, -0.6, 0.15, 0.45, -0.1, 0.35, -0.2, 0.3, -0.5, 0.05],
  [0.05, -0.05, 0.1, 0, 0.02],
  [1, 0.9, 1.1, 1.2, 0.8],
  [0, 0.1, -0.1, 0.05, 0],
  [0.3, -0.5, -0.2, 0.4, 0.6, 0.1, -0.35, -0.25, 0.15, 0.2],
  [0.1, -0.1],
  [0, 0.2, -0.1, 0, 0.3],
  [1, 0.5, 2, 1, 1.5],
];
export const LR = 0.1;
export const MOMENTUM = 0.9;

/** The model in TensorFlow.js at INIT, compiled with tf.train.sgd(LR) and MSE. */
export function tfModel(weights: number[][] = INIT): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 5, inputShape: [3] }));
  m.add(tf.layers.batchNormalization({ momentum: MOMENTUM }));
  m.add(tf.layers.dense({ units: 2 }));
  m.setWeights(weights.map((w, i) => tf.tensor(w, m.getWeights()[i].shape)));
  m.compile({ optimizer: tf.train.sgd(LR), loss: "meanSquaredError" });
  return m;
}

export const tfWeights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
export const tfPredict = (m: tf.LayersModel) => Array.from((m.predict(tf.tensor2d(X)) as tf.Tensor).dataSync());

/** Weights (in INIT's order) and predictions after 3 epochs; the saved model. */
export async function tfReference() {
  await tf.setBackend("cpu");
  const m = tfModel();
  await m.fit(tf.tensor2d(X), tf.tensor2d(Y), { epochs: 3, batchSize: 4, shuffle: false, verbose: 0 });
  let saved: tf.io.ModelArtifacts | undefined;
  const info = { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" as const } };
  await m.save(tf.io.withSaveHandler(async (a) => ((saved = a), info)));
  return { weights: tfWeights(m), predict: tfPredict(m), names: m.weights.map((w) => w.name), saved: saved! };
}

/** TensorFlow.js's save after the 6 steps (model.json fields, weightData in base64), written by `--write`. */
export const SAVED_FILE = fileURLToPath(new URL("tfjs-batch-norm-saved.json", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await tfReference();
  const digits = (a: number[]) => `[${a.map((v) => Number(v.toPrecision(9))).join(", ")}]`;
  console.log(`weights: [\n${r.weights.map((w) => `    ${digits(w)},`).join("\n")}\n  ],`);
  console.log(`predict: ${digits(r.predict)},`);
  console.log(`names: ${JSON.stringify(r.names)}`);
  if (process.argv.includes("--write")) {
    const { weightData, ...rest } = r.saved;
    writeFileSync(SAVED_FILE, JSON.stringify({ ...rest, weightData: Buffer.from(weightData as ArrayBuffer).toString("base64") }) + "\n");
    console.log(`wrote ${SAVED_FILE}`);
  }
}
