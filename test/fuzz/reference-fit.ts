// fit() and predict() in plain float64 TypeScript, for the model fuzz: the same algorithm as
// src/models/loop.ts and stack.ts (seeded Fisher–Yates each epoch, forward, fused or plain loss gradient,
// backward, one optimizer update per batch) written from the references, never from src/.
import * as act from "../reference/activations.js";
import { softmax, softmaxBackward } from "../reference/softmax.js";
import * as loss from "../reference/losses.js";
import * as opt from "../reference/optimizers.js";
import { shuffle } from "../reference/random.js";

export type Act = "linear" | "sigmoid" | "tanh" | "relu" | "softmax" | (typeof ISSUE14)[number];
/** Issue 14's activations: the reference's function of the same name (swish and gelu: backward from z). */
const ISSUE14 = ["elu", "selu", "softplus", "softsign", "relu6", "hardSigmoid", "swish", "gelu"] as const;
const FROM_INPUT: readonly string[] = ["swish", "gelu"];
/** Each layer output's z (= x·W + b), for the activations whose backward reads it. */
const zOf = new WeakMap<number[], number[]>();
export type Loss = "meanSquaredError" | "binaryCrossentropy" | "categoricalCrossentropy" | "sparseCategoricalCrossentropy" | "logcosh";
export interface RefLayer { units: number; activation: Act; kernel: number[]; bias: number[] }
export type RefOptimizer = { name: "sgd"; lr: number; momentum: number } | { name: "adam"; lr: number; beta1: number; beta2: number; epsilon: number }
  | RefSlots;
/** Any other update, from test/reference/optimizers.ts: its slots' start values and one step t ≥ 1. */
export interface RefSlots {
  name: "slots";
  starts: number[];
  step: (w: number[], g: number[], slots: number[][], t: number) => { w: number[]; slots: number[][] };
}
/** Targets: integer labels (`sparse`) or rows of `units` values. */
export interface RefTargets { sparse: boolean; values: number[] }

const elementwise = { linear: "identity", sigmoid: "sigmoid", tanh: "tanh", relu: "relu", ...Object.fromEntries(ISSUE14.map((n) => [n, n])) } as Record<Exclude<Act, "softmax">, string>;

/** a = f(x·W + b) for `rows` rows of `cols` inputs. */
function layerForward(l: RefLayer, x: number[], rows: number, cols: number): number[] {
  const z = new Array<number>(rows * l.units).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < l.units; j++) {
      let s = 0;
      for (let p = 0; p < cols; p++) s += x[r * cols + p] * l.kernel[p * l.units + j];
      z[r * l.units + j] = s + l.bias[j];
    }
  }
  const a = l.activation === "softmax" ? softmax(z, rows, l.units) : z.map((act as unknown as Record<string, (v: number) => number>)[elementwise[l.activation]]);
  zOf.set(a, z);
  return a;
}

/** Every layer's output for `rows` rows of x (the last one is the prediction). */
export function forward(layers: RefLayer[], x: number[], rows: number, inputs: number): number[][] {
  const outs: number[][] = [];
  let a = x, cols = inputs;
  for (const l of layers) {
    a = layerForward(l, a, rows, cols);
    cols = l.units;
    outs.push(a);
  }
  return outs;
}

/** The rows of targets as dense rows of `units` (one-hot for labels). */
const dense = (t: RefTargets, rows: number, units: number) => (t.sparse ? loss.oneHot(t.values, rows, units) : t.values);

/** The mean loss of predictions a (rows × units) of an output layer with `activation`. */
export function lossValue(name: Loss, a: number[], t: RefTargets, rows: number, units: number, activation: Act): number {
  const y = dense(t, rows, units);
  if (name === "meanSquaredError") return loss.mse(a, y);
  if (name === "logcosh") return a.reduce((sum, ai, i) => sum + loss.POINT.logcosh[0](ai, y[i]), 0) / a.length; // issue 14's, as pointwise.ts
  if (name === "binaryCrossentropy") return loss.binaryCrossEntropy(a, y);
  return activation === "softmax" ? loss.categoricalCrossEntropy(a, y, rows) : scaledCrossEntropy(name, a, y, rows, units).loss;
}

