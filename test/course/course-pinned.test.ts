// Seed 001's classes give the bits they gave before they became adapters on the engine's layers,
// step and loop (issue 13): SHA-256 of each run's losses, valLosses, valScores, w_history and final
// weights, measured at bcc9a51 (each class's own loop) and unchanged since. Small sets, few epochs:
// batch gradient descent ("whole"), minibatches ("shuffle", a remainder batch), both penalties,
// one-hot rows and integer labels, and an early stop.
import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { engine } from "../../src/index.js";
import { blobs } from "../../src/data/synthetic.js";
import { oneHot } from "../../src/data/split.js";
import { SingleLayer } from "../../src/course/single-layer.js";
import { DualLayer, RandomInitNetwork } from "../../src/course/dual-layer.js";
import { MinibatchNetwork, MultiClassNetwork } from "../../src/course/minibatch-network.js";
import type { CourseNetwork } from "../../src/course/course-network.js";

const { x, y } = blobs({ classes: 3, n: 90, noise: 0.6, seed: 8 });
const binary = Array.from(y, (v) => (v === 2 ? 1 : 0));

function hash(net: CourseNetwork): string {
  const h = createHash("sha256"), f32 = engine().heap.f32;
  for (const xs of [net.losses, net.valLosses, net.valScores]) h.update(new Uint8Array(Float64Array.from(xs).buffer));
  for (const w of net instanceof SingleLayer ? net.wHistory : []) h.update(new Uint8Array(Float32Array.from(w).buffer));
  for (const p of net.layers.flatMap((l) => l.params())) h.update(new Uint8Array(f32.slice(p.value >>> 2, (p.value >>> 2) + p.size).buffer));
  net.dispose();
  return h.digest("hex").slice(0, 16);
}

const RUNS: [string, () => string][] = [
  ["SingleLayer l1 l2", () => hash(new SingleLayer({ l1: 0.02, l2: 0.05 }).fit(x, binary, { epochs: 40, xVal: x, yVal: binary }))],
  ["DualLayer l2", () => hash(new DualLayer({ units: 5, l2: 0.01 }).fit(x, binary, { epochs: 30, xVal: x, yVal: binary }))],
  ["RandomInitNetwork l1", () => hash(new RandomInitNetwork({ units: 5, l1: 0.01, seed: 3 }).fit(x, binary, { epochs: 30 }))],
  ["MinibatchNetwork b32", () => hash(new MinibatchNetwork({ units: 5, batchSize: 32, l2: 0.01, seed: 4 }).fit(x, binary, { epochs: 20, xVal: x, yVal: binary }))],
  ["MultiClassNetwork labels", () => hash(new MultiClassNetwork({ units: 6, batchSize: 16, l1: 0.001, l2: 0.01, seed: 5 }).fit(x, y, { epochs: 15, xVal: x, yVal: y }))],
  ["MultiClassNetwork one-hot, stop", () => hash(new MultiClassNetwork({ units: 6, batchSize: 25, seed: 6 }).fit(x, oneHot(y, 3), { epochs: 30, xVal: x, yVal: oneHot(y, 3), onEpochEnd: (e) => e < 9 }))],
];

const PINNED: Record<string, string> = {
  "SingleLayer l1 l2": "344dd3b2b8a9035f",
  "DualLayer l2": "a5abbfdaafe277d7",
  "RandomInitNetwork l1": "9d7b58884f8a2712",
  "MinibatchNetwork b32": "93c63af715c6ef26",
  "MultiClassNetwork labels": "9d081b27f51e0265",
  "MultiClassNetwork one-hot, stop": "c2614f58e5d2320a",
};

describe("seed 001's classes: the bits of before the adapters", () => {
  it.each(RUNS)("%s", (name, run) => {
    expect(run()).toBe(PINNED[name]);
  });
});
