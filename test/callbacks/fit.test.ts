// The callbacks in real fit() runs: the epochs at which they act are pinned (measured on this
// seeded run) and re-derived from the run's own history by the rule, so a pin cannot drift from it.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, loadModel } from "../../src/index.js";
import { EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LearningRateScheduler } from "../../src/index.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toyClasses } from "../model/util.js";

const data = toyClasses(120, 6, 3, 7), val = toyClasses(60, 6, 3, 8);

function model(lr = 0.1): Sequential {
  const m = new Sequential({ seed: 3 });
  m.add(new Dense({ units: 16, activation: "relu", inputShape: [6] }));
  m.add(new Dense({ units: 3, activation: "softmax" }));
  m.compile({ optimizer: new SGD({ learningRate: lr }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return m;
}

const fitArgs = { epochs: 40, batchSize: 16, verbose: 0 as const, validationData: [val.x, val.y] as [number[][], number[]] };

/** The index of the epoch at which `patience` epochs in a row have not beaten the best by minDelta (TF.js' rule), or −1. */
function ruleStop(seq: number[], patience: number, minDelta: number): number {
  let best = Infinity, wait = 0;
  for (let e = 0; e < seq.length; e++) {
    if (seq[e] + minDelta < best) [best, wait] = [seq[e], 0];
    else if (++wait >= patience) return e;
  }
  return -1;
}

describe("callbacks in fit()", () => {
  it("EarlyStopping stops at the epoch its rule gives on the run's val_loss, and restores the best epoch's weights", async () => {
    const m = model(0.5), seen: Float32Array[][] = [];
    const recorder = { onEpochEnd: () => void seen.push(m.getWeights().map((w) => w.data)) }; // before EarlyStopping restores
    const es = new EarlyStopping({ monitor: "val_loss", patience: 3, minDelta: 0.001, restoreBestWeights: true });
    const h = await m.fit(data.x, data.y, { ...fitArgs, callbacks: [recorder, es] });
    const stop = ruleStop(h.history.val_loss, 3, 0.001);
    expect(stop).toBeGreaterThan(0);
    expect(h.epoch.length).toBe(stop + 1);
    expect(es.stoppedEpoch).toBe(stop);
    expect(stop).toBe(18); // measured: this seeded run stops after 19 epochs
    const best = h.history.val_loss.indexOf(Math.min(...h.history.val_loss.slice(0, stop + 1)));
    expect(es.bestEpoch).toBe(best);
    expect(m.getWeights().map((w) => w.data)).toEqual(seen[best]);
    expect(m.evaluate(val.x, val.y)[0]).toBeCloseTo(h.history.val_loss[best], 5);
    m.dispose();
  });

  it("ModelCheckpoint with saveBestOnly saves at each strict improvement of val_loss, to a handler; the last save loads back", async () => {
    const m = model(0.5), saved: ModelArtifacts[] = [];
    const ckpt = new ModelCheckpoint({ filepath: { save: async (a: ModelArtifacts) => (saved.push(a), {}) }, saveBestOnly: true });
    const h = await m.fit(data.x, data.y, { ...fitArgs, epochs: 12 });
    // the same seeded run again with the checkpoint (fit() is repeatable from the same start)
    const m2 = model(0.5), h2 = await m2.fit(data.x, data.y, { ...fitArgs, epochs: 12, callbacks: ckpt });
    expect(h2.history.val_loss).toEqual(h.history.val_loss);
    const improving: number[] = [];
    h.history.val_loss.reduce((best, v, e) => (v < best ? (improving.push(e), v) : best), Infinity);
    expect(ckpt.saved).toEqual(improving);
    expect(saved.length).toBe(improving.length);
    const last = improving.at(-1)!, loaded = await loadModel(saved.at(-1)!);
    expect(last).toBe(10); // measured: val_loss rose at the last epoch, so the last save holds epoch 10's weights, not the final ones
    expect(loaded.getWeights().map((w) => w.data)).not.toEqual(m2.getWeights().map((w) => w.data));
    expect(loaded.evaluate(val.x, val.y)[0]).toBeCloseTo(h.history.val_loss[last], 5);
    for (const x of [m, m2, loaded]) x.dispose();
  });

  it("ReduceLROnPlateau lowers optimizer.learningRate at the epochs Keras' rule gives on the run's loss", async () => {
    const m = model(0.5), lrs: number[] = [];
    const cb = new ReduceLROnPlateau({ monitor: "val_loss", patience: 2, factor: 0.5, minDelta: 0.001 });
    const record = { onEpochEnd: () => void lrs.push(m.optimizer!.learningRate) };
    const h = await m.fit(data.x, data.y, { ...fitArgs, epochs: 30, callbacks: [cb, record] });
    let lr = 0.5, best = Infinity, wait = 0;
    const expected = h.history.val_loss.map((v) => {
      if (v + 0.001 < best) [best, wait] = [v, 0];
      else if (++wait >= 2) [lr, wait] = [lr * 0.5, 0];
      return lr;
    });
    expect(lrs).toEqual(expected);
    expect(lrs.indexOf(0.25)).toBe(8); // measured: the first reduction, at epoch index 8
    m.dispose();
  });

  it("LearningRateScheduler: a scheduled run equals one that sets the rate itself between two fit() calls, bit for bit", async () => {
    const schedule = (epoch: number, lr: number) => (epoch === 3 ? lr / 4 : lr);
    const a = model(0.2);
    await a.fit(data.x, data.y, { ...fitArgs, epochs: 6, callbacks: new LearningRateScheduler(schedule) });
    expect(a.optimizer!.learningRate).toBe(0.05);
    const b = model(0.2);
    await b.fit(data.x, data.y, { ...fitArgs, epochs: 3 });
    b.optimizer!.learningRate = 0.05;
    await b.fit(data.x, data.y, { ...fitArgs, epochs: 6, initialEpoch: 3 });
    expect(a.getWeights()).toEqual(b.getWeights());
    const c = model(0.2);
    await c.fit(data.x, data.y, { ...fitArgs, epochs: 6 });
    expect(c.getWeights()).not.toEqual(a.getWeights());
    for (const x of [a, b, c]) x.dispose();
  });

  it("ModelCheckpoint every epoch to a file:// path formatted per epoch; a rate ReduceLROnPlateau set is saved and loads back", async () => {
    const dir = mkdtempSync(join(tmpdir(), "scratchnet-ckpt-"));
    try {
      // the loss never improves by 10: the rate halves every epoch after the first
      const m = model(0.5), plateau = new ReduceLROnPlateau({ monitor: "loss", patience: 1, factor: 0.5, minDelta: 10 });
      const ckpt = new ModelCheckpoint({ filepath: `file://${dir}/m-{epoch:02d}-{loss:.2f}`, monitor: "loss" });
      const h = await m.fit(data.x, data.y, { ...fitArgs, epochs: 3, callbacks: [plateau, ckpt] });
      expect(ckpt.saved).toEqual([0, 1, 2]);
      expect(readdirSync(dir).sort()).toEqual(h.history.loss.map((l, e) => `m-0${e + 1}-${l.toFixed(2)}`).sort());
      expect(m.optimizer!.learningRate).toBe(0.125); // epoch 0 sets the best; epochs 1 and 2 halve the rate (Keras' rule)
      const last = await loadModel(`file://${dir}/m-03-${h.history.loss[2].toFixed(2)}`);
      expect(last.optimizer!.learningRate).toBe(0.125); // the last checkpoint holds the rate set at the end of its epoch
      expect(last.getWeights()).toEqual(m.getWeights());
      for (const x of [m, last]) x.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
