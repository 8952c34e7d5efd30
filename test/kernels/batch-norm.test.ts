// assembly/batch-norm.ts ↔ test/reference/batch-norm.ts, and the forward's bits against
// TensorFlow.js 4.22's CPU backend (tf.moments + tf.batchNorm, as its BatchNormalization layer calls them).
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { engine } from "../../src/index.js";
import { tensorOf, seededValues, maxAbsDiff, relativeError, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import * as ref from "../reference/batch-norm.js";

const k = () => engine().k;
const EPS = 1e-3;
const SHAPES: [number, number][] = [[1, 0], [1, 1], [1, 3], [2, 4], [3, 5], [5, 3], [4, 4], [64, 100]];

/** The buffers of one layer of `cols` features: γ, β, batch μ and σ², moving μ and σ². */
function state(cols: number, seed: number) {
  const [gs, bs] = [seededValues(cols, 0.5, 1.5, seed), seededValues(cols, -0.5, 0.5, seed + 1)];
  const [mm, mv] = [seededValues(cols, -0.2, 0.2, seed + 2), seededValues(cols, 0.5, 2, seed + 3)];
  const t = (v: number[]) => tensorOf(v, 1, cols);
  const nines = () => t(new Array(cols).fill(9));
  return { gs, bs, mm, mv, gamma: t(gs), beta: t(bs), mean: nines(), variance: nines(), movingMean: t(mm), movingVariance: t(mv) };
}
type State = ReturnType<typeof state>;

/** batchNormTrain on x → out with the layer's buffers. */
const train = (s: State, x: number, out: number, rows: number, cols: number, momentum: number) =>
  k().batchNormTrain(x, s.gamma.ptr, s.beta.ptr, s.mean.ptr, s.variance.ptr, s.movingMean.ptr, s.movingVariance.ptr, out, rows, cols,
    EPS, momentum);

/** batchNormBackward from dy into dx (0: none), dγ, dβ. */
const back = (s: State, x: number, dy: number, dx: number, dg: number, db: number, rows: number, cols: number) =>
  k().batchNormBackward(x, s.gamma.ptr, s.mean.ptr, s.variance.ptr, dy, dx, dg, db, rows, cols, EPS);
const filled = (n: number, v: number, rows: number, cols: number) => tensorOf(new Array(n).fill(v), rows, cols);

describe("batchNormTrain", () => {
  it.each(SHAPES)("normalizes with the batch's μ and biased σ², and the moving statistics follow, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -3, 5, rows * 13 + cols), s = state(cols, cols + 7);
    const x = tensorOf(xs, rows, cols), out = filled(rows * cols, 9, rows, cols);
    train(s, x.ptr, out.ptr, rows, cols, 0.9);
    const m = ref.moments(xs, rows, cols);
    // f32 sums of ≤ 64 terms ≤ 25: 1e-5 is far above rounding and far below a slip in the formula.
    expect(maxAbsDiff(s.mean.data, m.mean)).toBeLessThan(1e-5);
    expect(maxAbsDiff(s.variance.data, m.variance)).toBeLessThan(1e-5);
    expect(maxAbsDiff(out.data, ref.normalize(xs, s.gs, s.bs, m.mean, m.variance, rows, cols, EPS))).toBeLessThan(2e-5);
    expect(maxAbsDiff(s.movingMean.data, ref.follow(s.mm, m.mean, 0.9))).toBeLessThan(1e-6);
    expect(maxAbsDiff(s.movingVariance.data, ref.follow(s.mv, m.variance, 0.9))).toBeLessThan(1e-5);
    expect(Array.from(x.data)).toEqual(xs);
  });

  it("one row: σ² = 0, so y = β (ε keeps it finite)", () => {
    const s = state(3, 1), x = tensorOf([1, -2, 3], 1, 3), out = tensorOf([0, 0, 0], 1, 3);
    train(s, x.ptr, out.ptr, 1, 3, 0.99);
    expect(Array.from(out.data)).toEqual(s.bs);
    expect(Array.from(s.variance.data)).toEqual([0, 0, 0]);
  });

  it("gives TF.js 4.22's bits: y, batch μ, σ², moving statistics (tf.moments, tf.batchNorm, its moving-average update)", async () => {
    await tf.setBackend("cpu");
    for (const [rows, cols] of [[3, 5], [32, 50], [7, 3]]) {
      const xs = seededValues(rows * cols, -4, 6, rows + cols), s = state(cols, rows);
      const x = tensorOf(xs, rows, cols), out = filled(rows * cols, 0, rows, cols);
      train(s, x.ptr, out.ptr, rows, cols, 0.99);
      const expected = tf.tidy(() => {
        const tx = tf.tensor2d(xs, [rows, cols]), { mean, variance } = tf.moments(tx, [0]);
        const y = tf.batchNorm(tx, mean, variance, tf.tensor1d(s.bs), tf.tensor1d(s.gs), EPS);
        const follow = (moving: number[], batch: tf.Tensor) => { // tfjs-layers normalization.ts, doMovingAverage
          const orig = tf.tensor1d(moving);
          return tf.sub(orig, tf.mul(tf.sub(orig, batch), 1 - 0.99));
        };
        return [y, mean, variance, follow(s.mm, mean), follow(s.mv, variance)].map((t) => Array.from(t.dataSync()));
      });
      const ours = [out.data, s.mean.data, s.variance.data, s.movingMean.data, s.movingVariance.data];
      expect(ours.map((a) => Array.from(a))).toEqual(expected);
    }
  });
});

