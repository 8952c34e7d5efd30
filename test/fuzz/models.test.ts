// Fuzz (issue 6): random small models (1–3 Dense layers, every activation, loss and optimizer,
// odd sizes, batch sizes that do and do not divide the rows) through fit(), predict() and
// evaluate(), against the float64 plain-TypeScript training loop in reference-fit.ts.
import { describe, it } from "vitest";
import { Sequential, Dense, SGD, Adam, TrainingError, engine } from "../../src/index.js";
import { trialsAsync, near, same, bits, type Draw } from "./fuzz.js";
import { fit, forward, lossValue, seedState, type Act, type Loss, type RefLayer, type RefOptimizer, type RefTargets } from "./reference-fit.js";

const f = Math.fround;
const maxAbs = (x: ArrayLike<number>) => Array.from(x).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * float32 against float64, relative to the largest weight (or loss, or output). Measured over
 * 1,400 trials (FUZZ_SEED 1–8, 200 each, FUZZ_REPORT=1 prints the worst): predict ≤ 7.7e-7;
 * weights and history.loss after fit ≤ 6.3e-6, except one 1.1e-4 (a saturated softmax trained
 * with binary cross-entropy, whose clipped 1/(a(1 − a)) gradient magnifies float32 rounding).
 */
const TOLERANCE = { weights: 1e-3, loss: 1e-3, predict: 1e-5 };

/** A random model and data set that fit() accepts. */
function draw(d: Draw) {
  const lossName = d.pick<Loss>(["meanSquaredError", "binaryCrossentropy", "categoricalCrossentropy", "sparseCategoricalCrossentropy"]);
  const inputs = d.int(1, 12), rows = d.int(1, 40), depth = d.int(1, 3);
  const hidden = Array.from({ length: depth - 1 }, () => ({ units: d.int(1, 13), activation: d.pick<Act>(["linear", "sigmoid", "tanh", "relu", "softmax"]) }));
  const ce = lossName === "categoricalCrossentropy" || lossName === "sparseCategoricalCrossentropy";
  const units = ce ? d.int(2, 7) : d.int(1, 5);
  const output: Act = ce ? d.pick<Act>(["softmax", "softmax", "sigmoid"]) : lossName === "binaryCrossentropy" ? d.pick<Act>(["sigmoid", "sigmoid", "softmax"]) : d.pick<Act>(["linear", "tanh", "sigmoid", "relu"]);
  const layers = [...hidden.map((h) => (h.activation === "softmax" && h.units === 1 ? { ...h, activation: "tanh" as Act } : h)), { units, activation: output === "softmax" && units === 1 ? ("sigmoid" as Act) : output }];
  const x = Array.from(d.values(rows * inputs, 2));
  let targets: RefTargets;
  if (ce && d.unit() < 0.6) targets = { sparse: true, values: Array.from({ length: rows }, () => d.int(0, units - 1)) };
  else if (ce) targets = { sparse: false, values: Array.from({ length: rows }, () => d.int(0, units - 1)).flatMap((c) => Array.from({ length: units }, (_, j) => (j === c ? 1 : 0))) };
  else if (lossName === "binaryCrossentropy") targets = { sparse: false, values: Array.from({ length: rows * units }, () => d.int(0, 1)) };
  else targets = { sparse: false, values: Array.from(d.values(rows * units, 1.5)) };
  const optimizer: RefOptimizer = d.unit() < 0.5
    ? { name: "sgd", lr: f(0.01 + 0.3 * d.unit()), momentum: d.unit() < 0.5 ? 0 : f(0.5 + 0.4 * d.unit()) }
    : { name: "adam", lr: f(0.001 + 0.02 * d.unit()), beta1: f(0.9), beta2: f(0.999), epsilon: f(1e-7) };
  const fitArgs = { epochs: d.int(1, 3), batchSize: d.pick([1, 2, 3, 5, 8, 16, 32, 64]), shuffle: d.unit() < 0.7, seed: d.int(0, 1000) };
  return { lossName, inputs, rows, layers, x, targets, optimizer, fitArgs };
}

