// Small fixtures shared by the model-level tests: seeded data made without Math.random.
import { Sequential, Dense, type Engine } from "../../src/index.js";
import type { ActivationName } from "../../src/layers/activations.js";
import type { LossSpec } from "../../src/losses/loss.js";

/** Deterministic values in [lo, hi) from a 32-bit LCG (tests only; no Math.random). */
export function seeded(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + ((hi - lo) * (s >>> 8)) / 16777216);
  }
  return out;
}

/** `rows` rows of `cols` seeded values. */
export function rowsOf(rows: number, cols: number, seed: number, lo = -1, hi = 1): number[][] {
  const v = seeded(rows * cols, seed, lo, hi);
  return Array.from({ length: rows }, (_, r) => v.slice(r * cols, (r + 1) * cols));
}

/** A classification toy set: the label is the index of the largest of the first `classes` columns. */
export function toyClasses(rows: number, cols: number, classes: number, seed: number): { x: number[][]; y: number[] } {
  const x = rowsOf(rows, cols, seed);
  const y = x.map((r) => r.slice(0, classes).reduce((best, v, i, a) => (v > a[best] ? i : best), 0));
  return { x, y };
}

/** A small compiled model: inputs → hidden (activation) → outputs. */
export function tiny(opts: { inputs?: number; hidden?: number; outputs?: number; activation?: ActivationName; output?: ActivationName; seed?: number; engine?: Engine; loss?: LossSpec; optimizer?: "sgd" | "adam" } = {}): Sequential {
  const { inputs = 4, hidden = 8, outputs = 3, activation = "relu", output = "softmax", seed, engine, loss = "sparseCategoricalCrossentropy", optimizer = "adam" } = opts;
  const model = new Sequential({ seed, engine });
  model.add(new Dense({ units: hidden, activation, inputShape: [inputs] }));
  model.add(new Dense({ units: outputs, activation: output }));
  model.compile({ optimizer, loss, metrics: ["accuracy"] });
  return model;
}

/** All weights as one byte string, for bit-exact comparison. */
export function weightBytes(model: Sequential): Uint8Array {
  const ws = model.getWeights();
  const out = new Uint8Array(ws.reduce((n, w) => n + w.data.byteLength, 0));
  let at = 0;
  for (const w of ws) {
    out.set(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength), at);
    at += w.data.byteLength;
  }
  return out;
}
