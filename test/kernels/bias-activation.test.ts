// assembly/bias-activation.ts ↔ the separate kernels it fuses (activations/*Backward, then
// bias.ts#sumColumns), bit for bit, and ↔ the f64 references in test/reference/.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { getActivation } from "../../src/layers/activations.js";
import { ACTIVATIONS, ACTIVATION_NAMES, type ActivationEntry } from "../../src/core/activations.js";
import { tensorOf, seededValues, maxAbsDiff } from "../helpers.js";
import * as refAct from "../reference/activations.js";
import * as refBias from "../reference/bias.js";

const k = () => engine().k;
const SHAPES: [number, number][] = [[0, 0], [0, 4], [3, 0], [1, 1], [1, 3], [3, 4], [4, 5], [5, 3], [64, 100], [7, 10]];
// Every activation the table marks fused (linear, sigmoid, tanh, relu today).
const KINDS = ACTIVATION_NAMES.filter((n) => (ACTIVATIONS[n] as ActivationEntry).fused);
const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.slice().buffer));

describe("the fused kinds", () => {
  it("are the module's own numbers (`<kernel>Kind`), one each, and -1 for the rest", () => {
    const kinds = KINDS.map((n) => getActivation(n).fusedKind(k()));
    // Nothing here pins a number: the bit-for-bit tests below prove each kind selects its kernel's derivative.
    expect(kinds.every((kind) => Number.isInteger(kind) && kind >= 0)).toBe(true);
    expect(new Set(kinds).size).toBe(new Set(KINDS.map((n) => ACTIVATIONS[n].kernel)).size); // linear and identity share one
    expect(getActivation("softmax").fusedKind(k())).toBe(-1);
    expect(getActivation("step").fusedKind(k())).toBe(-1);
  });
});

describe.each(KINDS)("activationBiasBackward, %s", (name) => {
  const act = getActivation(name);

  it.each(SHAPES)("gives the bits of the activation backward then sumColumns, %i×%i", (rows, cols) => {
    const lo = name === "sigmoid" ? 0 : -1; // a is the forward's output: in (0, 1) for sigmoid
    const as = seededValues(rows * cols, lo, 1, rows + 7 * cols), dys = seededValues(rows * cols, -2, 2, rows * 3 + cols);
    const a = tensorOf(as, rows, cols), dy = tensorOf(dys, rows, cols);
    const db = tensorOf(new Array(cols).fill(9), 1, cols), dz = tensorOf(new Array(rows * cols).fill(9), rows, cols);
    k().activationBiasBackward(a.ptr, dy.ptr, dz.ptr, db.ptr, rows, cols, act.fusedKind(k()));
    const sepDz = tensorOf(dys, rows, cols), sepDb = tensorOf(new Array(cols).fill(9), 1, cols);
    act.backward(k(), a.ptr, sepDz.ptr, sepDz.ptr, rows, cols);
    k().sumColumns(sepDz.ptr, sepDb.ptr, rows, cols, 0);
    expect(bitsOf(dz.data)).toEqual(bitsOf(sepDz.data));
    expect(bitsOf(db.data)).toEqual(bitsOf(sepDb.data));
    // In place, as Dense runs it: dz is dy.
    k().activationBiasBackward(a.ptr, dy.ptr, dy.ptr, db.ptr, rows, cols, act.fusedKind(k()));
    expect(bitsOf(dy.data)).toEqual(bitsOf(sepDz.data));
    expect(bitsOf(db.data)).toEqual(bitsOf(sepDb.data));
  });

  it("matches the f64 reference", () => {
    const rows = 9, cols = 13, as = seededValues(rows * cols, 0.01, 0.99, 5), dys = seededValues(rows * cols, -2, 2, 6);
    const a = tensorOf(as, rows, cols), dy = tensorOf(dys, rows, cols), db = tensorOf(new Array(cols).fill(0), 1, cols);
    k().activationBiasBackward(a.ptr, dy.ptr, dy.ptr, db.ptr, rows, cols, act.fusedKind(k()));
    const g = (refAct as Record<string, (a: number, dy: number) => number>)[`${ACTIVATIONS[name].kernel}Backward`];
    const dz = as.map((ai, i) => g(ai, dys[i]));
    // |dz| ≤ 2 with ≤ 3 roundings each; db adds 9 of them in order: well under 1e-5.
    expect(maxAbsDiff(dy.data, dz)).toBeLessThan(1e-6);
    expect(maxAbsDiff(db.data, refBias.sumColumns(dz, rows, cols))).toBeLessThan(1e-5);
  });
});
