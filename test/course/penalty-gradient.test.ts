// Seed 001's classes with L1 and L2 (issue 12: their L2 gradient doubled passed every test). The
// course defines one step on m rows as the gradient of
//   J = (Σ loss_i + l1·Σ|w| + l2/2·Σw²) / m        (reg_loss over every weight matrix, not biases)
// and records J as the loss. Here: one fit() epoch of one batch leaves that step's gradient in
// each parameter's gradient buffer; it must equal float64 central differences of J computed on
// the host (test/fuzz/reference-fit.ts's forward pass and losses) at the same starting weights.
import { describe, it, expect } from "vitest";
import { SingleLayer, DualLayer, RandomInitNetwork, MinibatchNetwork, MultiClassNetwork, type CourseNetwork } from "../../src/index.js";
import { forward, lossValue, type Act, type Loss, type RefLayer } from "../fuzz/reference-fit.js";
import { oneHot } from "../reference/losses.js";
import { gradientCheck, readF32, seededInts, seededValues } from "../helpers.js";

const ROWS = 8, COLS = 3;
const x = seededValues(ROWS * COLS, -1, 1, 901); // f32 values: the host sees what WASM sees
const xRows = Array.from({ length: ROWS }, (_, r) => x.slice(r * COLS, (r + 1) * COLS));
const binary = seededInts(ROWS, 2, 902);
const classes = seededInts(ROWS, 3, 903);

const PENALTIES = [{ l1: 0.3 }, { l2: 0.5 }, { l1: 0.2, l2: 0.4 }];

interface Net { make: (p: { l1?: number; l2?: number }) => CourseNetwork; acts: Act[]; loss: Loss; y: number[]; outputs: number }
const nets: Record<string, Net> = {
  SingleLayer: { make: (p) => new SingleLayer({ ...p }), acts: ["sigmoid"], loss: "binaryCrossentropy", y: binary, outputs: 1 },
  DualLayer: { make: (p) => new DualLayer({ units: 4, ...p }), acts: ["sigmoid", "sigmoid"], loss: "binaryCrossentropy", y: binary, outputs: 1 },
  RandomInitNetwork: { make: (p) => new RandomInitNetwork({ units: 4, seed: 3, ...p }), acts: ["sigmoid", "sigmoid"], loss: "binaryCrossentropy", y: binary, outputs: 1 },
  // batchSize ≥ rows: one batch, in order, so the step's gradient is the gradient at the start.
  MinibatchNetwork: { make: (p) => new MinibatchNetwork({ units: 4, batchSize: 32, seed: 4, ...p }), acts: ["sigmoid", "sigmoid"], loss: "binaryCrossentropy", y: binary, outputs: 1 },
  MultiClassNetwork: { make: (p) => new MultiClassNetwork({ units: 4, batchSize: 32, seed: 5, ...p }), acts: ["sigmoid", "softmax"], loss: "categoricalCrossentropy", y: classes, outputs: 3 },
};

const cases = Object.keys(nets).flatMap((name) => PENALTIES.map((p) => [name, p] as const));

describe("course classes: the step's gradient is dJ/dθ of the loss they define, penalties included", () => {
  it.each(cases)("%s %o", (name, penalty) => {
    const spec = nets[name], net = spec.make(penalty);
    const { l1 = 0, l2 = 0 } = penalty;
    net.initWeights(COLS, spec.outputs); // fit() re-initialises from the same seed: the same start
    const params = net.layers.flatMap((l) => l.params());
    const start = params.map((p) => readF32(p.value, p.size));
    net.fit(xRows, spec.y, { epochs: 1 });
    const analytic = net.layers.flatMap((l) => l.params()).flatMap((p) => readF32(p.grad, p.size));
    // |w| has a kink at 0: every weight here is ≥ 1e-3 from it, far beyond the step of 1e-4.
    expect(Math.min(...start.filter((_, i) => i % 2 === 0).flat().map(Math.abs))).toBeGreaterThan(1e-3);

    const targets = spec.loss === "categoricalCrossentropy" ? oneHot(spec.y, ROWS, 3) : spec.y;
    const J = (theta: number[]) => {
      let at = 0;
      const layers: RefLayer[] = net.layers.map((l, i) => {
        const kernel = theta.slice(at, (at += l.inputSize * l.units)), bias = theta.slice(at, (at += l.units));
        return { units: l.units, activation: spec.acts[i], kernel, bias };
      });
      const outs = forward(layers, x, ROWS, COLS);
      let reg = 0;
      for (const l of layers) for (const w of l.kernel) reg += l1 * Math.abs(w) + (l2 / 2) * w * w;
      return lossValue(spec.loss, outs[outs.length - 1], { sparse: false, values: targets }, ROWS, spec.outputs) + reg / ROWS;
    };
    const check = gradientCheck(J, start.flat(), analytic, 1e-4);
    // The f32 kernels against f64 differences of an f64 J: measured ≤ 1.9e-7 relative to the
    // largest component over these 15 cases; a doubled L2 term adds l2·w/m (0.06 at w = 1).
    expect(check.error).toBeLessThan(2e-6);
    net.dispose();
  });
});
