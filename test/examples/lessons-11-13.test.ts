// Lessons 11, 12 and 13 (Saito 6.2–6.4) run as their Run: lines say, shortened (300 iterations; 10 epochs; 1,000
// test images, the dropout run 201 epochs), in a temporary folder (they write out/pictures/). The
// book's claims are read from what they print; the figures pinned below were measured so.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExample, numbers } from "./run.js";

const dir = mkdtempSync(join(tmpdir(), "scratchnet-lessons-11-13-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The picture out/pictures/<name>.svg and .png exist and are an SVG document and a PNG. */
function pictured(out: string, name: string): void {
  expect(out).toMatch(new RegExp(`out/pictures/${name}\\.svg +out/pictures/${name}\\.png \\(\\d+ × \\d+\\)`));
  expect(readFileSync(join(dir, "out", "pictures", `${name}.svg`), "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  expect(Array.from(readFileSync(join(dir, "out", "pictures", `${name}.png`)).subarray(0, 4))).toEqual([137, 80, 78, 71]);
}

/** The five per-layer figures after `label` and `what` ("std" or "ends") on its line. */
function perLayer(out: string, label: string, what: "std" | "ends"): number[] {
  const line = out.split("\n").find((l) => l.startsWith(label));
  expect(line, label).toBeDefined();
  const m = new RegExp(`${what} ((?:[\\d.]+ ?){5})`).exec(line!);
  expect(m, line).not.toBeNull();
  return m![1].trim().split(" ").map(Number);
}

describe("lesson 11: weight initialization", () => {
  it("activation histograms as the book's figures 6-10 to 6-14; MNIST: std 0.01 does not learn, He learns fastest", () => {
    const out = runExample("11-weight-init", ["--iterations", "300"], dir);
    const names = ["sigmoid-std1", "sigmoid-std001", "sigmoid-xavier", "tanh-xavier", "relu-std001", "relu-xavier", "relu-he"];
    names.push("mnist-loss");
    for (const name of names) pictured(out, `weight-init-${name}`);
    // σ = 1: sigmoid's outputs pile up at 0 and 1 (measured 73–82% beyond 0.1/0.9 in every layer).
    for (const v of perLayer(out, "sigmoid σ = 1 ", "ends")) expect(v).toBeGreaterThan(0.6);
    // σ = 0.01: all near 0.5 (std 0.013–0.025, none beyond 0.1/0.9).
    for (const v of perLayer(out, "sigmoid σ = 0.01", "std")) expect(v).toBeLessThan(0.03);
    // Xavier: spread between (std 0.12–0.21), almost none at the ends.
    for (const v of perLayer(out, "sigmoid Xavier", "std")) expect(v).toBeGreaterThan(0.08), expect(v).toBeLessThan(0.3);
    for (const v of perLayer(out, "sigmoid Xavier", "ends").slice(1)) expect(v).toBeLessThan(0.01);
    // ReLU: σ = 0.01 vanishes layer by layer, Xavier shrinks (0.58 → 0.19), He keeps its spread (0.82 → 1.10).
    expect(perLayer(out, "relu σ = 0.01", "std")[4]).toBeLessThan(1e-3);
    const xavier = perLayer(out, "relu Xavier", "std"), he = perLayer(out, "relu He", "std");
    expect(xavier[4] / xavier[0]).toBeLessThan(0.5);
    expect(he[4] / he[0]).toBeGreaterThan(0.6);
    expect(he[4] / he[0]).toBeLessThan(2);
    // MNIST after 300 iterations: mean loss of the last 100 measured 2.3023 (ln 10 = 2.3026: chance), 1.878, 0.648.
    const [std001] = numbers(out, /std=0\.01 .*mean of the last 100: ([\d.]+)/);
    const [xav, xavAcc] = numbers(out, /Xavier {4}.*mean of the last 100: ([\d.]+) {3}test accuracy ([\d.]+)%/);
    const [heLoss, heAcc] = numbers(out, /He {7}.*mean of the last 100: ([\d.]+) {3}test accuracy ([\d.]+)%/);
    expect(Math.abs(std001 - Math.log(10))).toBeLessThan(0.01);
    expect(heLoss).toBeLessThan(1);
    expect(xav).toBeGreaterThan(heLoss + 0.5);
    expect(xav).toBeLessThan(2.2);
    expect(heAcc).toBeGreaterThan(75);
    expect(heAcc).toBeGreaterThan(xavAcc);
  });
});

describe("lesson 13: overfitting, weight decay, dropout", () => {
  it("300 images: train 100% with a wide gap to test; weight decay and dropout hold the training accuracy down", () => {
    const out = runExample("13-overfitting", ["--test", "1000", "--dropout-epochs", "201"], dir);
    pictured(out, "overfitting");
    const figures = "train ([\\d.]+)%  test ([\\d.]+)%  gap ([\\d.-]+) points";
    const finalLine = (name: string) => new RegExp(`${name} +final \\(epoch 200\\): ${figures}`);
    const final = (name: string) => numbers(out, finalLine(name));
    const at100 = (name: string) => numbers(out, new RegExp(`${name} +epoch train/test .* 100: ([\\d.]+)/([\\d.]+)`))[0];
    // Measured on the first 1,000 test images: 100.0/72.2, 90.0/64.8 (λ = 0.1), 95.3/68.4 (dropout 0.15).
    const [plainTrain, plainTest, plainGap] = final("no regularization");
    expect(plainTrain).toBeGreaterThanOrEqual(99);
    expect(plainTest).toBeGreaterThan(65);
    expect(plainTest).toBeLessThan(80);
    const [decayTrain, decayTest, decayGap] = final("weight decay λ = 0\\.1");
    expect(decayTrain).toBeLessThan(95);
    expect(decayTrain).toBeGreaterThan(80);
    expect(decayTest).toBeGreaterThan(55);
    expect(decayGap).toBeLessThan(plainGap);
    const [dropTrain] = final("dropout 0\\.15");
    expect(dropTrain).toBeLessThan(99);
    expect(at100("dropout 0\\.15")).toBeLessThan(at100("no regularization") - 0.1); // 0.780 vs 0.987 at epoch 100
  });
});

describe("lesson 12: batch normalization", () => {
  it("16 scales, 10 epochs: without BN NaN at σ ≥ 0.54, chance at σ ≤ 0.046; with BN it learns at every scale", () => {
    const out = runExample("12-batch-norm", ["--epochs", "10"], dir);
    pictured(out, "batch-norm");
    const rows = [...out.matchAll(/^σ = ([\d.e+-]+) +(diverged: loss \S+ at step \d+|[\d.]+) +([\d.]+) *$/gm)];
    expect(rows).toHaveLength(16);
    const scale = rows.map((r) => Number(r[1])), plain = rows.map((r) => r[2]), bn = rows.map((r) => Number(r[3]));
    expect(scale[0]).toBe(1);
    expect(scale[15]).toBeCloseTo(1e-4, 6);
    // Measured (10 epochs): without BN NaN at steps 3 and 4, then 0.826, 0.756, 0.231, and 0.116 (chance: the share of
    // the most frequent digit) from σ = 0.0464 down; with BN 0.261 … 0.993 (σ = 0.0074) … 0.526.
    expect(plain.slice(0, 2).every((p) => p.startsWith("diverged"))).toBe(true);
    for (const p of plain.slice(5)) expect(Number(p)).toBeLessThan(0.15);
    expect(Math.max(...plain.slice(2, 4).map(Number))).toBeGreaterThan(0.6);
    for (const a of bn) expect(a).toBeGreaterThan(0.2);
    for (const a of bn.slice(7, 10)) expect(a).toBeGreaterThan(0.9);
    const [ahead] = numbers(out, /BN ahead at (\d+) of 16 scales/);
    expect(ahead).toBeGreaterThanOrEqual(12); // measured 14: all but σ = 0.29 and 0.16
  });
});
