// The one training loop (src/models/loop.ts): each batch order gives the rows it promises, drawn
// from the generator exactly as the code it reproduces (fit's shuffle; seed 003's sampling with
// replacement, checked bit for bit against the notebook's cycle written out in kernels), a resumed run replays
// the draws before it, and the synchronous driver refuses an asynchronous hook.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { Rng } from "../../src/core/random.js";
import { Tensor } from "../../src/core/tensor.js";
import { Indices } from "../../src/ops/indices.js";
import { sampleIndices } from "../../src/ops/data.js";
import { CallbackList } from "../../src/models/callbacks.js";
import { train, trainSync, type BatchOrder, type LoopPlan } from "../../src/models/loop.js";
import { disposeParams, initParams } from "../../src/course/step-by-step.js";
import { trainingCycle } from "../../src/course/step-by-step-cycle.js";
import { referenceCycle } from "../course/step-reference.js";
import { readF32, seededInts, seededValues, tensorOf, i32Of } from "../helpers.js";

const N = 10;

/** A plan over N rows whose one column is the row's number, and whose step records the rows it got. */
function recording(order: BatchOrder, more: Partial<LoopPlan> = {}): { plan: LoopPlan; batches: number[][] } {
  const x = tensorOf(Array.from({ length: N }, (_, r) => r), N, 1);
  const batches: number[][] = [];
  const plan: LoopPlan = {
    engine: engine(), x: { ptr: x.ptr, rows: N, cols: 1, bytes: false, scale: 1 }, y: { ptr: x.ptr, sparse: false, rows: N }, units: 1,
    order, batchSize: 4, epochs: 2, callbacks: new CallbackList(undefined), control: { stopTraining: false },
    diverged: (what) => new Error(what),
    step: (xb, _y, count) => (batches.push(readF32(xb, count)), 0.5),
    ...more,
  };
  return { plan, batches };
}

/** Fisher–Yates permutations of 0..N−1 drawn one per epoch from a fresh generator of `seed`. */
function permutations(seed: number, epochs: number): number[][] {
  const rng = new Rng(engine(), seed), idx = i32Of(Array.from({ length: N }, (_, i) => i)), out: number[][] = [];
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(idx, N);
    out.push(Array.from(engine().heap.i32.subarray(idx >>> 2, (idx >>> 2) + N)));
  }
  rng.dispose();
  return out;
}

const cut = (rows: number[], size: number) => Array.from({ length: Math.ceil(rows.length / size) }, (_, b) => rows.slice(b * size, (b + 1) * size));

describe("batch orders", () => {
  it("ordered: the rows in order, in consecutive batches, every epoch", async () => {
    const { plan, batches } = recording("ordered");
    const history = await train(plan);
    const epoch = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]];
    expect(batches).toEqual([...epoch, ...epoch]);
    expect(history.params).toEqual({ epochs: 2, samples: N, batchSize: 4, steps: 3 });
    expect(history.history.loss).toEqual([0.5, 0.5]);
  });

  it("whole: every row in one batch, in order", () => {
    const { plan, batches } = recording("whole");
    trainSync(plan);
    expect(batches).toEqual([[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  });

  it("shuffle: a new permutation from the generator each epoch (fit's order), and initialEpoch replays the ones before", async () => {
    const rng = new Rng(engine(), 7);
    const { plan, batches } = recording("shuffle", { rng, epochs: 3 });
    await train(plan);
    rng.dispose();
    const [p1, p2, p3] = permutations(7, 3);
    expect(batches).toEqual([...cut(p1, 4), ...cut(p2, 4), ...cut(p3, 4)]);
    const again = new Rng(engine(), 7), resumed = recording("shuffle", { rng: again, epochs: 3, initialEpoch: 2 });
    await train(resumed.plan);
    again.dispose();
    expect(resumed.batches).toEqual(cut(p3, 4));
  });

  it("sample: batchSize rows drawn with replacement per step, as sampleIndices draws them (np.random.choice)", () => {
    const rng = new Rng(engine(), 11);
    const { plan, batches } = recording("sample", { rng, batchSize: 6, steps: 5, epochs: 2 });
    trainSync(plan);
    rng.dispose();
    const fresh = new Rng(engine(), 11), out = Indices.zeros(6);
    const draws = Array.from({ length: 10 }, () => Array.from(sampleIndices(fresh, N, out).toArray()));
    fresh.dispose();
    out.dispose();
    expect(batches).toEqual(draws);
    expect(batches.some((b) => new Set(b).size < b.length)).toBe(true); // with replacement: some batch repeats a row
  });
});

describe("the sampled order carries seed 003's training cycle", () => {
  it("trainingCycle (the loop, the Dense layers, the stack's step) gives the notebook's loop written out in kernels, bit for bit", () => {
    const rows = 40, cols = 12, seed = 3, batchSize = 8, iters = 9;
    const x = Tensor.from(seededValues(rows * cols, 0, 1, 5), rows, cols), y = Indices.from(seededInts(rows, 10, 6));
    const cycle = trainingCycle(x, y, x, y, { itersNum: iters, batchSize, hiddenSize: 5, seed });
    const rng = new Rng(engine(), seed), params = initParams(cols, 5, 10, rng, 0.01, "sigmoid");
    const losses = referenceCycle(x, y, params, rng, iters, batchSize, 0.1);
    for (const name of ["W1", "b1", "W2", "b2"] as const) expect(Array.from(params[name].data), name).toEqual(Array.from(cycle.params[name].data));
    expect(cycle.trainLossList).toEqual(losses);
    disposeParams(params);
    disposeParams(cycle.params);
    for (const t of [rng, x, y]) t.dispose();
  });
});

describe("drivers", () => {
  it("trainSync refuses a callback that returns a Promise; train awaits it", async () => {
    const hooks = { onEpochEnd: async () => {} };
    expect(() => trainSync(recording("ordered", { callbacks: new CallbackList(hooks) }).plan)).toThrow(/synchronous/);
    const { plan, batches } = recording("ordered", { callbacks: new CallbackList(hooks) });
    await train(plan);
    expect(batches.length).toBe(6);
  });

  it("a step whose loss is not finite stops the loop with the plan's error, before any later step", async () => {
    let steps = 0;
    const { plan } = recording("ordered", { step: () => (++steps === 2 ? NaN : 1) });
    await expect(train(plan)).rejects.toThrow("the loss became NaN at epoch 1, batch 2");
    expect(steps).toBe(2);
  });
});

describe("the epoch's loss (plan.epochLoss)", () => {
  it("is given Σ step loss × rows in step order and the rows, and its result is what the epoch logs", () => {
    const losses = [0.1, 0.7, 0.3], seen: [number, number][] = [];
    let s = 0;
    const { plan } = recording("ordered", { epochs: 1, step: () => losses[s++], epochLoss: (sum, rows) => (seen.push([sum, rows]), sum + rows) });
    const history = trainSync(plan);
    const sum = 0.1 * 4 + 0.7 * 4 + 0.3 * 2; // batches of 4, 4 and 2 rows, added in that order
    expect(seen).toEqual([[sum, N]]);
    expect(history.history.loss).toEqual([sum + N]);
    s = 0;
    expect(trainSync(recording("ordered", { epochs: 1, step: () => losses[s++] }).plan).history.loss).toEqual([sum / N]); // the default: the mean
  });
});
