// Lesson 1 (seed 004): the gates' truth tables with the course's weights, XOR from NAND, OR and
// AND, the perceptron rule learning AND and OR, and failing on XOR (it stops at the cap).
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { AND, NAND, OR, XOR, GATE_INPUTS, Perceptron, truthTable, xorNetwork, stepLayer } from "../../src/course/perceptron.js";

const x = GATE_INPUTS.map((r) => [...r]);
const table = (ys: number[]) => x.map(([a, b], i) => [a, b, ys[i]]);

describe("lesson 1: gates", () => {
  it.each([
    ["AND", AND, [0, 0, 0, 1]],
    ["NAND", NAND, [1, 1, 1, 0]],
    ["OR", OR, [0, 1, 1, 1]],
    ["XOR = AND(NAND, OR)", XOR, [0, 1, 1, 0]],
  ] as const)("%s has the course's truth table", (_name, gate, ys) => {
    expect(truthTable(gate)).toEqual(table([...ys]));
  });

  it("the 2-layer perceptron (layer 1 = [NAND | OR], layer 2 = AND) computes XOR on a batch, with the course's s1, s2", () => {
    expect(xorNetwork(x)).toEqual([0, 1, 1, 0]);
    expect(x.map(([a, b]) => [NAND(a, b), OR(a, b)])).toEqual([[1, 0], [1, 1], [1, 1], [0, 1]]);
  });

  it("stepLayer is step(x·w + b), 0 at exactly 0, and frees its memory", () => {
    const live = engine().heap.liveBytes;
    expect(stepLayer([[1, 1], [1, 0]], [0.5, 0.5], [-1])).toEqual([[0], [0]]); // 0 → 0 (h(a) = 1 only for a > 0)
    expect(() => stepLayer([[1, 1], [1]], [0.5, 0.5], [0])).toThrow(/row 1 has 1 inputs/);
    expect(engine().heap.liveBytes).toBe(live);
  });
});

describe("lesson 1: the perceptron learning rule", () => {
  it.each([
    ["AND", [0, 0, 0, 1]],
    ["OR", [0, 1, 1, 1]],
    ["NAND", [1, 1, 1, 0]],
  ])("learns %s from zero weights, and the error reaches 0", (_name, d) => {
    const p = new Perceptron(2);
    const h = p.fit(x, d);
    expect(h.converged).toBe(true);
    expect(h.iterations).toBeLessThan(20);
    expect(h.errors.at(-1)).toBe(0);
    expect(p.predict(x)).toEqual(d);
  });

  it("learns AND in the same steps as the rule by hand (w += (d − y)·x, b += d − y)", () => {
    const d = [0, 0, 0, 1];
    let w = [0, 0], b = 0;
    const errors: number[] = [];
    for (let t = 0; t < 100; t++) {
      let mistakes = 0;
      x.forEach((xj, j) => {
        const y = w[0] * xj[0] + w[1] * xj[1] + b > 0 ? 1 : 0;
        w = w.map((wi, i) => wi + (d[j] - y) * xj[i]);
        b += d[j] - y;
        mistakes += Math.abs(d[j] - y);
      });
      errors.push(mistakes / 4);
      if (mistakes === 0) break;
    }
    const p = new Perceptron(2);
    expect(p.fit(x, d).errors).toEqual(errors);
    expect([...p.weights, p.bias]).toEqual([...w, b]);
  });

  it("with η = 0.3 on real-valued inputs, the same f32 bits as the rule by hand in f32 (w −= (−η(d − y))·x, as the sgdStep kernel rounds)", () => {
    const f = Math.fround, xs = [[0.3, -1.2, 0.7], [1.1, 0.4, -0.2], [-0.6, 0.9, 1.3], [0.2, 0.2, -0.9], [1.5, -0.3, 0.1]].map((r) => r.map(f));
    const d = [1, 0, 1, 0, 1], eta = 0.3;
    const w = [0, 0, 0];
    let b = 0;
    const errors: number[] = [];
    for (let t = 0; t < 30; t++) {
      let mistakes = 0;
      xs.forEach((xj, j) => {
        let a = 0;
        for (let i = 0; i < 3; i++) a = f(a + f(xj[i] * w[i])); // gemm's order, then the bias
        const y = f(a + b) > 0 ? 1 : 0, rate = f(-eta * (d[j] - y));
        if (d[j] === y) return;
        mistakes++;
        for (let i = 0; i < 3; i++) w[i] = f(w[i] - f(rate * xj[i]));
        b = f(b - rate);
      });
      errors.push(mistakes / 5);
      if (mistakes / 5 < 0.01) break;
    }
    const p = new Perceptron(3);
    expect(p.fit(xs, d, { learningRate: eta, maxIterations: 30 }).errors).toEqual(errors);
    expect([...p.weights, p.bias]).toEqual([...w, b]);
  });

  it("cannot learn XOR: it hits the iteration cap with mistakes left in every pass", () => {
    const live = engine().heap.liveBytes;
    const p = new Perceptron(2);
    const h = p.fit(x, [0, 1, 1, 0], { maxIterations: 50 });
    expect(h.converged).toBe(false);
    expect(h.iterations).toBe(50);
    expect(Math.min(...h.errors)).toBeGreaterThanOrEqual(0.25);
    expect(p.predict(x)).not.toEqual([0, 1, 1, 0]);
    expect(engine().heap.liveBytes).toBe(live);
  });

  it("refuses desired outputs other than 0 and 1, and rows of the wrong length", () => {
    expect(() => new Perceptron(2).fit(x, [0, 0.5, 1, 1])).toThrow(/d\[1\] is 0.5/);
    expect(() => new Perceptron(3).predict(x)).toThrow(/row 0 has 2 inputs, the perceptron takes 3/);
  });
});