describe("batchNormInference", () => {
  it.each(SHAPES)("normalizes with the moving statistics and leaves them, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -3, 5, rows * 17 + cols), s = state(cols, cols + 3);
    const x = tensorOf(xs, rows, cols);
    k().batchNormInference(x.ptr, s.gamma.ptr, s.beta.ptr, s.movingMean.ptr, s.movingVariance.ptr, x.ptr, rows, cols, EPS); // in place
    // One rounding of an f64 evaluation: within half an ulp of the f64 value.
    expect(maxAbsDiff(x.data, ref.normalize(xs, s.gs, s.bs, s.mm, s.mv, rows, cols, EPS).map(Math.fround))).toBe(0);
    expect([Array.from(s.movingMean.data), Array.from(s.movingVariance.data)]).toEqual([s.mm, s.mv]);
  });
});

describe("batchNormBackward", () => {
  it.each(SHAPES.filter(([r]) => r > 1))("dγ, dβ, dx match the f64 reference, %i×%i", (rows, cols) => {
    const xs = seededValues(rows * cols, -3, 5, rows * 19 + cols), dys = seededValues(rows * cols, -1, 1, rows + cols);
    const s = state(cols, cols);
    const x = tensorOf(xs, rows, cols), dy = tensorOf(dys, rows, cols), dx = filled(rows * cols, 9, rows, cols);
    const out = filled(rows * cols, 0, rows, cols), dg = filled(cols, 9, 1, cols), db = filled(cols, 9, 1, cols);
    train(s, x.ptr, out.ptr, rows, cols, 0.99);
    back(s, x.ptr, dy.ptr, dx.ptr, dg.ptr, db.ptr, rows, cols);
    const r = ref.backward(xs, s.gs, dys, rows, cols, EPS);
    expect(maxAbsDiff(db.data, r.dbeta)).toBeLessThan(1e-5);
    expect(maxAbsDiff(dg.data, r.dgamma)).toBeLessThan(1e-4);
    expect(maxAbsDiff(dx.data, r.dx)).toBeLessThan(1e-5);
    back(s, x.ptr, dy.ptr, dy.ptr, dg.ptr, db.ptr, rows, cols); // dx = dy, in place
    expect(Array.from(dy.data)).toEqual(Array.from(dx.data));
    back(s, x.ptr, dx.ptr, 0, dg.ptr, db.ptr, rows, cols); // no dx: only dγ, dβ
  });

  it("agrees with central differences of the training forward (x, γ, β through WASM)", () => {
    const rows = 6, cols = 3, n = rows * cols;
    const xs = seededValues(n, -2, 2, 5), dys = seededValues(n, -1, 1, 6), s = state(cols, 4);
    const x = tensorOf(xs, rows, cols), out = filled(n, 0, rows, cols), dy = tensorOf(dys, rows, cols);
    const dx = filled(n, 0, rows, cols), dg = filled(cols, 0, 1, cols), db = filled(cols, 0, 1, cols);
    const run = () => {
      train(s, x.ptr, out.ptr, rows, cols, 0.99);
      return out.data.reduce((sum, v, i) => sum + v * dys[i], 0); // L = Σ dy ⊙ y
    };
    run();
    back(s, x.ptr, dy.ptr, dx.ptr, dg.ptr, db.ptr, rows, cols);
    const [gx, gg, gb] = [Array.from(dx.data), Array.from(dg.data), Array.from(db.data)];
    const at = (t: { data: Float32Array }) => (p: number[]) => (t.data.set(p), run());
    expect(gradientCheck(at(x), xs, gx).error).toBeLessThan(GRADIENT_TOLERANCE);
    x.data.set(xs);
    expect(gradientCheck(at(s.gamma), s.gs, gg).error).toBeLessThan(GRADIENT_TOLERANCE);
    s.gamma.data.set(s.gs);
    expect(gradientCheck(at(s.beta), s.bs, gb).error).toBeLessThan(GRADIENT_TOLERANCE);
    expect(relativeError(gb, dys.reduce((acc, v, i) => (acc[i % cols] += v, acc), new Array(cols).fill(0)))).toBeLessThan(1e-6);
  });
});
