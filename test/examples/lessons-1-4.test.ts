// Smoke tests of examples/01–04 (lessons 1–4): each runs and prints what its comments claim.
// 04 runs with --breast-cancer-only: its Fashion-MNIST part loads 70,000 images (~5 s) and trains
// for ≥ 5 epochs of 48,000, too slow here (lesson4.test.ts and fashion-split.test.ts test its parts).
import { describe, it, expect } from "vitest";
import { runExample, numbers } from "./run.js";

describe("examples, lessons 1-4", () => {
  it("01-perceptron: the gates' truth tables, XOR from NAND/OR/AND, the rule learns AND and OR but not XOR", () => {
    const out = runExample("01-perceptron");
    const truth: Record<string, (a: number, b: number) => number> = { AND: (a, b) => a & b, NAND: (a, b) => 1 - (a & b), OR: (a, b) => a | b };
    for (const [gate, f] of Object.entries(truth)) {
      const block = new RegExp(`^${gate} {2}\\(w1, w2, b\\) = .*\\n((?: {2}\\(\\d, \\d\\) -> \\d\\n){4})`, "m").exec(out);
      expect(block, gate).not.toBeNull();
      for (const [, a, b, y] of block![1].matchAll(/\((\d), (\d)\) -> (\d)/g)) expect(Number(y), `${gate}(${a}, ${b})`).toBe(f(Number(a), Number(b)));
    }
    expect(out).toContain("as one batched 2-layer perceptron: 0, 1, 1, 0"); // XOR's truth table, by hand
    expect(out).toMatch(/^AND  learned after/m);
    expect(out).toMatch(/^OR   learned after/m);
    expect(out).toMatch(/^XOR  FAILED  after 100 passes/m); // one line cannot separate XOR (the cap is 100)
    const outputs = [...out.matchAll(/outputs ([\d, ]+) \(wanted ([\d, ]+)\)/g)].map(([, got, want]) => got === want);
    expect(outputs).toEqual([true, true, false]); // AND, OR learned; XOR not
  });

  it("02-activations: softmax as the course prints it, the 3-layer forward pass, the course's stored network's 93.52%", () => {
    const out = runExample("02-activations");
    // f64 softmax([0.3, 2.9, 4.0]); the course prints [0.01821127 0.24519181 0.73659691].
    const e = [0.3, 2.9, 4.0].map((v) => Math.exp(v - 4)), sum = e.reduce((s, v) => s + v, 0);
    const printed = numbers(out, /softmax\(\[0\.3, 2\.9, 4\.0\]\) = \[([\d.]+), ([\d.]+), ([\d.]+)\]/);
    printed.forEach((p, i) => expect(Math.abs(p - e[i] / sum)).toBeLessThan(2e-7)); // f32 (6e-8) + 8 printed decimals
    expect(out).toMatch(/softmax\(\[1010, 1000, 990\]\) = \[0\.99995\d+, 4\.54e-5, 2\.06e-9\]/); // e^0, e^-10, e^-20 over their sum
    const [a, b, c, d] = numbers(out, /ours \[([\d.]+), ([\d.]+)\]\s+course \[([\d.]+) ([\d.]+)\]/);
    expect(Math.abs(a - c)).toBeLessThan(1e-7);
    expect(Math.abs(b - d)).toBeLessThan(1e-7);
    // The course (seed 004) and the book print Accuracy:0.9352 for sample_weight.pkl: 9,352 of 10,000.
    expect(out).toMatch(/The course's stored network, data\/deep-learning-from-scratch\/sample_weight\.pkl: W1 \[784,50\], W2 \[50,100\], W3 \[100,10\]/);
    expect(out).toMatch(/Accuracy: 0\.9352 {2}\(9352 \/ 10000 in 100 batches of 100, \d+ ms\) {3}course: 0\.9352/);
  });

  it("03-deep-neural-net: XOR learned by three configurations; [2, 4, 1] with tanh cannot place (0, 0)", () => {
    const out = runExample("03-deep-neural-net");
    const lines = [...out.matchAll(/^\[([\d, ]+)\] (\S+) +cost ([\d.]+) → ([\d.]+) +outputs \[([\d., ]+)\] +predict (\S+) +evaluate (\S+) +strictly right of 0\.5: (\w+)/gm)];
    expect(lines.map((l) => `${l[1]} ${l[2]}`)).toEqual(["2, 4, 1 sigmoid/sigmoid", "2, 4, 1 tanh/sigmoid", "2, 4, 2, 1 sigmoid/sigmoid/sigmoid", "2, 4, 2, 1 tanh/sigmoid/sigmoid"]);
    for (const l of lines) {
      expect(Number(l[4])).toBeLessThan(Number(l[3])); // the cost falls
      expect([l[6], l[7]]).toEqual(["[0,1,1,0]", "1"]);
    }
    expect(lines.map((l) => l[8])).toEqual(["true", "false", "true", "true"]);
    expect(lines[1][5].split(", ")[0]).toBe("0.500"); // tanh(0) = 0 without bias: the output is σ(0)
    expect(out.match(/\[2,4,1\] tanh: 0\/20/g)).toHaveLength(2); // for both rules, on every seed
  });

  it("04-logistic-to-multiclass --breast-cancer-only: every network reaches ≥ 0.96 on the 91 validation rows; L1 and L2 shrink w", () => {
    const out = runExample("04-logistic-to-multiclass", ["--breast-cancer-only"]);
    expect(out).not.toContain("Fashion-MNIST");
    const ours = [...out.matchAll(/ ours (\d\.\d{4})/g)].map((m) => Number(m[1]));
    expect(ours).toHaveLength(7);
    // The course reports 0.978 (89 of 91); ≥ 0.96 is 88 of 91, as test/course/lesson4.test.ts asks.
    for (const a of ours) expect(a).toBeGreaterThanOrEqual(0.96);
    const norms = [...out.matchAll(/\|w\|₁ ([\d.]+) {2}\|w\|₂ ([\d.]+) {2}\((\d+) weight vectors recorded\)/g)].map((m) => m.slice(1).map(Number));
    expect(norms).toHaveLength(3); // SingleLayer plain, l1 = 0.01, l2 = 0.01
    for (const n of norms) expect(n[2]).toBe(10_001); // after initialisation and each of 10,000 epochs
    expect(norms[1][0]).toBeLessThan(norms[0][0]); // L1 shrinks |w|₁
    expect(norms[2][1]).toBeLessThan(norms[0][1]); // L2 shrinks |w|₂
    const test = [...out.matchAll(/test accuracy (\d\.\d{4}) \(114 rows\)/g)].map((m) => Number(m[1]));
    expect(test).toHaveLength(2); // MinibatchNetwork, batch 32 and 128: 0.9649 (110 of 114) both
    for (const t of test) expect(t).toBeGreaterThanOrEqual(0.95);
  });
});
