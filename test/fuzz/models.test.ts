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
 * float32 against float64, relative to the largest weight (or loss, or output); FUZZ_REPORT=1
 * prints the worst. Measured (2 Dec 2026, Adam in TF.js's form) with the default FUZZ_SEED, 100
 * trials (what `npm test` runs): weights 7.3e-7, loss 5.0e-7, predict 1.7e-7. weights: 1e-5, about
 * 10× that (it was 1e-3). Over FUZZ_SEED 1–15, 200 trials each, 5 seeds have a trial beyond 1e-5
 * (up to 3.7e-4); each is a softmax + BCE trial or one the allowance of amplified() covers.
 */
const TOLERANCE = { weights: 1e-5, loss: 1e-3, predict: 1e-5 };

/**
 * A softmax output trained with binary cross-entropy takes the unfused gradient, whose clipped
 * 1/(a(1 − a)) magnifies float32's rounding of a saturated a: measured worst 1.1e-4 (FUZZ_SEED=4,
 * 9→3 linear→9 linear→2 softmax, SGD lr 0.29), so 1e-3 there. FUZZ_SEED=16 fails, as it did at
 * 1e-3 everywhere: trial 65 (11→10 linear→2 softmax, BCE, SGD with momentum, batch 1) saturates
 * its softmax, and at the clip's bound the gradient jumps between ~8e6/n and 0 (TF.js's and
 * Keras' rule, the kernel's since this branch; before, it never fell to 0 and the trial ended 3%
 * off): float32 and float64 cross the bound at different steps, so no tolerance fits this trial.
 */
const SOFTMAX_BCE_WEIGHTS = 1e-3;

/**
 * Training that amplifies rounding on its own: started from weights moved by one float32 ulp
 * (2^-23, relative), the float64 loop ends `sens` away (relative to the largest weight); float32
 * rounds at every step, so its result may be up to steps × sens away. The trials it admits
 * (FUZZ_SEED 5, 7, 9, 11, 13): SGD at lr ≈ 0.2 with batch 1 on tanh/relu nets, e.g. FUZZ_SEED=9's
 * 11→13 linear→13 relu→3 tanh, MSE, 48 steps: sens 8.1e-4, error 3.7e-4; and FUZZ_SEED=11's
 * Adam run (12→7 relu→8 tanh→6 softmax, 3 steps, error 3.2e-4, so sens ≥ 1.1e-4: Adam's m/√v
 * magnifies small gradients). Computed only for a trial beyond the plain tolerance.
 */
function amplified(start: () => RefLayer[], trained: RefLayer[], refit: (layers: RefLayer[]) => unknown, steps: number, scale: number): number {
  const moved = start().map((l) => ({ ...l, kernel: l.kernel.map((v, j) => v * (1 + (j % 2 ? 1 : -1) * 2 ** -23)), bias: l.bias.map((v, j) => v * (1 + (j % 2 ? -1 : 1) * 2 ** -23)) }));
  refit(moved);
  const sens = Math.max(...trained.flatMap((l, i) => [...l.kernel.map((v, j) => Math.abs(v - moved[i].kernel[j])), ...l.bias.map((v, j) => Math.abs(v - moved[i].bias[j]))])) / scale;
  return steps * sens;
}

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
        const start = (): RefLayer[] => c.layers.map((l, i) => ({ ...l, kernel: Array.from(initial[2 * i].data), bias: Array.from(initial[2 * i + 1].data) }));
        const ref = start();
        const refit = (layers: RefLayer[]) => fit(layers, c.x, c.targets, c.rows, c.inputs, { loss: c.lossName, optimizer: o, ...c.fitArgs, rngState: seedState(c.fitArgs.seed) });
        const y = c.targets.sparse ? c.targets.values : Array.from({ length: c.rows }, (_, r) => c.targets.values.slice(r * c.layers.at(-1)!.units, (r + 1) * c.layers.at(-1)!.units));
        const xRows = Array.from({ length: c.rows }, (_, r) => c.x.slice(r * c.inputs, (r + 1) * c.inputs));
        const history = await model.fit(xRows, y, { ...c.fitArgs, verbose: 0 }).catch((e: Error) => e);
        const refLoss = refit(ref);
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
        const pairs = ref.flatMap((l, i) => [[i, "kernel", trained[2 * i].data, l.kernel], [i, "bias", trained[2 * i + 1].data, l.bias]] as const);
        const here = Math.max(...pairs.flatMap(([, , got, want]) => Array.from(got, (g, j) => Math.abs(g - want[j]) / scale)));
        if (here > worst.weights && process.env.FUZZ_REPORT) console.log(here, d.drew);
        worst.weights = Math.max(worst.weights, here);
        let tolerance = c.lossName === "binaryCrossentropy" && c.layers.at(-1)!.activation === "softmax" ? SOFTMAX_BCE_WEIGHTS : TOLERANCE.weights;
        if (here > tolerance) tolerance = Math.max(tolerance, amplified(start, ref, refit, c.fitArgs.epochs * Math.ceil(c.rows / c.fitArgs.batchSize), scale));
        for (const [i, what, got, want] of pairs) near(`layer ${i} ${what} after fit`, got, want, tolerance, () => scale);
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
