// Fuzz (issue 6): random shapes (1, odd, not multiples of 4 or 8, across the GEMM blocks of
// 128 and 256) and random values through every kernel, against the plain-TypeScript references
// in test/reference/. Tolerances are the kernel tests' (test/kernels/*), stated where used.
import { describe, it } from "vitest";
import { engine } from "../../src/index.js";
import { trials, readF32, readI32, bits, near, same, type Draw } from "./fuzz.js";
import { product, productF32 } from "../reference/matmul.js";
import * as act from "../reference/activations.js";
import { softmax, softmaxBackward } from "../reference/softmax.js";
import * as loss from "../reference/losses.js";
import * as opt from "../reference/optimizers.js";
import * as pen from "../reference/penalty.js";
import * as gather from "../reference/gather.js";
import * as metrics from "../reference/metrics.js";
import { addRowVector, sumColumns } from "../reference/bias.js";
import { transpose } from "../reference/transpose.js";
import { xoshiro128ss, shuffle } from "../reference/random.js";

const k = () => engine().k;
const f = Math.fround;

/** Values of a random magnitude (1e-3 … 1e3), so that no tolerance holds only at scale 1. */
const scaled = (d: Draw, n: number) => d.values(n, 10 ** (d.unit() * 6 - 3));

describe("fuzz: kernels against the references", () => {
  it("gemm, gemmTN, gemmNT, plain and accumulating: bit-equal to the in-order f32 chain, within 1e-5·Σ|a·b| of f64", () => {
    trials("gemm", 60, (d, arena) => {
      const kind = d.pick(["gemm", "gemmTN", "gemmNT"] as const), acc = d.unit() < 0.5;
      let [m, kk, n] = [d.size(), d.size(513), d.size()];
      while (m * kk * n > 1.5e6) [m, n] = [Math.max(1, m >> 1), Math.max(1, n >> 1)]; // the f64 reference is O(mkn) in JS
      d.drew = `${kind} m=${m} k=${kk} n=${n} accumulate=${acc}`;
      const s = { m, k: kk, n, transA: kind === "gemmTN", transB: kind === "gemmNT" };
      const a = scaled(d, m * kk), b = scaled(d, kk * n), c0 = acc ? scaled(d, m * n) : null;
      const pa = arena.f32(a), pb = arena.f32(b), pc = arena.f32(c0 ?? new Float32Array(m * n).fill(NaN));
      k()[kind](pa, pb, pc, m, kk, n, acc ? 1 : 0);
      const c = readF32(pc, m * n), f64 = product(a, b, c0, s);
      near(kind, c, f64.value, 1e-5, (i) => f64.scale[i] || 1e-30);
      same(`${kind} bits`, bits(c), bits(productF32(a, b, c0, s)));
    });
  });

  it("transpose, addRowVector and sumColumns", () => {
    trials("bias", 40, (d, arena) => {
      const rows = d.size(), cols = d.size(), acc = d.unit() < 0.5;
      d.drew = `${rows}×${cols} accumulate=${acc}`;
      const x = scaled(d, rows * cols), b = scaled(d, cols), start = scaled(d, cols);
      const px = arena.f32(x), pb = arena.f32(b), out = arena.f32(rows * cols), sums = arena.f32(acc ? start : new Float32Array(cols).fill(NaN));
      k().transpose(px, out, rows, cols);
      same("transpose", readF32(out, rows * cols), transpose(x, rows, cols));
      k().addRowVector(px, pb, out, rows, cols);
      same("addRowVector", readF32(out, rows * cols), addRowVector(x, b, rows, cols).map(f)); // one f32 add each
      k().sumColumns(px, sums, rows, cols, acc ? 1 : 0);
      const want = sumColumns(x, rows, cols, acc ? start : undefined);
      const size = sumColumns(x.map(Math.abs), rows, cols, acc ? start.map(Math.abs) : undefined);
      near("sumColumns", readF32(sums, cols), want, 1e-6 * (rows + 1), (c) => size[c] || 1e-30); // rows f32 adds in order
    });
  });

  it("activations and their backward (identity, step, sigmoid, tanh, relu), in place or not", () => {
    const names = ["identity", "step", "sigmoid", "tanh", "relu"] as const;
    trials("activations", 60, (d, arena) => {
      const name = d.pick(names), n = d.size(3000), range = d.pick([1, 8, 100]), inPlace = d.unit() < 0.5;
      d.drew = `${name} n=${n} range=±${range} inPlace=${inPlace}`;
      const z = d.values(n, range), dy = d.values(n, 2);
      const pz = arena.f32(z), out = inPlace ? pz : arena.f32(n);
      k()[name](pz, out, n);
      const a = readF32(out, n);
      // Exact for identity, step and relu; sigmoid and tanh through expf within 1e-6 (absolute, |a| ≤ 1).
      if (name === "sigmoid" || name === "tanh") near(name, a, Array.from(z, act[name]), 1e-6);
      else same(name, a, Array.from(z, act[name]).map(f));
      const pdy = arena.f32(dy), dz = inPlace ? pdy : arena.f32(n);
      k()[`${name}Backward`](out, pdy, dz, n);
      near(`${name}Backward`, readF32(dz, n), Array.from(a, (ai, i) => act[`${name}Backward`](ai, dy[i])), 1e-6); // |dz| ≤ 2
    });
  });

  it("softmax and softmaxBackward, rows × cols", () => {
    trials("softmax", 40, (d, arena) => {
      const rows = d.size(200), cols = d.size(300), range = d.pick([1, 10, 50]);
      d.drew = `${rows}×${cols} range=±${range}`;
      const z = d.values(rows * cols, range), dy = d.values(rows * cols, 2);
      const pz = arena.f32(z);
      k().softmax(pz, pz, rows, cols);
      const a = readF32(pz, rows * cols);
      near("softmax", a, softmax(z, rows, cols), 1e-6); // probabilities: absolute
      const pdy = arena.f32(dy);
      k().softmaxBackward(pz, pdy, pdy, rows, cols);
      near("softmaxBackward", readF32(pdy, rows * cols), softmaxBackward(a, dy, rows, cols), 2e-6); // |dz| ≤ 4, a dot of `cols` terms
    });
  });

  it("losses and their gradients: MSE, binary and categorical cross-entropy (one-hot, sparse, fused)", () => {
    trials("losses", 60, (d, arena) => {
      const rows = d.size(300), cols = d.size(40);
      d.drew = `${rows}×${cols}`;
      const n = rows * cols, rel = (want: number) => 1e-6 * Math.max(Math.abs(want), 1e-30);
      const check = (what: string, got: number, want: number) => near(what, [got], [want], 1, () => rel(want));
      // MSE on values of any sign, with Keras' 2/n scale.
      const a = scaled(d, n), y = scaled(d, n), pa = arena.f32(a), py = arena.f32(y), da = arena.f32(n);
      check("mse", k().mse(pa, py, n), loss.mse(a, y));
      const scale = f(2 / n);
      k().mseBackward(pa, py, da, n, scale);
      near("mseBackward", readF32(da, n), loss.mseBackward(a, y, scale), 1e-6, (i) => Math.abs(scale) * (Math.abs(a[i]) + Math.abs(y[i])) + 1e-30);
      // Binary cross-entropy on probabilities (some at the clip bounds 0 and 1) and soft targets.
      const p = Float32Array.from(d.values(n, 1, 0), (v) => (v < 0.03 ? 0 : v > 0.97 ? 1 : v)), t = d.values(n, 1, 0);
      const pp = arena.f32(p), pt = arena.f32(t);
      check("binaryCrossEntropy", k().binaryCrossEntropy(pp, pt, n), loss.binaryCrossEntropy(p, t));
      k().binaryCrossEntropyBackward(pp, pt, da, n);
      const bce = loss.binaryCrossEntropyBackward(p, t);
      near("binaryCrossEntropyBackward", readF32(da, n), bce, 1e-6, (i) => Math.abs(bce[i]) + 1e-30);
      check("sigmoidCrossEntropyBackward", k().sigmoidCrossEntropyBackward(pp, pt, da, n), loss.binaryCrossEntropy(p, t));
      near("sigmoidCrossEntropyBackward dz", readF32(da, n), loss.sigmoidCrossEntropyBackward(p, t), 1e-6, () => 1 / n);
      // Categorical: softmax rows against one-hot rows and the same labels as integers.
      const probs = Float32Array.from(softmax(d.values(n, 6), rows, cols)), labels = Array.from({ length: rows }, () => d.int(0, cols - 1));
      const oneHot = loss.oneHot(labels, rows, cols), pq = arena.f32(probs), ph = arena.f32(oneHot), pl = arena.i32(labels);
      const ce = loss.categoricalCrossEntropy(probs, oneHot, rows);
      check("categoricalCrossEntropy", k().categoricalCrossEntropy(pq, ph, rows, cols), ce);
      check("sparseCategoricalCrossEntropy", k().sparseCategoricalCrossEntropy(pq, pl, rows, cols), ce);
      // Keras' form for outputs that are not a softmax, on rows no softmax wrote (signs mixed).
      const raw = Float32Array.from(d.values(n, 2, -0.5)), pr = arena.f32(raw), sc = loss.categoricalCrossEntropyScaled(raw, oneHot, rows);
      check("categoricalCrossEntropyScaled", k().categoricalCrossEntropyScaled(pr, ph, da, rows, cols, 0), sc.loss);
      near("categoricalCrossEntropyScaled da", readF32(da, n), sc.grad, 1e-6, () => Math.max(...sc.grad.map(Math.abs)) + 1e-30);
      const first = loss.sparseCategoricalCrossEntropyScaled(raw, labels, rows, cols);
      check("sparseCategoricalCrossEntropyScaled", k().sparseCategoricalCrossEntropyScaled(pr, pl, da, rows, cols, 1), first.loss);
      near("sparseCategoricalCrossEntropyScaled da", readF32(da, n), first.grad, 1e-6, () => Math.max(...first.grad.map(Math.abs)) + 1e-30);
      check("softmaxCrossEntropyBackward", k().softmaxCrossEntropyBackward(pq, ph, da, rows, cols), ce);
      near("softmaxCrossEntropyBackward dz", readF32(da, n), loss.softmaxCrossEntropyBackward(probs, oneHot, rows), 1e-6, () => 1 / rows);
      check("softmaxSparseCrossEntropyBackward", k().softmaxSparseCrossEntropyBackward(pq, pl, da, rows, cols), ce);
      near("softmaxSparseCrossEntropyBackward dz", readF32(da, n), loss.softmaxCrossEntropyBackward(probs, oneHot, rows), 1e-6, () => 1 / rows);
      k().oneHot(pl, da, rows, cols);
      same("oneHot", readF32(da, n), oneHot);
    });
  });

  it("optimizers: SGD, momentum and three Adam steps with random hyperparameters; L1/L2 penalties", () => {
    trials("optimizers", 50, (d, arena) => {
      const n = d.size(5000), lr = f(10 ** (-4 + 3 * d.unit())), mu = f(0.99 * d.unit());
      const b1 = f(0.5 + 0.49 * d.unit()), b2 = f(0.9 + 0.0999 * d.unit()), eps = f(d.pick([1e-7, 1e-8, 1e-4]));
      d.drew = `n=${n} lr=${lr} momentum=${mu} beta1=${b1} beta2=${b2} epsilon=${eps}`;
      const w = d.values(n), g = d.values(n), v = d.values(n, 0.1);
      const pw = arena.f32(w), pg = arena.f32(g), pv = arena.f32(v);
      k().sgdStep(pw, pg, n, lr);
      near("sgdStep", readF32(pw, n), opt.sgdStep(w, g, lr), 3e-7); // |w| ≤ 1.1: two roundings
      same("sgdStep reads dw only", readF32(pg, n), g);
      engine().heap.f32.set(w, pw >>> 2);
      k().momentumStep(pw, pg, pv, n, lr, mu);
      const mom = opt.momentumStep(w, g, v, lr, mu);
      near("momentumStep w", readF32(pw, n), mom.w, 1e-6);
      near("momentumStep v", readF32(pv, n), mom.v, 1e-6);
      engine().heap.f32.set(w, pw >>> 2);
      const pm = arena.f32(n), pv2 = arena.f32(n);
      let ref = { w: Array.from(w), m: new Array<number>(n).fill(0), v: new Array<number>(n).fill(0) }, acc1 = b1, acc2 = b2;
      for (let t = 1; t <= 3; t++) {
        const gt = d.values(n);
        engine().heap.f32.set(gt, pg >>> 2);
        k().adamStep(pw, pg, pm, pv2, n, lr, b1, b2, eps, acc1, acc2); // β^t kept as TensorFlow.js does (src/optimizers.ts)
        [acc1, acc2] = [f(acc1 * b1), f(acc2 * b2)];
        ref = opt.adamStep(ref.w, gt, ref.m, ref.v, lr, b1, b2, eps, t, { f32Scalars: true });
      }
      // Each step moves w by ≤ ~lr·(1 + ε) with the f32 ratio good to ~1e-6 relative (adam.test.ts).
      near("adamStep w", readF32(pw, n), ref.w, 5e-7, () => Math.max(1, lr * 30));
      near("adamStep m", readF32(pm, n), ref.m, 1e-6);
      near("adamStep v", readF32(pv2, n), ref.v, 1e-6);
      const l1 = f(d.unit()), l2 = f(d.unit()), dw = arena.f32(g);
      k().addL1Grad(pw, dw, n, l1);
      const wNow = readF32(pw, n);
      near("addL1Grad", readF32(dw, n), pen.addL1Grad(wNow, g, l1), 3e-7, () => 1 + l1);
      engine().heap.f32.set(g, dw >>> 2);
      k().addL2Grad(pw, dw, n, l2);
      near("addL2Grad", readF32(dw, n), pen.addL2Grad(wNow, g, l2), 3e-7, () => 1 + 2 * l2);
      near("l1Norm", [k().l1Norm(pw, n)], [pen.l1Norm(wNow)], 1e-9, () => 1 + pen.l1Norm(wNow));
      near("l2Norm", [k().l2Norm(pw, n)], [pen.l2Norm(wNow)], 1e-9, () => 1 + pen.l2Norm(wNow));
    });
  });

  it("gather (f32 rows, byte rows scaled, i32), countNonFinite, argmax and accuracy counts, shuffle", () => {
    trials("gather", 40, (d, arena) => {
      const rows = d.size(300), cols = d.size(300), count = d.size(300);
      d.drew = `${rows}×${cols}, gathering ${count}`;
      const src = scaled(d, rows * cols), bytes = Uint8Array.from({ length: rows * cols }, () => d.int(0, 255));
      const idx = Array.from({ length: count }, () => d.int(0, rows - 1)), labels = Array.from({ length: rows }, () => d.int(-5, 5));
      const pidx = arena.i32(idx), dst = arena.f32(count * cols), psrc = arena.f32(src);
      k().gatherRows(psrc, pidx, dst, count, cols);
      same("gatherRows", readF32(dst, count * cols), gather.gatherRows(src, idx, cols));
      const scale = f(d.pick([1 / 255, 1, 0.5, 3]));
      k().gatherRowsU8(arena.u8(bytes), pidx, dst, count, cols, scale);
      near("gatherRowsU8", readF32(dst, count * cols), gather.gatherRowsU8(bytes, idx, cols, scale), 1.2e-7, () => 255 * scale); // one f32 product
      const out = arena.i32(new Array(count).fill(0));
      k().gatherI32(arena.i32(labels), pidx, out, count);
      same("gatherI32", readI32(out, count), gather.gatherI32(labels, idx));
      const holes = Float32Array.from(src, (v) => (d.unit() < 0.01 ? d.pick([NaN, Infinity, -Infinity]) : v));
      if (k().countNonFinite(arena.f32(holes), holes.length) !== gather.countNonFinite(holes)) throw new Error("countNonFinite differs");
      // argmax (first on ties: values drawn from a few levels make ties common) and the counts.
      const a = Float32Array.from({ length: rows * cols }, () => d.int(0, 3)), truth = Array.from({ length: rows }, () => d.int(0, cols - 1));
      const pa = arena.f32(a), arg = arena.i32(new Array(rows).fill(-1));
      k().argmaxRows(pa, arg, rows, cols);
      same("argmaxRows", readI32(arg, rows), metrics.argmaxRows(a, rows, cols));
      same("countCorrectSparse", [k().countCorrectSparse(pa, arena.i32(truth), rows, cols)], [metrics.countCorrectSparse(a, truth, rows, cols)]);
      const y = loss.oneHot(truth, rows, cols), p01 = d.values(rows * cols, 1, 0);
      same("countCorrectOneHot", [k().countCorrectOneHot(pa, arena.f32(y), rows, cols)], [metrics.countCorrectOneHot(a, y, rows, cols)]);
      same("countCorrectBinary", [k().countCorrectBinary(arena.f32(p01), arena.f32(y), rows * cols)], [metrics.countCorrectBinary(p01, y)]);
      // Fisher–Yates from a seeded state, against the xoshiro128** reference from the same state.
      const state = arena.bytes(16), order = arena.i32(idx);
      k().rngSeed(state, d.int(0, 2 ** 31));
      const s = Uint32Array.from(readI32(state, 4), (v) => v >>> 0);
      k().shuffle(state, order, count);
      same("shuffle", readI32(order, count), shuffle(s, idx));
      same("rngNext after shuffle", [k().rngNext(state) >>> 0], [xoshiro128ss(s)]);
    });
  });
});
