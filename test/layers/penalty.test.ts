// A weight's L1/L2 penalty (src/layers/penalty.ts): with rows = 1 it is Dense's kernelRegularizer to
// the bit (value and gradient), and `rows` divides the gradient's rates as the course's classes
// need (their gradient is l1·sign(w)/m + l2·w/m); stack.ts' trainStep calls beforeUpdate after
// every gradient is written and before the optimizer reads them.
import { describe, it, expect } from "vitest";
import { engine, Dense, Sequential, SGD } from "../../src/index.js";
import { addPenalty, addPenaltyGradient } from "../../src/layers/penalty.js";
import { trainStep } from "../../src/models/stack.js";
import { denseLayer, readF32, seededValues, writeF32 } from "../helpers.js";

const reg = { l1: 0.3, l2: 0.05 };

describe("addPenalty and addPenaltyGradient", () => {
  it("equal Dense's kernelRegularizer penalty and gradient bit for bit (rows = 1)", () => {
    const rows = 5, x = engine().heap.alloc(rows * 4 * 4);
    writeF32(x, seededValues(rows * 4, -1, 1, 31));
    const plain = denseLayer({ units: 3 }, 4, rows), regular = denseLayer({ units: 3, kernelRegularizer: reg }, 4, rows);
    const [w, w2] = [plain.params()[0], regular.params()[0]];
    expect(readF32(w.value, w.size)).toEqual(readF32(w2.value, w2.size)); // the same seeded start
    expect(addPenalty(engine(), w, reg)).toBe(regular.penalty());
    for (const layer of [plain, regular]) {
      writeF32(layer.outputGrad, seededValues(rows * 3, -1, 1, 32));
      layer.forward(x, rows, true);
      writeF32(layer.outputGrad, seededValues(rows * 3, -1, 1, 32));
      layer.backward(x, rows, 0, false);
    }
    addPenaltyGradient(engine(), w, reg);
    expect(readF32(w.grad, w.size)).toEqual(readF32(w2.grad, w2.size));
    for (const t of [plain, regular]) t.dispose();
    engine().heap.release(x);
  });

  it("divide the gradient's rates by rows, add to a running sum, and leave out a term whose rate is 0", () => {
    const layer = denseLayer({ units: 2 }, 3, 1), w = layer.params()[0];
    writeF32(w.value, [1, -2, 0.5, 0, 3, -1]);
    writeF32(w.grad, [0, 0, 0, 0, 0, 0]);
    addPenaltyGradient(engine(), w, { l1: 0.4, l2: 0.1 }, 4); // l1·sign(w)/4 + 2·l2·w/4
    readF32(w.grad, 6).forEach((g, i) => expect(g).toBeCloseTo([0.15, -0.2, 0.125, 0, 0.25, -0.15][i], 7));
    expect(addPenalty(engine(), w, { l1: 2, l2: 0 }, 1)).toBe(1 + 2 * 7.5);
    writeF32(w.value, [NaN, 0, 0, 0, 0, 0]);
    expect(addPenalty(engine(), w, { l1: 0, l2: 0 }, 1)).toBe(1);
    layer.dispose();
  });
});

describe("trainStep's beforeUpdate", () => {
  it("runs once with the batch's rows, after the gradients are written and before the weights change", () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3], activation: "sigmoid" })], seed: 4 });
    model.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: "meanSquaredError" });
    const heap = engine().heap, rows = 4, xb = heap.alloc(rows * 3 * 4), yb = heap.alloc(rows * 2 * 4);
    writeF32(xb, seededValues(rows * 3, -1, 1, 41));
    writeF32(yb, seededValues(rows * 2, 0, 1, 42));
    for (const layer of model.layers) layer.reserve(rows);
    const [kernel] = model.params(), before = readF32(kernel.value, kernel.size), calls: number[] = [];
    trainStep(model, xb, { ptr: yb, sparse: false }, rows, (m) => {
      calls.push(m);
      expect(readF32(kernel.value, kernel.size)).toEqual(before);
      expect(readF32(kernel.grad, kernel.size).some((g) => g !== 0)).toBe(true);
      writeF32(kernel.grad, new Array(kernel.size).fill(0)); // what the optimizer then reads
    });
    expect(calls).toEqual([rows]);
    expect(readF32(kernel.value, kernel.size)).toEqual(before);
    model.dispose();
    heap.release(xb);
    heap.release(yb);
  });
});
