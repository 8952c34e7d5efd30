// Central-difference gradient checks through the WASM path: the activation table the layers use,
// every loss with every output activation it is paired with (fused and not), a Dense layer's
// dW/db/dx (with penalties), and whole networks through fit's trainStep.
//
// Tolerances (STYLE 2.2/2.4.10): eps = 1e-2 and relative error ≤ 1e-3 of the largest gradient
// component. f32 rounding of a loss L contributes about 6e-8·L/eps = 6e-6·L to each numeric
// component, and the truncation error is eps²·f'''/6, so inputs are kept where f''' is moderate.
import { describe, it, expect } from "vitest";
import { engine, Dense, Sequential, SGD, regularizers } from "../../src/index.js";
import { getActivation, type ActivationName } from "../../src/layers/activations.js";
import { ACTIVATIONS, ACTIVATION_NAMES, type ActivationEntry } from "../../src/core/activations.js";
import type { LossName } from "../../src/losses/loss.js";
import { losses } from "../../src/losses/losses.js";
import { trainStep } from "../../src/models/stack.js";
import { tensorOf, i32Of, readF32, writeF32, seededValues, seededInts, gradientCheck, GRADIENT_TOLERANCE, denseLayer } from "../helpers.js";
import { oneHot } from "../reference/losses.js";
import { forward } from "../fuzz/reference-fit.js";

const k = () => engine().k;
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

describe("the checker itself", () => {
  it("passes an exact gradient and fails one that is 1% off", () => {
    // f(x) = Σ x³ on the host: f' = 3x², central-difference truncation error eps² = 1e-4 (absolute).
    const xs = seededValues(10, 0.5, 2, 1), f = (p: number[]) => p.reduce((s, v) => s + v ** 3, 0);
    const exact = xs.map((v) => 3 * v * v);
    expect(gradientCheck(f, xs, exact).error).toBeLessThan(GRADIENT_TOLERANCE);
    expect(gradientCheck(f, xs, exact.map((g) => 1.01 * g)).error).toBeGreaterThan(5 * GRADIENT_TOLERANCE);
  });
});

