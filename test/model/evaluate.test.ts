// evaluate() and fit()'s validation over several chunks, and Keras' binary accuracy over several
// outputs (issue 12: a partial last chunk weighted as a full one, and binary accuracy divided by
// rows instead of rows × outputs, passed every other test). References: the float64 forward pass
// and losses of test/fuzz/reference-fit.ts on the model's own weights, and a hand-computed case.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD } from "../../src/index.js";
import { forward, lossValue, type Act, type Loss, type RefLayer, type RefTargets } from "../fuzz/reference-fit.js";
import { argmaxRows, countCorrectBinary } from "../reference/metrics.js";
import { rowsOf, seeded } from "./util.js";

// 300 rows: evaluate()'s and fit's validation chunk of 256 rows (their default) plus a partial
// chunk of 44; batchSize 7 gives 42 full chunks and one of 6; batchSize 300 is one chunk.
const ROWS = 300, INPUTS = 5;
const x = rowsOf(ROWS, INPUTS, 1201);

interface Case { loss: Loss; output: Act; units: number; y: number[] | number[][]; targets: RefTargets }

/** Labels and targets drawn without regard to x, so the loss stays far from 0 (about 1 for cross-entropy). */
function cases(): Case[] {
  const labels = seeded(ROWS, 1202, 0, 3).map(Math.floor);
  const bits = seeded(ROWS * 2, 1203, 0, 2).map(Math.floor);
  const reals = seeded(ROWS * 3, 1204, -1, 1);
  const rows = (v: number[], cols: number) => Array.from({ length: ROWS }, (_, r) => v.slice(r * cols, (r + 1) * cols));
  return [
    { loss: "sparseCategoricalCrossentropy", output: "softmax", units: 3, y: labels, targets: { sparse: true, values: labels } },
    { loss: "binaryCrossentropy", output: "sigmoid", units: 2, y: rows(bits, 2), targets: { sparse: false, values: bits } },
    { loss: "meanSquaredError", output: "linear", units: 3, y: rows(reals, 3), targets: { sparse: false, values: reals } },
  ];
}

function model(c: Case): Sequential {
  const m = new Sequential({ seed: 12, layers: [new Dense({ units: 6, activation: "tanh", inputShape: [INPUTS] }), new Dense({ units: c.units, activation: c.output })] });
  m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: c.loss, metrics: ["accuracy"] });
  return m;
}

/** The float64 loss and Keras' accuracy of the model's current weights on all rows at once. */
function reference(m: Sequential, c: Case): { loss: number; accuracy: number } {
  const w = m.getWeights();
  const layers: RefLayer[] = [{ units: 6, activation: "tanh" as Act }, { units: c.units, activation: c.output }]
    .map((l, i) => ({ ...l, kernel: Array.from(w[2 * i].data), bias: Array.from(w[2 * i + 1].data) }));
  const outs = forward(layers, x.flat(), ROWS, INPUTS), a = outs[outs.length - 1];
  const loss = lossValue(c.loss, a, c.targets, ROWS, c.units);
  if (c.loss === "binaryCrossentropy") return { loss, accuracy: countCorrectBinary(a, c.targets.values) / (ROWS * c.units) };
  const truth = c.targets.sparse ? c.targets.values : argmaxRows(c.targets.values, ROWS, c.units);
  return { loss, accuracy: argmaxRows(a, ROWS, c.units).filter((p, r) => p === truth[r]).length / ROWS };
}

describe("evaluate() over several chunks equals one chunk and the float64 reference", () => {
  it.each(cases())("$loss, $units outputs: default batchSize (256 + 44), 7 (42 × 7 + 6) and 300 (one chunk)", (c) => {
    const m = model(c), want = reference(m, c);
    for (const batchSize of [undefined, 7, ROWS]) {
      const [loss, accuracy] = m.evaluate(x, c.y, batchSize === undefined ? {} : { batchSize });
      // f32 forward against f64: measured ≤ 5.2e-9 relative (losses 1.15, 0.71, 0.51) for every
      // batchSize; a full weight on the last chunk adds 70% at the default and 0.3% at 7.
      expect(Math.abs(loss - want.loss) / want.loss, `loss, batchSize ${batchSize}`).toBeLessThan(1e-7);
      // Accuracy is a count: exact, unless a prediction sits within f32 rounding of a tie (none here).
      expect(accuracy, `accuracy, batchSize ${batchSize}`).toBe(want.accuracy);
    }
    m.dispose();
  });

  it.each(cases())("$loss: fit's val_loss and val_accuracy on 300 rows (chunks of 256 + 44) after one epoch", async (c) => {
    const m = model(c);
    const history = await m.fit(x.slice(0, 20), c.y.slice(0, 20) as Case["y"], { epochs: 1, batchSize: 5, verbose: 0, validationData: [x, c.y] });
    const want = reference(m, c); // validation runs on the weights at the epoch's end: the final ones
    expect(Math.abs(history.history.val_loss[0] - want.loss) / want.loss).toBeLessThan(1e-7); // as above
    expect(history.history.val_accuracy[0]).toBe(want.accuracy);
    m.dispose();
  });
});

describe("binary accuracy over 3 outputs: (right predictions) / (rows × outputs), by hand", () => {
  // Dense(3, sigmoid) with the identity kernel and zero bias: a = σ(x), so an output is 1 (a > 0.5)
  // exactly where x > 0. Predictions [1 0 1], [0 0 1], [1 1 0], [0 1 1] against the targets below
  // are right 1 + 1 + 2 + 1 = 5 times of 12: accuracy 5/12 (per row it would be 5/4).
  const xs = [[1, -1, 2], [-1, -1, 1], [2, 1, -2], [-3, 1, 1]];
  const ys = [[1, 1, 0], [0, 1, 0], [1, 1, 1], [1, 0, 1]];
  const HAND = 5 / 12;
  const identity = () => {
    const m = new Sequential({ layers: [new Dense({ units: 3, activation: "sigmoid", inputShape: [3] })] });
    m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
    m.setWeights([[1, 0, 0, 0, 1, 0, 0, 0, 1], [0, 0, 0]]);
    return m;
  };

  it("evaluate(), in one chunk and in chunks of 3 + 1", () => {
    const m = identity();
    expect(m.evaluate(xs, ys)[1]).toBe(HAND);
    expect(m.evaluate(xs, ys, { batchSize: 3 })[1]).toBe(HAND);
    m.dispose();
  });

  it("fit()'s accuracy: one batch of all 4 rows is judged before its update", async () => {
    const m = identity();
    const history = await m.fit(xs, ys, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    expect(history.history.accuracy[0]).toBe(HAND);
    m.dispose();
  });
});