/** Keras' cross-entropy of outputs no softmax wrote (rows divided by their sums); TF.js' sparse form clips a first. */
function scaledCrossEntropy(name: Loss, a: number[], y: number[], rows: number, units: number) {
  if (name !== "sparseCategoricalCrossentropy") return loss.categoricalCrossEntropyScaled(a, y, rows);
  const labels = Array.from({ length: rows }, (_, r) => y.slice(r * units, (r + 1) * units).indexOf(1));
  return loss.sparseCategoricalCrossEntropyScaled(a, labels, rows, units);
}

/** dL/dz of the output layer: fused (a − y)/m for softmax + CE and sigmoid + BCE, else dL/da through f'. */
function outputGradient(name: Loss, l: RefLayer, a: number[], y: number[], rows: number): number[] {
  const n = rows * l.units;
  if ((name === "categoricalCrossentropy" || name === "sparseCategoricalCrossentropy") && l.activation === "softmax") return loss.softmaxCrossEntropyBackward(a, y, rows);
  if (name === "binaryCrossentropy" && l.activation === "sigmoid") return loss.sigmoidCrossEntropyBackward(a, y);
  const da = name === "logcosh" ? a.map((ai, i) => loss.POINT.logcosh[1](ai, y[i]) / n) : name === "meanSquaredError" ? loss.mseBackward(a, y, 2 / n) : name === "binaryCrossentropy" ? loss.binaryCrossEntropyBackward(a, y) : scaledCrossEntropy(name, a, y, rows, l.units).grad;
  return activationBackward(l, a, da, rows);
}

function activationBackward(l: RefLayer, a: number[], da: number[], rows: number): number[] {
  if (l.activation === "softmax") return softmaxBackward(a, da, rows, l.units);
  const f = (act as unknown as Record<string, (s: number, dy: number) => number>)[`${elementwise[l.activation]}Backward`];
  const s = FROM_INPUT.includes(l.activation) ? zOf.get(a)! : a;
  return s.map((si, i) => f(si, da[i]));
}

/** Train `layers` in place as fit() does; returns the per-epoch mean loss (Keras' history.loss). */
export function fit(
  layers: RefLayer[], x: number[], t: RefTargets, rows: number, inputs: number,
  o: { loss: Loss; optimizer: RefOptimizer; epochs: number; batchSize: number; shuffle: boolean; rngState: Uint32Array },
): number[] {
  let idx = Array.from({ length: rows }, (_, i) => i);
  const units = layers[layers.length - 1].units, y = dense(t, rows, units);
  const state = layers.flatMap((l) => [l.kernel, l.bias]).map((w) => ({ m: w.map(() => 0), v: w.map(() => 0) }));
  const history: number[] = [];
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    if (o.shuffle) idx = shuffle(o.rngState, idx);
    let sum = 0;
    for (let start = 0; start < rows; start += o.batchSize) {
      const batch = idx.slice(start, start + o.batchSize), count = batch.length;
      const xb = batch.flatMap((r) => x.slice(r * inputs, (r + 1) * inputs)), yb = batch.flatMap((r) => y.slice(r * units, (r + 1) * units));
      const outs = forward(layers, xb, count, inputs);
      sum += lossValue(o.loss, outs[outs.length - 1], { sparse: false, values: yb }, count, units, layers[layers.length - 1].activation) * count;
      let dz = outputGradient(o.loss, layers[layers.length - 1], outs[outs.length - 1], yb, count);
      const grads: number[][] = [];
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i], xin = i > 0 ? outs[i - 1] : xb, cols = i > 0 ? layers[i - 1].units : inputs;
        const dw = new Array<number>(cols * l.units).fill(0), db = new Array<number>(l.units).fill(0);
        for (let r = 0; r < count; r++) {
          for (let j = 0; j < l.units; j++) {
            const g = dz[r * l.units + j];
            db[j] += g;
            for (let p = 0; p < cols; p++) dw[p * l.units + j] += xin[r * cols + p] * g;
          }
        }
        grads.unshift(dw, db);
        if (i > 0) {
          const dx = new Array<number>(count * cols).fill(0);
          for (let r = 0; r < count; r++) for (let p = 0; p < cols; p++) for (let j = 0; j < l.units; j++) dx[r * cols + p] += dz[r * l.units + j] * l.kernel[p * l.units + j];
          dz = activationBackward(layers[i - 1], outs[i - 1], dx, count);
        }
      }
      step++;
      layers.flatMap((l) => [l.kernel, l.bias]).forEach((w, i) => update(w, grads[i], state[i], o.optimizer, step));
    }
    history.push(sum / rows);
  }
  return history;
}