describe("activations (the table Dense uses): backward = d/dz of Σ dy ⊙ f(z)", () => {
  it.each(ACTIVATION_NAMES)("%s", (name) => { // every entry of the table (core/activations.ts)
    const act = getActivation(name), rows = 3, cols = 5, n = rows * cols;
    // Kinks (relu, step) at 0: keep every z at least 0.05 away so no difference straddles one.
    const zs = seededValues(n, -3, 3, 21).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
    const dys = seededValues(n, -1, 1, 22);
    const z = tensorOf(zs, rows, cols), a = tensorOf(zs, rows, cols), dz = tensorOf(dys, rows, cols);
    const objective = (p: number[]) => (z.data.set(p), act.forward(k(), z.ptr, a.ptr, rows, cols), dot(dys, a.data));
    objective(zs);
    act.backward(k(), act.fromInput ? z.ptr : a.ptr, dz.ptr, dz.ptr, rows, cols); // in place, as Dense runs it (swish, gelu: from z)
    const check = gradientCheck(objective, zs, dz.data);
    if ((ACTIVATIONS[name] as ActivationEntry).flat) expect(check.numeric.every((g) => g === 0) && check.analytic.every((g) => g === 0)).toBe(true);
    else expect(check.error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe("losses: gradient() and, unless the loss fused it, the output layer's activation backward give d loss / dz", () => {
  it("each loss declares its fusion: sigmoid with binaryCrossentropy, softmax with the cross-entropies, nothing with MSE", () => {
    const names = ["linear", "sigmoid", "tanh", "relu", "softmax", "step"];
    const fused = (loss: LossName) => names.filter((a) => losses[loss].fusesWith(a));
    expect([fused("meanSquaredError"), fused("binaryCrossentropy"), fused("categoricalCrossentropy"), fused("sparseCategoricalCrossentropy")])
      .toEqual([[], ["sigmoid"], ["softmax"], ["softmax"]]);
  });

  // [loss, activation, targets]: 'sparse' = integer labels, 'onehot', 'binary' (0/1), 'soft' (0..1), 'real'.
  const cases: [LossName, ActivationName, "sparse" | "onehot" | "binary" | "soft" | "real"][] = [
    ["meanSquaredError", "linear", "real"],
    ["meanSquaredError", "sigmoid", "soft"],
    ["meanSquaredError", "tanh", "real"],
    ["binaryCrossentropy", "sigmoid", "binary"], // fused (a − y)/n
    ["binaryCrossentropy", "sigmoid", "soft"], // fused
    ["binaryCrossentropy", "softmax", "binary"], // BCE backward, then softmax backward
    ["categoricalCrossentropy", "softmax", "onehot"], // fused (a − y)/m
    ["categoricalCrossentropy", "softmax", "sparse"], // fused, integer labels
    ["sparseCategoricalCrossentropy", "softmax", "sparse"], // fused
    ["categoricalCrossentropy", "sigmoid", "onehot"], // Keras' form: rows divided by their sums, then sigmoid backward
    ["sparseCategoricalCrossentropy", "sigmoid", "sparse"],
    ["categoricalCrossentropy", "linear", "onehot"], // some elements clipped (p < ε or > 1 − ε): no gradient there
    ["categoricalCrossentropy", "linear", "soft"],
    ["sparseCategoricalCrossentropy", "linear", "sparse"], // TF.js clips a first, then divides
    ["categoricalCrossentropy", "relu", "onehot"],
    // Issue 14's losses (none fuses), each after an output in its domain.
    ["meanAbsoluteError", "linear", "real"], ["meanAbsolutePercentageError", "tanh", "real"], ["meanSquaredLogarithmicError", "softplus", "soft"],
    ["huber", "linear", "real"], ["hinge", "tanh", "real"], ["squaredHinge", "linear", "real"], ["logcosh", "linear", "real"],
    ["poisson", "softplus", "soft"], ["kullbackLeiblerDivergence", "softmax", "soft"], ["categoricalHinge", "linear", "onehot"],
  ];
  it.each(cases)("%s after %s, %s targets", (loss, name, kind) => {
    const act = getActivation(name), rows = 4, cols = 3, n = rows * cols;
    // Outputs no softmax wrote, shifted so that each row's sum stays well away from 0 (and relu's kink).
    const shift = (name === "linear" || name === "relu") && loss !== "meanSquaredError" ? 1 : 0;
    const zs = seededValues(n, -1.5, 1.5, 31).map((v) => v + shift).map((v) => (shift && Math.abs(v) < 0.05 ? v + 0.1 : v));
    const labels = seededInts(rows, cols, 32);
    const dense = kind === "onehot" ? oneHot(labels, rows, cols)
      : kind === "binary" ? seededInts(n, 2, 33)
      : kind === "soft" ? seededValues(n, 0, 1, 34)
      : seededValues(n, -1, 1, 35);
    const y = kind === "sparse" ? { ptr: i32Of(labels), sparse: true } : { ptr: tensorOf(dense, rows, cols).ptr, sparse: false };
    const z = tensorOf(zs, rows, cols), a = tensorOf(zs, rows, cols), dz = tensorOf(zs, rows, cols);
    const objective = (p: number[]) => {
      z.data.set(p);
      act.forward(k(), z.ptr, a.ptr, rows, cols);
      return losses[loss].value(engine(), a.ptr, y, rows, cols, name);
    };
    const value = objective(zs);
    expect(losses[loss].gradient(engine(), a.ptr, y, dz.ptr, rows, cols, name)).toBe(value);
    if (!losses[loss].fusesWith(name)) act.backward(k(), a.ptr, dz.ptr, dz.ptr, rows, cols); // as Dense.backward(…, fused: false) does
    // −log(z/S) at a small target z (0.078 here) bends fast: eps 1e-2 leaves a truncation error
    // of 6e-3 there, eps 1e-3 one of 5e-5 (f32 rounding then adds about 6e-5·L).
    expect(gradientCheck(objective, zs, dz.data, shift ? 1e-3 : 1e-2).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

/**
 * L = Σ g ⊙ Dense(x) (+ the layer's penalty): write g as the upstream gradient dL/da, run
 * backward (which applies the activation's derivative), and check every parameter gradient and dx.
 */
function checkDense(layer: Dense, rows: number, seed: number, withPenalty = false): void {
  const inputs = layer.inputSize, units = layer.units;
  const xs = seededValues(rows * inputs, -1, 1, seed), g = seededValues(rows * units, -1, 1, seed + 1);
  const x = tensorOf(xs, rows, inputs), dx = tensorOf(new Array(rows * inputs).fill(0), rows, inputs);
  const loss = () => dot(g, readF32(layer.forward(x.ptr, rows, true), rows * units)) + (withPenalty ? layer.penalty() : 0);
  loss();
  writeF32(layer.outputGrad, g);
  layer.backward(x.ptr, rows, dx.ptr, false);
  for (const p of layer.params()) {
    const w0 = readF32(p.value, p.size);
    const check = gradientCheck((w) => (writeF32(p.value, w), loss()), w0, readF32(p.grad, p.size));
    writeF32(p.value, w0);
    expect(check.error, p.name).toBeLessThan(GRADIENT_TOLERANCE);
  }
  expect(gradientCheck((v) => (x.data.set(v), loss()), xs, dx.data).error, "dx").toBeLessThan(GRADIENT_TOLERANCE);
  layer.dispose();
}

const smallBias = { name: "randomUniform", minval: -0.5, maxval: 0.5 } as const;

describe("Dense: dW, db and dx from backward match central differences", () => {
  // Every entry of the table that trains (not step), under its own name (identity is linear): the fused backward where it has one.
  const trainable = ACTIVATION_NAMES.filter((n) => !(ACTIVATIONS[n] as ActivationEntry).flat && !(ACTIVATIONS[n] as ActivationEntry).savedAs);
  it.each(trainable)("activation %s, 5 inputs → 3 units, 4 rows", (name) => {
    checkDense(denseLayer({ units: 3, activation: name, inputShape: [5], biasInitializer: smallBias }, 5, 4), 4, 41);
  });

  it("9 inputs → 10 units, 6 rows: shapes past gemm's 4-row and 8-column blocks", () => {
    checkDense(denseLayer({ units: 10, activation: "tanh", inputShape: [9], biasInitializer: smallBias }, 9, 6), 6, 47);
  });

  it("without a bias: params() holds the kernel only, and dW and dx still match", () => {
    const layer = denseLayer({ units: 2, activation: "sigmoid", inputShape: [4], useBias: false }, 4, 3);
    expect(layer.params().length).toBe(1);
    checkDense(layer, 3, 45);
  });

  it("with L1 and L2 penalties: dW includes λ1·sign(w) + 2λ2·w and matches d(L + penalty)/dW", () => {
    const layer = denseLayer({ units: 5, activation: "tanh", inputShape: [4], kernelRegularizer: regularizers.l1l2({ l1: 0.05, l2: 0.1 }) }, 4, 3);
    // Weights at least 0.1 away from 0, where |w| is differentiable.
    const [kernel] = layer.params();
    writeF32(kernel.value, seededValues(kernel.size, 0.1, 0.8, 51).map((v, i) => (i % 2 ? v : -v)));
    checkDense(layer, 3, 52, true);
  });
});

describe("whole networks: trainStep's gradients match central differences of evaluate()", () => {
  /**
   * Run one trainStep (SGD) on the batch, read every parameter gradient it wrote, put the weights
   * back, then compare with central differences of the mean loss from model.evaluate().
   */
  function checkNetwork(model: Sequential, loss: string, xs: number[][], ys: number[] | number[][]) {
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss });
    const heap = engine().heap, rows = xs.length, params = model.params();
    const before = model.getWeights().map((w) => Array.from(w.data));
    const xb = tensorOf(xs.flat(), rows, model.inputUnits);
    const sparse = !Array.isArray(ys[0]) && loss !== "binaryCrossentropy" && loss !== "meanSquaredError";
    const yb = sparse ? i32Of(ys as number[]) : tensorOf((ys as number[][]).flat(), rows, model.outputUnits).ptr;
    for (const layer of model.layers) layer.reserve(rows);
    trainStep(model, xb.ptr, { ptr: yb, sparse }, rows);
    const analytic = params.map((p) => readF32(p.grad, p.size));
    expect(model.getWeights().map((w) => Array.from(w.data))).not.toEqual(before); // the step ran
    model.setWeights(before);
    const evaluateLoss = () => model.evaluate(xs, ys, { batchSize: rows })[0];
    params.forEach((p, i) => {
      const check = gradientCheck((w) => (heap.f32.set(w, p.value >>> 2), evaluateLoss()), before[i], analytic[i]);
      heap.f32.set(before[i], p.value >>> 2);
      expect(check.error, p.name).toBeLessThan(GRADIENT_TOLERANCE);
    });
    model.dispose();
  }

  const xs = Array.from({ length: 6 }, (_, r) => seededValues(5, -1, 1, 60 + r));

  it("5-4-3, sigmoid then softmax, sparse categorical cross-entropy (39 parameters)", () => {
    const model = new Sequential({ seed: 7, layers: [new Dense({ units: 4, activation: "sigmoid", inputShape: [5] }), new Dense({ units: 3, activation: "softmax" })] });
    checkNetwork(model, "sparseCategoricalCrossentropy", xs, [0, 2, 1, 1, 0, 2]);
  });

  it("5-4-3, tanh then softmax, categorical cross-entropy on one-hot rows", () => {
    const model = new Sequential({ seed: 8, layers: [new Dense({ units: 4, activation: "tanh", inputShape: [5] }), new Dense({ units: 3, activation: "softmax" })] });
    checkNetwork(model, "categoricalCrossentropy", xs, oneHot([2, 0, 1, 2, 1, 0], 6, 3).reduce<number[][]>((rows, v, i) => (i % 3 ? rows[rows.length - 1].push(v) : rows.push([v]), rows), []));
  });

  it("5-4-2, relu then sigmoid, binary cross-entropy (fused sigmoid path)", () => {
    const model = new Sequential({ seed: 9, layers: [new Dense({ units: 4, activation: "relu", inputShape: [5], biasInitializer: { name: "randomUniform", minval: 0.2, maxval: 0.5 } }), new Dense({ units: 2, activation: "sigmoid" })] });
    checkNetwork(model, "binaryCrossentropy", xs, [[0, 1], [1, 1], [0, 0], [1, 0], [0, 1], [1, 0]]);
  });

  it("5-4-3 with an L2 kernel penalty: evaluate() adds λΣw², backward adds 2λw", () => {
    const l2 = regularizers.l2({ l2: 0.05 }); // pure L2 (l1l2({l2}) would add L1 at 0.01)
    const model = new Sequential({ seed: 11, layers: [
      new Dense({ units: 4, activation: "sigmoid", inputShape: [5], kernelRegularizer: l2 }),
      new Dense({ units: 3, activation: "softmax", kernelRegularizer: l2 }),
    ] });
    checkNetwork(model, "sparseCategoricalCrossentropy", xs, [1, 2, 0, 0, 2, 1]);
  });

  // MSE is never fused: its gradient goes through the output activation's own backward. With a
  // relu output, every z is ≥ 0.1 from the kink (seed 25: 0.16; a step of eps = 1e-2 on one weight
  // moves z by a few 1e-2 at most) and 10 of the 18 are negative, so both branches are checked.
  it("5-4-3, tanh then relu, mean squared error (relu output, both sides of the kink)", () => {
    const model = new Sequential({ seed: 25, layers: [
      new Dense({ units: 4, activation: "tanh", inputShape: [5] }),
      new Dense({ units: 3, activation: "relu", biasInitializer: { name: "randomUniform", minval: -0.2, maxval: 0.4 } }),
    ] });
    const w = model.getWeights(), [hidden] = forward([{ units: 4, activation: "tanh", kernel: Array.from(w[0].data), bias: Array.from(w[1].data) }], xs.flat(), 6, 5);
    const [z] = forward([{ units: 3, activation: "linear", kernel: Array.from(w[2].data), bias: Array.from(w[3].data) }], hidden, 6, 4);
    expect(Math.min(...z.map(Math.abs))).toBeGreaterThan(0.1);
    expect(z.some((v) => v < 0) && z.some((v) => v > 0)).toBe(true);
    checkNetwork(model, "meanSquaredError", xs, Array.from({ length: 6 }, (_, r) => seededValues(3, 0, 1, 80 + r)));
  });

  it("5-4-3, sigmoid then softmax, mean squared error (softmax backward, not the fused cross-entropy)", () => {
    const model = new Sequential({ seed: 13, layers: [new Dense({ units: 4, activation: "sigmoid", inputShape: [5] }), new Dense({ units: 3, activation: "softmax" })] });
    checkNetwork(model, "meanSquaredError", xs, Array.from({ length: 6 }, (_, r) => seededValues(3, 0, 1, 90 + r)));
  });

  // Cross-entropy on outputs that are not a softmax: Keras' loss divides each row by its sum; the
  // biases start in [1, 1.5) so that the row sums stay away from 0.
  it.each<ActivationName>(["linear", "relu", "sigmoid"])("5-4-3, tanh then %s, categorical and sparse cross-entropy (Keras' scaled form)", (output) => {
    for (const loss of ["categoricalCrossentropy", "sparseCategoricalCrossentropy"]) {
      const model = new Sequential({ seed: 12, layers: [
        new Dense({ units: 4, activation: "tanh", inputShape: [5] }),
        new Dense({ units: 3, activation: output, biasInitializer: { name: "randomUniform", minval: 1, maxval: 1.5 } }),
      ] });
      const labels = [2, 0, 1, 2, 1, 0];
      checkNetwork(model, loss, xs, loss === "categoricalCrossentropy" ? labels.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0))) : labels);
    }
  });

  it("5-4-3-2, tanh, sigmoid, linear, mean squared error (unfused output backward, three layers)", () => {
    const model = new Sequential({ seed: 10, layers: [
      new Dense({ units: 4, activation: "tanh", inputShape: [5] }),
      new Dense({ units: 3, activation: "sigmoid" }),
      new Dense({ units: 2 }),
    ] });
    checkNetwork(model, "meanSquaredError", xs, Array.from({ length: 6 }, (_, r) => seededValues(2, -1, 1, 70 + r)));
  });
});
