// Lesson 1, the perceptron (seed 004):  y = h(b + w₁x₁ + w₂x₂),  h(a) = 1 if a > 0 else 0.
// The gates AND, NAND and OR use the course's weights and bias; XOR = AND(NAND, OR) is the
// 2-layer perceptron. A one-layer perceptron learns with the rule w += (d − y)·x and cannot
// learn XOR: no straight line separates its classes, so every pass over the four inputs makes
// at least one mistake and the rule stops only at its iteration cap.
// A thin facade: a layer of step units is a Dense with activation 'step'; learning runs the
// library's training loop ("ordered", one sample a step) and its SGD. JS only counts mistakes.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ModelError } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import { uploadInputs } from "../data/inputs.js";
import { CallbackList } from "../models/callbacks.js";
import { trainSync } from "../models/loop.js";
import { SGD } from "../optimizers.js";
import { denseOf } from "./given-weights.js";

export type Bit = 0 | 1;
export type Gate = (x1: number, x2: number) => Bit;

/** The inputs in the course's order: (0, 0), (1, 0), (0, 1), (1, 1). */
export const GATE_INPUTS: readonly (readonly [number, number])[] = [[0, 0], [1, 0], [0, 1], [1, 1]];

/** The course's gate parameters (seed 004). OR is the seed's (1.0, 1.0, −0.5); the book's (0.5, 0.5, −0.2) gives the same table. */
export const GATE_PARAMS = {
  AND: { weights: [0.5, 0.5], bias: -0.7 },
  NAND: { weights: [-0.5, -0.5], bias: 0.7 },
  OR: { weights: [1.0, 1.0], bias: -0.5 },
} as const;

/**
 * One layer of step units: out[r, u] = step(Σᵢ x[r, i]·w[i, u] + b[u]) for every row of x.
 * `w` is inputs×units row-major (one column per unit). Temporaries are freed before returning.
 */
export function stepLayer(x: ArrayLike<number>[], w: ArrayLike<number>, bias: ArrayLike<number>, engine: Engine = defaultEngine()): number[][] {
  const rows = x.length, units = bias.length, n = rows ? x[0].length : w.length / Math.max(units, 1);
  if (w.length !== n * units) throw new DataError(`stepLayer: ${w.length} weights do not make a ${n}×${units} matrix (inputs × units)`);
  const flat = new Float32Array(rows * n);
  x.forEach((row, r) => {
    if (row.length !== n) throw new DataError(`stepLayer: row ${r} has ${row.length} inputs, row 0 has ${n}`);
    flat.set(Array.from(row), r * n);
  });
  return withScope(engine, (s) => {
    const X = s.alloc(flat.length * 4), layer = denseOf(s, w, bias, n, "step", rows);
    engine.heap.f32.set(flat, X >>> 2);
    const a = layer.forward(X, rows, false) >>> 2, out = engine.heap.f32; // a = h(x·w + b)
    return Array.from({ length: rows }, (_, r) => Array.from(out.subarray(a + r * units, a + (r + 1) * units)));
  });
}

const gate = (p: { weights: readonly number[]; bias: number }): Gate => (x1, x2) => stepLayer([[x1, x2]], p.weights, [p.bias])[0][0] as Bit;

export const AND: Gate = gate(GATE_PARAMS.AND);
export const NAND: Gate = gate(GATE_PARAMS.NAND);
export const OR: Gate = gate(GATE_PARAMS.OR);

/** XOR as the course writes it: s₁ = NAND(x₁, x₂), s₂ = OR(x₁, x₂), y = AND(s₁, s₂). */
export const XOR: Gate = (x1, x2) => AND(NAND(x1, x2), OR(x1, x2));

/** The same 2-layer perceptron on a batch: layer 1 is [NAND | OR] side by side, layer 2 is AND. */
export function xorNetwork(x: ArrayLike<number>[]): Bit[] {
  const { NAND: n, OR: o, AND: a } = GATE_PARAMS;
  const s = stepLayer(x, [n.weights[0], o.weights[0], n.weights[1], o.weights[1]], [n.bias, o.bias]);
  return stepLayer(s, a.weights, [a.bias]).map((r) => r[0] as Bit);
}

/** Rows x1, x2, y of a gate over the course's four inputs. */
export function truthTable(g: Gate): [number, number, Bit][] {
  return GATE_INPUTS.map(([x1, x2]) => [x1, x2, g(x1, x2)]);
}