function update(w: number[], g: number[], s: { m: number[]; v: number[]; slots?: number[][] }, o: RefOptimizer, t: number): void {
  let next: number[];
  if (o.name === "slots") {
    const r = o.step(w, g, s.slots ?? o.starts.map((v) => w.map(() => v)), t);
    [next, s.slots] = [r.w, r.slots];
  } else if (o.name === "adam") {
    const r = opt.adamStep(w, g, s.m, s.v, o.lr, o.beta1, o.beta2, o.epsilon, t);
    [next, s.m, s.v] = [r.w, r.m, r.v];
  } else if (o.momentum > 0) {
    const r = opt.momentumStep(w, g, s.v, o.lr, o.momentum);
    [next, s.v] = [r.w, r.v];
  } else {
    next = opt.sgdStep(w, g, o.lr);
  }
  next.forEach((v, i) => (w[i] = v));
}

/** The generator state rngSeed(seed) makes (assembly/random.ts: four splitmix-style words, never all zero). */
export function seedState(seed: number): Uint32Array {
  const s = new Uint32Array(4);
  let z = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    z = (z + 0x9e3779b9) >>> 0;
    let t = Math.imul(z ^ (z >>> 16), 0x21f0aaad) >>> 0;
    t = Math.imul(t ^ (t >>> 15), 0x735a2d97) >>> 0;
    t = (t ^ (t >>> 15)) >>> 0;
    s[i] = t === 0 && i === 0 ? 1 : t;
  }
  return s;
}

/**
 * fit() in float64 from a model's starting weights (getWeights(): kernel, bias per layer), on rows
 * x with integer labels (sparse cross-entropy) or one 0/1 target per row; returns the trained
 * layers and the per-epoch losses (history.loss).
 */
export function referenceRun(
  spec: { units: number; activation: Act }[], initial: { data: ArrayLike<number> }[], x: number[][], y: number[],
  o: { loss: Loss; optimizer: RefOptimizer; epochs: number; batchSize: number; shuffle: boolean; seed: number },
): { layers: RefLayer[]; losses: number[] } {
  const layers = spec.map((l, i) => ({ units: l.units, activation: l.activation, kernel: Array.from(initial[2 * i].data), bias: Array.from(initial[2 * i + 1].data) }));
  const targets = { sparse: o.loss === "sparseCategoricalCrossentropy" || o.loss === "categoricalCrossentropy", values: y };
  const losses = fit(layers, x.flat(), targets, x.length, x[0].length, { ...o, rngState: seedState(o.seed) });
  return { layers, losses };
}

/** max |w − reference| over every weight, relative to the largest reference kernel weight (at least 1), as the fuzz measures. */
export function weightError(trained: { data: ArrayLike<number> }[], ref: RefLayer[]): number {
  const scale = Math.max(1, ...ref.flatMap((l) => l.kernel.map(Math.abs)));
  let worst = 0;
  ref.forEach((l, i) => [l.kernel, l.bias].forEach((want, k) => Array.from(trained[2 * i + k].data, (g, j) => (worst = Math.max(worst, Math.abs(g - want[j]) / scale)))));
  return worst;
}
