// What each lesson page (examples/web/lessons/) must show, shared by the page tests: the course's
// claims about its results (not pinned numbers), and a wait for a page's example to finish.
import { expect } from "vitest";
import type { Browser } from "./harness.js";

export type Lesson = { done: boolean; error: string | null; runs: number; seconds: number; pictures: number; figures: Record<string, string>; results: Record<string, any> };
type Run = { name: string; first: number; last: number; predicted: number[]; evaluate: number };
const falls = (xs: number[]) => xs.at(-1)! < xs[0];

/** Each lesson page and what its results must show (the course's claims, not pinned numbers). */
export const LESSONS: [string, (r: Record<string, any>) => void][] = [
  ["01-perceptron", (r) => {
    expect(r.xorFromGates).toEqual([0, 1, 1, 0]);
    expect(r.AND).toMatchObject({ converged: true, outputs: [0, 0, 0, 1] });
    expect(r.OR).toMatchObject({ converged: true, outputs: [0, 1, 1, 1] });
    expect(r.XOR).toMatchObject({ converged: false, iterations: 100 }); // one layer cannot learn XOR
  }],
  ["02-activations", (r) => {
    expect(r.softmax.map((v: number) => v.toFixed(5))).toEqual(["0.01821", "0.24519", "0.73660"]);
    expect(r.softmaxLarge.every(Number.isFinite)).toBe(true);
    expect(r.forward[0]).toBeCloseTo(0.31682708, 6);
    expect(r.forward[1]).toBeCloseTo(0.69627909, 6);
    expect(r.storedAccuracy).toBe(0.9155); // sample_weight.pkl on the page's 2,000 test images: 1,831 (numpy 2.4.6 counts 1,831)
  }],
  ["03-deep-neural-net", (r) => {
    const runs = r.runs as Run[];
    expect(runs).toHaveLength(4);
    for (const run of runs) expect(run.last).toBeLessThan(run.first);
    expect(runs.filter((run) => run.evaluate === 1).length).toBeGreaterThanOrEqual(3); // seed 2: XOR learned
  }],
  ["04-logistic-to-multiclass", (r) => {
    for (const key of ["singleLayer", "dualLayer", "minibatch"]) expect(r[key].valAccuracy).toBeGreaterThan(0.9);
    expect(falls(r.singleLayer.losses)).toBe(true);
    expect(r.multiClass.testAccuracy).toBeGreaterThan(0.6); // 10 classes: chance is 0.1; 5 short epochs
    expect(falls(r.multiClass.valScores.map((a: number) => -a))).toBe(true);
  }],
  ["05-keras-models", (r) => {
    expect(r.params).toBe(39_760);
    expect(r.summary).toContain("39,760");
    expect(falls(r.history.loss)).toBe(true);
    expect(r.testAccuracy).toBeGreaterThan(0.8);
  }],
  ["06-sequential-network", (r) => {
    expect(r.averageDigit.test).toBeGreaterThan(0.5);
    expect(r.correct).toHaveLength(3);
    expect(r.correct[2]).toBeGreaterThan(r.correct[0]); // the course's point: training raises the count
    expect(r.correct[2]).toBeGreaterThan(r.total * 0.3); // chance is 0.1
  }],
  ["07-step-by-step", (r) => {
    expect(r.testAccList.length).toBeGreaterThan(1);
    expect(falls(r.trainLossList)).toBe(true);
    expect(r.finalTestAccuracy).toBeGreaterThan(0.8);
  }],
  ["08-pictures", (r) => {
    expect(falls(r.history.loss)).toBe(true);
    expect(r.testAccuracy).toBeGreaterThan(0.8);
  }],
  ["09-numerical-gradient", (r) => {
    expect(r.descent[0]).toBeCloseTo(-6.11e-10, 12); // the book: [-6.1e-10, 8.1e-10]
    expect(r.descent[1]).toBeCloseTo(8.15e-10, 12);
    for (const key of ["W1", "b1", "W2", "b2"]) expect(r.diffs[key]).toBeLessThan(1.2e-3); // float32's bound; Node measures 8e-5-4e-4
  }],
  ["10-optimizers", (r) => {
    for (const v of Object.values(r.pathEnds) as number[]) expect(v).toBeLessThan(0.2);
    expect(r.pathEnds.AdaGrad).toBeLessThan(r.pathEnds.SGD);
    // The book: SGD slowest.
    for (const key of ["Momentum", "AdaGrad", "Adam", "Nesterov"]) expect(r.mnistLast[key]).toBeLessThan(r.mnistLast.SGD);
  }],
  ["11-weight-init", (r) => {
    for (const v of r.spread["sigmoid σ = 0.01"]) expect(v).toBeLessThan(0.03); // all near 0.5
    for (const v of r.spread["sigmoid σ = 1"]) expect(v).toBeGreaterThan(0.35); // piled at 0 and 1
    expect(Math.abs(r.losses["std=0.01"] - Math.log(10))).toBeLessThan(0.02); // does not learn
    expect(r.losses.He).toBeLessThan(r.losses.Xavier);
    expect(r.losses.He).toBeLessThan(1.5);
  }],
  ["12-batch-norm", (r) => {
    type Final = { std: number; plain: number | null; bn: number };
    const finals = r.finals as Final[];
    expect(finals).toHaveLength(16);
    for (const f of finals) expect(f.bn).toBeGreaterThan(0.2); // BN learns at every scale
    expect(finals.filter((f) => f.plain === null || f.bn > f.plain).length).toBeGreaterThanOrEqual(12);
    for (const f of finals.slice(5)) expect(f.plain).toBeLessThan(0.2); // without BN: chance at small scales
  }],
  ["13-overfitting", (r) => {
    const plain = r.finals["no regularization"], decay = r.finals["weight decay λ = 0.1"], dropout = r.finals["dropout 0.15"];
    expect(plain.train).toBeGreaterThan(0.98);
    expect(plain.train - plain.test).toBeGreaterThan(0.15); // the overfitting gap
    expect(decay.train).toBeLessThan(0.95);
    expect(decay.train - decay.test).toBeLessThan(plain.train - plain.test);
    expect(dropout.trainAt100).toBeLessThan(plain.trainAt100 - 0.1);
  }],
  ["14-hyperparameter-search", (r) => {
    type Tried = { lr: number; weightDecay: number; val: number };
    const trials = r.trials as Tried[];
    expect(trials).toHaveLength(20);
    for (const t of trials) {
      expect(t.lr).toBeGreaterThanOrEqual(1e-6), expect(t.lr).toBeLessThan(1e-2);
      expect(t.weightDecay).toBeGreaterThanOrEqual(1e-8), expect(t.weightDecay).toBeLessThan(1e-4);
      if (t.lr < 1e-3) expect(t.val).toBeLessThan(0.3); // too small a step: 50 epochs do not learn
    }
    expect(r.best.val).toBe(Math.max(...trials.map((t) => t.val)));
    expect(r.best.val).toBeGreaterThanOrEqual(0.7); // the book: ≈ 0.7–0.8
    expect(r.best.lr).toBeGreaterThan(1e-3); // the book: good lr ≈ 0.001–0.01
    const e = r.early;
    expect(e.stoppedEpoch).toBeLessThan(e.maxEpochs); // EarlyStopping fired
    expect(e.bestEpoch).toBe(e.stoppedEpoch - e.patience);
    expect(e.testAcc).toBeGreaterThan(0.7);
  }],
];

/** Wait until the page's example finished (or failed) and return its state. */
export async function lessonState(browser: Browser): Promise<Lesson> {
  const handle = await browser.page.waitForFunction(() => {
    const s = (globalThis as unknown as { __lesson?: Lesson }).__lesson;
    return s && (s.done || s.error) ? s : undefined;
  }, undefined, { timeout: 60_000 }); // only guards a hang; a lesson takes seconds
  return (await handle.jsonValue())!;
}
