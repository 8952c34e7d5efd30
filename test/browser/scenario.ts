// The determinism scenario run both in Node (vitest) and in Chromium (bundled by esbuild): small
// networks trained from fixed seeds on data made without Math.random, each summarised by a
// SHA-256 of its weight bytes. The same bits in both places give the same hashes.
import {
  Sequential, Dense, SGD, Adam, RMSprop, Adagrad, Adadelta, Adamax, AdamW, exponentialDecay, cosineDecay, type Optimizer,
  Dropout, LeakyReLU, BatchNormalization, type Engine, type InitializerSpec,
} from "../../src/index.js";
import type { ActivationName } from "../../src/core/activations.js";
import { convScenario } from "./conv-scenario.js";

export interface ScenarioResult {
  name: string;
  /** SHA-256 (hex) of every layer's getWeights() bytes, concatenated in order. */
  sha256: string;
  /** Number of float32 weights hashed. */
  weights: number;
  /** The last epoch's training loss (a plain number, for the report; the hash is the check). */
  loss: number;
}

/** xorshift32 on integers only: the same stream in every engine; values are multiples of 2^-16. */
function ints(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

/** n rows of `cols` values in [-1, 1) on a 2^-15 grid (exact in f32), from `seed`. */
function points(n: number, cols: number, seed: number): number[][] {
  const next = ints(seed);
  return Array.from({ length: n }, () => Array.from({ length: cols }, () => ((next() >>> 16) - 32768) / 32768));
}

const N = 96;

/** Two classes by the sign of x·y (XOR-like). */
function xorData(): { x: number[][]; y: number[] } {
  const x = points(N, 2, 0x5eed0001);
  return { x, y: x.map(([a, b]) => (a * b > 0 ? 1 : 0)) };
}

/** Three classes by which of three sectors the first two coordinates fall in (four features). */
function sectorData(): { x: number[][]; y: number[] } {
  const x = points(N, 4, 0x5eed0002);
  return { x, y: x.map(([a, b]) => (a > 0 && b > 0 ? 0 : a <= 0 ? 1 : 2)) };
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function trainAndHash(name: string, model: Sequential, x: number[][], y: number[],
  loss: ScenarioSpec["loss"], optimizer: Optimizer, fitSeed: number,
  withPredictions = false): Promise<ScenarioResult> {
  model.compile({ optimizer, loss });
  const history = await model.fit(x, y, { ...SCENARIO_FIT, seed: fitSeed, verbose: 0 });
  const weights: { data: Float32Array }[] = model.getWeights();
  if (withPredictions) weights.push(model.predict(x)); // hashed after the weights
  const total = weights.reduce((s, w) => s + w.data.length, 0);
  const all = new Float32Array(total);
  let at = 0;
  for (const w of weights) { all.set(w.data, at); at += w.data.length; }
  // Float32Array bytes are little-endian on every platform scratchnet runs on (WASM is little-endian).
  const sha256 = await sha256Hex(new Uint8Array(all.buffer));
  const result = { name, sha256, weights: total, loss: history.history.loss.at(-1)! };
  model.dispose();
  return result;
}

/** One pinned network: its layers, data, loss, optimizer and fit() seed (5 epochs of shuffled batches of 16). */
export interface ScenarioSpec {
  name: string;
  seed: number;
  inputs: number;
  layers: { units: number; activation: ActivationName; kernelInitializer?: InitializerSpec }[];
  data: () => { x: number[][]; y: number[] };
  loss: "binaryCrossentropy" | "sparseCategoricalCrossentropy" | "logcosh";
  optimizer: { name: "sgd"; learningRate: number; momentum: number } | { name: "adam"; learningRate: number } | { name: "made"; make: () => Optimizer };
  fitSeed: number;
}

const ISSUE14: ActivationName[] = ["elu", "selu", "softplus", "softsign", "relu6", "hardSigmoid", "swish", "gelu"];

export const SCENARIO_FIT = { epochs: 5, batchSize: 16, shuffle: true } as const;

export const SCENARIOS: ScenarioSpec[] = [
  { name: "sigmoid", seed: 11, inputs: 2, layers: [{ units: 8, activation: "sigmoid" }, { units: 1, activation: "sigmoid" }], data: xorData, loss: "binaryCrossentropy", optimizer: { name: "sgd", learningRate: 0.5, momentum: 0 }, fitSeed: 101 },
  { name: "tanh", seed: 12, inputs: 2, layers: [{ units: 8, activation: "tanh" }, { units: 1, activation: "sigmoid" }], data: xorData, loss: "binaryCrossentropy", optimizer: { name: "sgd", learningRate: 0.2, momentum: 0.9 }, fitSeed: 102 },
  { name: "relu", seed: 13, inputs: 2, layers: [{ units: 16, activation: "relu" }, { units: 1, activation: "sigmoid" }], data: xorData, loss: "binaryCrossentropy", optimizer: { name: "adam", learningRate: 0.01 }, fitSeed: 103 },
  { name: "softmax", seed: 14, inputs: 4, layers: [{ units: 12, activation: "tanh" }, { units: 3, activation: "softmax" }], data: sectorData, loss: "sparseCategoricalCrossentropy", optimizer: { name: "adam", learningRate: 0.02 }, fitSeed: 104 },
  // issue 14's initialisers: orthogonal (assembly/init/orthogonal.ts), a truncated normal and a uniform of the VarianceScaling family
  {
    name: "initializers", seed: 15, inputs: 4,
    layers: [
      { units: 12, activation: "tanh", kernelInitializer: { name: "orthogonal", gain: 1.2 } },
      { units: 8, activation: "relu", kernelInitializer: "heNormal" },
      { units: 3, activation: "softmax", kernelInitializer: "leCunUniform" },
    ],
    data: sectorData, loss: "sparseCategoricalCrossentropy", optimizer: { name: "sgd", learningRate: 0.1, momentum: 0.9 }, fitSeed: 105,
  },
  // Issue 14's activation kernels, one hidden layer each (swish and gelu: backward from the kept z).
  { name: "activations14", seed: 15, inputs: 2, layers: [...ISSUE14.map((activation) => ({ units: 6, activation })),
    { units: 1, activation: "sigmoid" }], data: xorData, loss: "binaryCrossentropy", optimizer: { name: "adam", learningRate: 0.01 }, fitSeed: 105 },
  // Issue 14's per-element loss kernel (assembly/losses/pointwise.ts: logcosh reads softplus and tanh) on a regression output.
  { name: "logcosh14", seed: 16, inputs: 2, layers: [{ units: 8, activation: "tanh" }, { units: 1, activation: "linear" }], data: xorData, loss: "logcosh", optimizer: { name: "sgd", learningRate: 0.3, momentum: 0.5 }, fitSeed: 106 },
];

/** One network per optimizer kernel of issue 14 (and the schedules' pow and cos), on the sector data. */
const OPTIMIZERS: [string, () => Optimizer][] = [
  ["nesterov", () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ["rmsprop", () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true })],
  ["adagrad", () => new Adagrad({ learningRate: 0.1 })],
  ["adadelta", () => new Adadelta({ learningRate: 1 })],
  ["adamax", () => new Adamax({ learningRate: 0.02, decay: 0.01 })],
  ["adamw", () => new AdamW({ learningRate: 0.02, weightDecay: 0.05 })],
  ["exponentialDecay", () => new Adam({ learningRate: exponentialDecay({ initialLearningRate: 0.02, decaySteps: 7, decayRate: 0.9 }) })],
  ["cosineDecay", () => new SGD({ learningRate: cosineDecay({ initialLearningRate: 0.05, decaySteps: 20, alpha: 0.1, warmupTarget: 0.3, warmupSteps: 5 }) })],
];
OPTIMIZERS.forEach(([name, make], i) => SCENARIOS.push({
  name, seed: 21 + i, inputs: 4, layers: [{ units: 12, activation: "tanh" }, { units: 3, activation: "softmax" }], data: sectorData,
  loss: "sparseCategoricalCrossentropy", optimizer: { name: "made", make }, fitSeed: 201 + i,
}));

/** The scenario's model (not compiled) and optimizer. */
export function buildScenario(s: ScenarioSpec): { model: Sequential; optimizer: Optimizer } {
  const model = new Sequential({ seed: s.seed, layers: s.layers.map((l, i) => new Dense({ ...l, ...(i === 0 ? { inputShape: [s.inputs] } : {}) })) });
  const o = s.optimizer;
  if (o.name === "made") return { model, optimizer: o.make() };
  return { model, optimizer: o.name === "sgd" ? new SGD({ learningRate: o.learningRate, momentum: o.momentum }) : new Adam({ learningRate: o.learningRate }) };
}

/**
 * Issue 14's layers: LeakyReLU and two Dropouts (one seeded, one seeded from the model's generator
 * with a mask shared by the batch's rows), so the masks drawn in WASM are checked for the same bits too.
 */
export function dropoutModel(engine?: Engine): Sequential {
  return new Sequential({ seed: 15, engine, layers: [new Dense({ units: 16, inputShape: [2] }), new LeakyReLU({ alpha: 0.2 }),
    new Dropout({ rate: 0.25, seed: 7 }), new Dense({ units: 8, activation: "tanh" }), new Dropout({ rate: 0.1, noiseShape: [1, 8] }),
    new Dense({ units: 1, activation: "sigmoid" })] });
}

/**
 * Issue 14's BatchNormalization after a hidden layer and as the first layer: its training kernels
 * (batch statistics, the moving ones among the hashed weights) and, in the hashed predictions, its
 * inference kernel.
 */
export function batchNormModel(engine?: Engine): Sequential {
  return new Sequential({ seed: 16, engine, layers: [new BatchNormalization({ inputShape: [4], momentum: 0.9 }),
    new Dense({ units: 12, activation: "relu" }), new BatchNormalization(), new Dense({ units: 3, activation: "softmax" })] });
}

/** Train the networks and hash their weights. Same code, same seeds, in Node and Chromium. */
export async function runScenarios(): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const s of SCENARIOS) {
    const { model, optimizer } = buildScenario(s), { x, y } = s.data();
    results.push(await trainAndHash(s.name, model, x, y, s.loss, optimizer, s.fitSeed));
  }
  const { x, y } = xorData();
  results.push(await trainAndHash("dropout", dropoutModel(), x, y, "binaryCrossentropy", new Adam({ learningRate: 0.01 }), 105));
  const sectors = sectorData();
  const adam = new Adam({ learningRate: 0.02 });
  results.push(await trainAndHash("batchnorm", batchNormModel(), sectors.x, sectors.y, "sparseCategoricalCrossentropy", adam, 106, true));
  results.push(await convScenario(sha256Hex)); // issue 15: im2col · GEMM · col2im, not a network
  return results;
}
