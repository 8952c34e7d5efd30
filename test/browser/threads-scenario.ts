// The threads scenario, the same code in Node and Chromium: train a 300-200-10 relu/softmax
// network (its 64×300×200 products are big enough to be shared between threads) on seeded data
// with a given engine, once on dense rows and once on rows that are 85% zeros (so the first layer
// runs the sparse products, src/layers/sparse-input.ts), and hash the weights. Equal hashes on 1
// thread and on N mean equal bits.
import { Sequential, Dense, SGD, type Engine } from "../../src/index.js";
import { teamOf } from "../../src/parallel/engine.js";

/** Seeded rows in [-1, 1) and labels from a 32-bit LCG: no Math.random, the same in every engine. */
function data(rows: number, cols: number, zeros = 0): { x: number[][]; y: number[] } {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 8) / 8388608 - 1;
  const x = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (next() < 2 * zeros - 1 ? 0 : next())));
  return { x, y: x.map((r) => (r[0] + r[1] > 0 ? 1 : 0) + (r[2] > 0 ? 2 : 0)) };
}

export interface ThreadsResult {
  threads: number;
  note?: string;
  sha256: string;
  /** Chunks of products the worker threads computed (0 on one thread). */
  byWorkers: number;
}

/** Train on `engine` for 2 epochs of batch 64 and hash the weights (SHA-256 of the f32 bytes). */
export async function trainAndHash(engine: Engine): Promise<ThreadsResult> {
  const parts: Uint8Array[] = [];
  for (const zeros of [0, 0.85]) {
    const { x, y } = data(320, 300, zeros);
    const model = new Sequential({ seed: 3, engine });
    model.add(new Dense({ units: 200, activation: "relu", inputShape: [300] }));
    model.add(new Dense({ units: 10, activation: "softmax" }));
    model.compile({ optimizer: new SGD({ learningRate: 0.05 }), loss: "sparseCategoricalCrossentropy" });
    await model.fit(x, y, { epochs: 2, batchSize: 64, verbose: 0 });
    for (const w of model.getWeights()) parts.push(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength).slice());
    model.dispose();
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return { threads: engine.threads, note: engine.threadsNote, sha256, byWorkers: teamOf(engine)?.chunksByWorkers ?? 0 };
}
