// GEMM against its own ceiling: the micro-kernel's in-cache peak (the same kernel, operands
// already packed and resident in L1/L2, many repetitions), then the whole products at the
// shapes training uses, each as GFLOP/s and as a share of that peak. Prints a markdown table and
// one BENCH_RESULT line (for bench/run.ts).
//
//   tsx bench/gemm.ts [--rounds 3]
import { engine } from "../src/index.js";
import { gemmRate, report } from "./common.js";

const { heap, k } = engine();

/** A region of `floats` floats filled with fixed values in [-0.5, 0.5). */
function filled(floats: number, salt: number): number {
  const p = heap.alloc(floats * 4);
  const f32 = heap.f32;
  for (let i = 0; i < floats; i++) f32[(p >>> 2) + i] = (((i + salt) * 7919) % 1000) / 1000 - 0.5;
  return p;
}

/** GFLOP/s of the micro-kernel over `blocks` 4×8 blocks and kb steps, with its inputs already packed. */
function kernelRate(kb: number, blocks: number): number {
  const pa = filled(blocks * 4 * kb, 1), pb = filled(kb * 8, 2), c = filled(blocks * 4 * 8, 3);
  const rate = gemmRate(() => k.microKernel(8, pa, pb, c, 8, kb, blocks, 0), blocks * 4, kb, 8);
  for (const p of [c, pb, pa]) heap.release(p);
  return rate;
}

type Form = "gemm" | "gemmTN" | "gemmNT";
/** GFLOP/s of one m×k×n product in the given form (operands stored as training stores them). */
function productRate(form: Form, m: number, kk: number, n: number): number {
  const a = filled(m * kk, 4), b = filled(kk * n, 5), c = filled(m * n, 6);
  const big = m * kk * n > 1e8;
  const rate = gemmRate(() => k[form](a, b, c, m, kk, n, 0), m, kk, n, big ? 0.2 : 0.02, big ? 5 : 15);
  for (const p of [c, b, a]) heap.release(p);
  return rate;
}

// Every figure is the best of ROUNDS rounds over all of them: the first round also lets V8 tier
// the module up from its baseline compiler, and on a shared machine the rounds see different loads.
const ROUNDS = process.argv.includes("--rounds") ? Number(process.argv[process.argv.indexOf("--rounds") + 1]) : 3;
const best = (f: () => number) => Array.from({ length: ROUNDS }, f).reduce((a, b) => Math.max(a, b), 0);

// In-cache peak: a 4×8 block over kb steps. kb = 256 with 16 blocks is the packed block the
// products use at most (A 64 KB in L2, B 8 KB in L1); kb = 64 with 8 blocks keeps all in L1.
const peaks = {
  "kb 256, 16 blocks (A in L2)": best(() => kernelRate(256, 16)),
  "kb 64, 8 blocks (all in L1)": best(() => kernelRate(64, 8)),
  "kb 256, 4 blocks": best(() => kernelRate(256, 4)),
};
const peak = Math.max(...Object.values(peaks));

const SHAPES: [string, Form, number, number, number][] = [
  ["A·B, forward layer 1 (batch 64)", "gemm", 64, 784, 100],
  ["Aᵀ·B, dW1 = xᵀ·dz (batch 64)", "gemmTN", 784, 64, 100],
  ["A·Bᵀ, dx = dz·W1ᵀ (batch 64)", "gemmNT", 64, 100, 784],
  ["A·B, forward layer 1 (npm start, batch 32)", "gemm", 32, 784, 50],
  ["Aᵀ·B, dW1 (npm start, batch 32)", "gemmTN", 784, 32, 50],
  ["A·B, forward layer 2 (batch 64)", "gemm", 64, 100, 10],
  ["Aᵀ·B, dW2 (batch 64)", "gemmTN", 100, 64, 10],
  ["A·Bᵀ, dx2 = dz·W2ᵀ (batch 64)", "gemmNT", 64, 10, 100],
  ["A·B, 1024³", "gemm", 1024, 1024, 1024],
  ["A·B, 1000³ (rows not a power of two apart)", "gemm", 1000, 1000, 1000],
];
const rates = SHAPES.map(([label, form, m, kk, n]) => ({ label, form, m, k: kk, n, gflops: best(() => productRate(form, m, kk, n)) }));

console.log("| micro-kernel, in cache | GFLOP/s |\n| --- | ---: |");
for (const [label, rate] of Object.entries(peaks)) console.log(`| ${label} | ${rate.toFixed(1)} |`);
console.log(`\n| product | m×k×n | GFLOP/s | of peak |\n| --- | --- | ---: | ---: |`);
for (const r of rates) console.log(`| ${r.label} (${r.form}) | ${r.m}×${r.k}×${r.n} | ${r.gflops.toFixed(1)} | ${((100 * r.gflops) / peak).toFixed(0)}% |`);
report({ name: "gemm", peak, ...Object.fromEntries(rates.map((r) => [`${r.form} ${r.m}×${r.k}×${r.n}`, r.gflops])) });
