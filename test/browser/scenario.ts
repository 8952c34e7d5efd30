// The determinism scenario run both in Node (vitest) and in Chromium (bundled by esbuild): four
// small networks trained from fixed seeds on data made without Math.random, each summarised by a
// SHA-256 of its weight bytes. The same bits in both places give the same four hashes.
import { Sequential, Dense, SGD, Adam } from "../../src/index.js";

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

async function trainAndHash(name: string, model: Sequential, x: number[][], y: number[], loss: "binaryCrossentropy" | "sparseCategoricalCrossentropy", optimizer: SGD | Adam, fitSeed: number): Promise<ScenarioResult> {
  model.compile({ optimizer, loss });
  const history = await model.fit(x, y, { epochs: 5, batchSize: 16, shuffle: true, seed: fitSeed, verbose: 0 });
  const weights = model.getWeights();
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

/** Train the four networks and hash their weights. Same code, same seeds, in Node and Chromium. */
export async function runScenarios(): Promise<ScenarioResult[]> {
  const xor = xorData(), sectors = sectorData();
  return [
    await trainAndHash("sigmoid", new Sequential({ seed: 11, layers: [
      new Dense({ units: 8, activation: "sigmoid", inputShape: [2] }),
      new Dense({ units: 1, activation: "sigmoid" }),
    ] }), xor.x, xor.y, "binaryCrossentropy", new SGD({ learningRate: 0.5 }), 101),
    await trainAndHash("tanh", new Sequential({ seed: 12, layers: [
      new Dense({ units: 8, activation: "tanh", inputShape: [2] }),
      new Dense({ units: 1, activation: "sigmoid" }),
    ] }), xor.x, xor.y, "binaryCrossentropy", new SGD({ learningRate: 0.2, momentum: 0.9 }), 102),
    await trainAndHash("relu", new Sequential({ seed: 13, layers: [
      new Dense({ units: 16, activation: "relu", inputShape: [2] }),
      new Dense({ units: 1, activation: "sigmoid" }),
    ] }), xor.x, xor.y, "binaryCrossentropy", new Adam({ learningRate: 0.01 }), 103),
    await trainAndHash("softmax", new Sequential({ seed: 14, layers: [
      new Dense({ units: 12, activation: "tanh", inputShape: [4] }),
      new Dense({ units: 3, activation: "softmax" }),
    ] }), sectors.x, sectors.y, "sparseCategoricalCrossentropy", new Adam({ learningRate: 0.02 }), 104),
  ];
}