export interface PerceptronFitArgs {
  /** η in w += η·(d − y)·x (default 1, the course's rule). */
  learningRate?: number;
  /** γ: stop once a pass's error (1/s)·Σ|d − y| is below it (default 0.01). */
  errorThreshold?: number;
  /** The cap on passes over the data (default 100). */
  maxIterations?: number;
}

export interface PerceptronHistory {
  /** The error (1/s)·Σ|dⱼ − yⱼ(t)| of each pass, measured while it updated. */
  errors: number[];
  /** Passes made. */
  iterations: number;
  /** True if the error fell below the threshold, false if the cap stopped it. */
  converged: boolean;
}

/** A one-layer perceptron with step output, trained by the perceptron learning rule. */
export class Perceptron {
  weights: Float32Array;
  bias = 0;

  /** Weights and bias start at 0, as in the course's step 1. */
  constructor(readonly inputs: number, readonly engine: Engine = defaultEngine()) {
    if (!Number.isInteger(inputs) || inputs < 1) throw new ModelError(`Perceptron: inputs must be a positive integer, got ${inputs}`);
    this.weights = new Float32Array(inputs);
  }

  /** y = step(x·w + b) for each row. */
  predict(x: ArrayLike<number>[]): Bit[] {
    this.checkRows("predict", x);
    return stepLayer(x, this.weights, [this.bias], this.engine).map((r) => r[0] as Bit);
  }

  /** Online learning: for each example j, yⱼ = step(w·xⱼ + b), then w += η(dⱼ − yⱼ)xⱼ and b += η(dⱼ − yⱼ). */
  fit(x: ArrayLike<number>[], d: ArrayLike<number>, args: PerceptronFitArgs = {}): PerceptronHistory {
    const { learningRate = 1, errorThreshold = 0.01, maxIterations = 100 } = args;
    this.checkRows("fit", x);
    if (d.length !== x.length) throw new DataError(`Perceptron.fit: ${x.length} inputs but ${d.length} desired outputs`);
    for (let j = 0; j < d.length; j++) if (d[j] !== 0 && d[j] !== 1) throw new DataError(`Perceptron.fit: d[${j}] is ${d[j]}; desired outputs are 0 or 1`);
    if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new ModelError(`Perceptron.fit: maxIterations must be a positive integer, got ${maxIterations}`);
    const e = this.engine, heap = e.heap, n = this.inputs, s = x.length;
    return withScope(e, (scope) => {
      const X = uploadInputs(e, "Perceptron.fit: x", x.map((row) => Array.from(row)), n); // refuses non-numbers and NaN by row and column
      scope.track(X.ptr);
      const D = scope.alloc(s * 4), layer = denseOf(scope, this.weights, [this.bias], n, "step", 1);
      heap.f32.set(d, D >>> 2);
      // w += η(d − y)x is an SGD step on dW = −(d − y)·x, db = −(d − y): the backward of the
      // unit (step' is 0, so the rule's delta is handed in as dL/dz) on the one sample.
      const sgd = scope.track(new SGD()), dz = layer.outputGrad >>> 2;
      sgd.build(e, layer.params(), this);
      sgd.learningRate = learningRate; // set, not constructed: the rule takes any η
      const errors: number[] = [], control = { stopTraining: false };
      let mistakes = 0;
      trainSync({
        engine: e, x: X, y: { ptr: D, sparse: false, rows: s }, units: 1, order: "ordered", batchSize: 1, epochs: maxIterations,
        step: (xj, t) => {
          const y = heap.f32[layer.forward(xj, 1, false) >>> 2], diff = heap.f32[t.ptr >>> 2] - y; // −1, 0 or 1
          if (diff === 0) return 0;
          mistakes++;
          heap.f32[dz] = -diff;
          layer.backward(xj, 1, 0, true);
          sgd.step();
          return 1;
        },
        callbacks: new CallbackList({
          onEpochEnd: () => {
            errors.push(mistakes / s);
            if (mistakes / s < errorThreshold) control.stopTraining = true;
            mistakes = 0;
          },
        }),
        control,
        diverged: (what) => new ModelError(`Perceptron.fit: ${what}`),
      });
      const [w, b] = layer.params();
      this.weights = heap.f32.slice(w.value >>> 2, (w.value >>> 2) + n);
      this.bias = heap.f32[b.value >>> 2];
      return { errors, iterations: errors.length, converged: errors[errors.length - 1] < errorThreshold };
    });
  }

  private checkRows(op: string, x: ArrayLike<number>[]): void {
    x.forEach((row, r) => {
      if (row.length !== this.inputs) throw new DataError(`Perceptron.${op}: row ${r} has ${row.length} inputs, the perceptron takes ${this.inputs}`);
    });
  }
}
