// TensorFlow.js 4.22 (@tensorflow/tfjs, CPU backend, in Node) training test/reference/tfjs-adam.ts's
// 3-4(tanh)-2 model from the same weights, full batch, MSE, with each of its other optimizers:
// the source of the literals in test/io/tfjs-optimizers.test.ts, which also reruns this live.
// With --write it saves TensorFlow.js's model + optimizer state after 5 steps of the resumable
// ones to tfjs-optimizers-saved.json:   npx tsx test/reference/tfjs-optimizers.ts --write
import * as tf from "@tensorflow/tfjs";
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";
import { INIT, tfSteps, tfWeights, tfArtifacts } from "./tfjs-adam.js";

/** Each case: TensorFlow.js's optimizer; `resume` ones are also saved after 5 steps and reloaded. */
export const CASES = {
  momentum: { make: () => tf.train.momentum(0.05, 0.9, false), resume: false },
  nesterov: { make: () => tf.train.momentum(0.05, 0.9, true), resume: true },
  rmsprop: { make: () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7, false), resume: false },
  rmspropMomentum: { make: () => tf.train.rmsprop(0.01, 0.8, 0.5, 1e-6, false), resume: true },
  /** TensorFlow.js 4.22's centered form: √(ms − (mg² + ε)), NaN from the first step. */
  rmspropCentered: { make: () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7, true), resume: false },
  adagrad: { make: () => tf.train.adagrad(0.1, 0.1), resume: true },
  /** TensorFlow.js 4.22's Adadelta: plain SGD at lr 0.5 (scratchnet follows Keras instead). */
  adadelta: { make: () => tf.train.adadelta(0.5, 0.95, 1e-7), resume: true },
  adamax: { make: () => tf.train.adamax(0.02, 0.9, 0.999, 1e-7, 0), resume: false },
  adamaxDecay: { make: () => tf.train.adamax(0.02, 0.8, 0.99, 1e-6, 0.05), resume: false },
} as const;
export type Case = keyof typeof CASES;

function model(opt: tf.Optimizer): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 4, activation: "tanh", inputShape: [3] }));
  m.add(tf.layers.dense({ units: 2, activation: "linear" }));
  m.setWeights(INIT.map((w, i) => tf.tensor(w, m.getWeights()[i].shape)));
  m.compile({ optimizer: opt, loss: "meanSquaredError" });
  return m;
}

/** What TensorFlow.js's compile() makes of each string: its class name and getConfig(). */
export function stringConfigs() {
  const out: Record<string, { className: string; config: Record<string, unknown> }> = {};
  for (const s of ["sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamax"]) {
    const m = model(tf.train.sgd(1));
    m.compile({ optimizer: s, loss: "meanSquaredError" });
    out[s] = { className: (m.optimizer.constructor as unknown as { className: string }).className, config: m.optimizer.getConfig() as Record<string, unknown> };
  }
  return out;
}

/** 10 steps from INIT per case; for the resumable ones, 5 steps saved, reloaded, then 10 more. */
export async function tfReference() {
  await tf.setBackend("cpu");
  const after10: Record<string, number[]> = {}, reloaded: Record<string, number[]> = {}, saved: Record<string, tf.io.ModelArtifacts> = {};
  for (const [name, c] of Object.entries(CASES)) {
    const m = model(c.make());
    await tfSteps(m, 10);
    after10[name] = tfWeights(m);
    if (!c.resume) continue;
    const r = model(c.make());
    await tfSteps(r, 5);
    saved[name] = await tfArtifacts(r);
    const back = await tf.loadLayersModel(tf.io.fromMemory(saved[name]));
    await tfSteps(back, 10);
    reloaded[name] = tfWeights(back);
  }
  return { after10, reloaded, saved };
}

/** TensorFlow.js's saves after 5 steps (model.json fields, weightData in base64), written by `--write`. */
export const SAVED_FILE = fileURLToPath(new URL("tfjs-optimizers-saved.json", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await tfReference();
  const f32 = (a: number[]) => `[${a.map((v) => Number(Math.fround(v).toPrecision(9))).join(", ")}]`;
  for (const [k, v] of Object.entries(r.after10)) console.log(`after10.${k}: ${f32(v)},`);
  for (const [k, v] of Object.entries(r.reloaded)) console.log(`reloaded.${k}: ${f32(v)},`);
  console.log(JSON.stringify(stringConfigs()));
  const files = Object.fromEntries(Object.entries(r.saved).map(([k, s]) => [k, { ...s, weightData: Buffer.from(new Uint8Array(s.weightData as ArrayBuffer)).toString("base64") }]));
  if (process.argv.includes("--write")) writeFileSync(SAVED_FILE, `${JSON.stringify(files)}\n`);
}