describe("fuzz: random models through fit, predict and evaluate", () => {
  it("match the float64 plain-TypeScript loop", async () => {
    const worst = { weights: 0, loss: 0, predict: 0 };
    let diverged = 0;
    await trialsAsync("models", Number(process.env.FUZZ_MODELS ?? 100), async (d) => {
      const c = draw(d);
      d.drew = `${c.inputs}→${c.layers.map((l) => `${l.units} ${l.activation}`).join("→")}, ${c.lossName}, ${JSON.stringify(c.optimizer)}, ${c.rows} rows, ${JSON.stringify(c.fitArgs)}`;
      const model = new Sequential({ seed: d.int(0, 1e6), layers: c.layers.map((l, i) => new Dense({ units: l.units, activation: l.activation, ...(i === 0 ? { inputShape: [c.inputs] } : {}) })) });
      try {
        const o = c.optimizer;
        model.compile({ optimizer: o.name === "adam" ? new Adam({ learningRate: o.lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon }) : new SGD({ learningRate: o.lr, momentum: o.momentum }), loss: c.lossName });
        const initial = model.getWeights();
        const ref: RefLayer[] = c.layers.map((l, i) => ({ ...l, kernel: Array.from(initial[2 * i].data), bias: Array.from(initial[2 * i + 1].data) }));
        const y = c.targets.sparse ? c.targets.values : Array.from({ length: c.rows }, (_, r) => c.targets.values.slice(r * c.layers.at(-1)!.units, (r + 1) * c.layers.at(-1)!.units));
        const xRows = Array.from({ length: c.rows }, (_, r) => c.x.slice(r * c.inputs, (r + 1) * c.inputs));
        const history = await model.fit(xRows, y, { ...c.fitArgs, verbose: 0 }).catch((e: Error) => e);
        const refLoss = fit(ref, c.x, c.targets, c.rows, c.inputs, { loss: c.lossName, optimizer: o, ...c.fitArgs, rngState: seedState(c.fitArgs.seed) });
        if (history instanceof Error) {
          // A legitimate divergence (a large step size on a linear net): the float64 loop must blow up too.
          if (!(history instanceof TrainingError)) throw history;
          const blown = ref.some((l) => !(maxAbs(l.kernel) < 1e6)) || refLoss.some((l) => !(l < 1e12));
          if (!blown) throw new Error(`fit() diverged but the float64 loop did not (losses ${refLoss}): ${history.message}`);
          diverged++;
          return;
        }
        const scale = Math.max(1, ...ref.map((l) => maxAbs(l.kernel)));
        const trained = model.getWeights();
        ref.forEach((l, i) => {
          for (const [got, want, what] of [[trained[2 * i].data, l.kernel, "kernel"], [trained[2 * i + 1].data, l.bias, "bias"]] as const) {
            const w = Math.max(...Array.from(got, (g, j) => Math.abs(g - want[j]) / scale));
            if (w > worst.weights && process.env.FUZZ_REPORT) console.log(w, d.drew);
            worst.weights = Math.max(worst.weights, w);
            near(`layer ${i} ${what} after fit`, got, want, TOLERANCE.weights, () => scale);
          }
        });
        worst.loss = Math.max(worst.loss, ...history.history.loss.map((l, e) => Math.abs(l - refLoss[e]) / Math.max(1, refLoss[e])));
        near("history.loss", history.history.loss, refLoss, TOLERANCE.loss, (e) => Math.max(1, refLoss[e]));

        // predict: the model's own weights through the f64 forward pass; any batch size, the same bits.
        const mine: RefLayer[] = c.layers.map((l, i) => ({ ...l, kernel: Array.from(trained[2 * i].data), bias: Array.from(trained[2 * i + 1].data) }));
        const outs = forward(mine, c.x, c.rows, c.inputs), want = outs[outs.length - 1];
        const got = model.predict(xRows).data;
        const size = Math.max(1, maxAbs(want));
        worst.predict = Math.max(worst.predict, ...Array.from(got, (g, j) => Math.abs(g - want[j]) / size));
        near("predict", got, want, TOLERANCE.predict, () => size);
        same("predict with batchSize 3", bits(model.predict(xRows, { batchSize: 3 }).data), bits(got));
        const [evaluated] = model.evaluate(xRows, y);
        const refEval = lossValue(c.lossName, want, c.targets, c.rows, c.layers.at(-1)!.units, c.layers.at(-1)!.activation);
        near("evaluate", [evaluated], [refEval], TOLERANCE.predict, () => Math.max(1, refEval));
      } finally {
        model.dispose();
      }
    });
    if (process.env.FUZZ_REPORT) console.log("worst relative differences:", worst, "diverged", diverged, "live bytes", engine().heap.liveBytes);
  });
});
