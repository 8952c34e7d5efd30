// Issue 14's losses as TensorFlow.js 4.22 computes them (cpu backend) for a 4×3 batch: the model's
// loss (tfjs-layers' lossesMap function, what compile({loss}) resolves, averaged over the batch as
// fit() does; huber: tf.losses.huberLoss, δ = 1, whose default reduction is that mean) and its
// gradient with respect to the predictions by tf.grad. `npx tsx test/reference/tfjs-losses.ts`
// prints the literals test/io/tfjs-losses.test.ts pins.
import * as tf from "@tensorflow/tfjs";
import { lossesMap } from "@tensorflow/tfjs-layers/dist/losses.js";

export const LOSSES = ["meanAbsoluteError", "meanAbsolutePercentageError", "meanSquaredLogarithmicError", "huber", "hinge",
  "squaredHinge", "logcosh", "poisson", "kullbackLeiblerDivergence", "categoricalHinge"] as const;
export type TfjsLoss = (typeof LOSSES)[number];
export const ROWS = 4, COLS = 3;
const BASE_A = [0.3, -1.2, 2.5, 0.05, 0.9, -0.4, 1.7, -2.2, 0.6, -0.8, 0.15, 1.1];
const BASE_Y = [0.5, -0.7, 2.0, 0.0, 1.4, -1.9, 1.0, -1.0, 0.2, -0.3, 0.8, 2.4];

/** Predictions and targets in the range each loss is for (±1 targets for hinge, probabilities for KL...). */
export function batch(name: TfjsLoss): { a: number[]; y: number[] } {
  if (name === "hinge" || name === "squaredHinge") return { a: BASE_A, y: BASE_Y.map((v) => (v > 0 ? 1 : -1)) };
  if (name === "categoricalHinge") return { a: BASE_A, y: [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1] };
  if (name === "kullbackLeiblerDivergence") return { a: BASE_A.map((v) => 0.05 + Math.abs(v) / 2.6), y: BASE_Y.map((v) => 0.02 + Math.abs(v) / 2.5) };
  if (name === "poisson" || name === "meanSquaredLogarithmicError") return { a: BASE_A.map((v) => 0.1 + Math.abs(v)), y: BASE_Y.map(Math.abs) };
  return { a: BASE_A, y: BASE_Y };
}

/** { name: [loss, dLoss/da] } from TF.js itself. */
export function tfjsLosses(): Record<TfjsLoss, [number, number[]]> {
  tf.setBackend("cpu");
  return Object.fromEntries(LOSSES.map((name) => {
    const { a, y } = batch(name), yt = tf.tensor2d(y, [ROWS, COLS]);
    const f = name === "huber" ? (p: tf.Tensor) => tf.losses.huberLoss(yt, p) : (p: tf.Tensor) => tf.mean(lossesMap[name](yt, p));
    const at = tf.tensor2d(a, [ROWS, COLS]);
    return [name, [f(at).dataSync()[0], Array.from(tf.grad(f)(at).dataSync())]];
  })) as Record<TfjsLoss, [number, number[]]>;
}

if (process.argv[1]?.endsWith("tfjs-losses.ts")) {
  for (const [name, [v, g]] of Object.entries(tfjsLosses())) console.log(`  ${name}: [${v.toPrecision(9)}, [${g.map((x) => x.toPrecision(9)).join(", ")}]],`);
}
