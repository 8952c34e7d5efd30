// src/core/activations.ts, the activation table: every entry is wired to the module's kernels,
// has an f64 reference that its kernels agree with, an ONNX form, a threads job when it goes
// element by element, and a fused kind that the module itself numbers. A new entry is checked
// here with nothing added. (Bits of the fused kinds: test/kernels/bias-activation.test.ts;
// ONNX against onnxruntime: test/io/onnx.test.ts; gradients: test/layers/gradient.test.ts.)
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { ACTIVATIONS, ACTIVATION_NAMES, elementwiseKernels, savedNames, type ActivationEntry, type OnnxWriter } from "../../src/core/activations.js";
import { getActivation } from "../../src/layers/activations.js";
import { FUNCTIONS } from "../../src/parallel/protocol.js";
import { parallelKernels } from "../../src/parallel/kernels.js";
import type { Team } from "../../src/parallel/team.js";
import { tensorOf, seededValues } from "../helpers.js";
import * as refActivations from "../reference/activations.js";
import * as refSoftmax from "../reference/softmax.js";

const k = () => engine().k;
const entry = (name: string) => ACTIVATIONS[name as keyof typeof ACTIVATIONS] as ActivationEntry;
const ref = { ...refActivations, ...refSoftmax } as Record<string, (...args: never[]) => unknown>;
type RefRows = (x: ArrayLike<number>, rows: number, cols: number) => number[];
type RefRowsBackward = (a: ArrayLike<number>, dy: ArrayLike<number>, rows: number, cols: number) => number[];
type RefElement = (z: number) => number;
type RefElementBackward = (a: number, dy: number) => number;

/** The largest |ours − theirs| / max(1, |theirs|). */
const worst = (ours: ArrayLike<number>, theirs: ArrayLike<number>) =>
  Array.from(ours).reduce((m, v, i) => Math.max(m, Math.abs(v - theirs[i]) / Math.max(1, Math.abs(theirs[i]))), 0);

describe.each(ACTIVATION_NAMES)("activation table: %s", (name) => {
  const e = entry(name), rows = e.over === "rows";

  it("has both kernels in the module, taking (…, n) or (…, rows, cols) as the entry says", () => {
    const kernels = k() as unknown as Record<string, unknown>;
    for (const [kernel, pointers] of [[e.kernel, 2], [`${e.kernel}Backward`, 3]] as const) {
      expect(typeof kernels[kernel], kernel).toBe("function");
      expect((kernels[kernel] as (...args: number[]) => void).length, kernel).toBe(pointers + (rows ? 2 : 1));
    }
  });

  it("has f64 references in test/reference/, and both kernels agree with them", () => {
    const r = 3, c = 5, n = r * c, zs = seededValues(n, -4, 4, 61), dys = seededValues(n, -2, 2, 62);
    const forward = ref[e.kernel], backward = ref[`${e.kernel}Backward`];
    expect([typeof forward, typeof backward]).toEqual(["function", "function"]);
    const act = getActivation(name), z = tensorOf(zs, r, c), dy = tensorOf(dys, r, c), input = tensorOf(zs, r, c);
    act.forward(k(), z.ptr, z.ptr, r, c);
    const a = Array.from(z.data);
    act.backward(k(), e.fromInput ? input.ptr : z.ptr, dy.ptr, dy.ptr, r, c); // swish, gelu: from z, not a
    // f32 kernels against f64: 1e-5 relative says the entry calls the right kernels, not how close
    // they are (each kernel's own test pins that).
    expect(worst(a, rows ? (forward as RefRows)(zs, r, c) : zs.map(forward as RefElement))).toBeLessThan(1e-5);
    const want = rows ? (backward as RefRowsBackward)(a, dys, r, c) : a.map((ai, i) => (backward as RefElementBackward)(e.fromInput ? zs[i] : ai, dys[i]));
    expect(worst(dy.data, want)).toBeLessThan(1e-5);
    z.dispose();
    dy.dispose();
    input.dispose();
  });

  it("has an ONNX form: nodes from z (none for linear)", () => {
    // No entry is exempt today; one with no ONNX operator would be listed here with the reason.
    expect(typeof e.onnx).toBe("function");
    const nodes: string[] = [];
    const writer: OnnxWriter = { op: (type) => (nodes.push(type), `${type}:0`), constant: (what) => what };
    const out = e.onnx!(writer, "z");
    expect(out === "z" ? nodes.length === 0 : nodes.length > 0).toBe(true);
  });

  it("is a threads job when it goes element by element (parallel/protocol.ts, parallel/kernels.ts)", () => {
    const team = { workers: 1 } as Team, threaded = parallelKernels(k(), team);
    expect((FUNCTIONS as readonly string[]).includes(e.kernel)).toBe(!rows);
    expect(Object.hasOwn(threaded, e.kernel)).toBe(!rows);
    expect(elementwiseKernels().some((j) => j.kernel === e.kernel)).toBe(!rows);
  });

  it("has a fused kind exactly when the module exports `<kernel>Kind`, an i32 constant", () => {
    const global = (k() as unknown as Record<string, unknown>)[`${e.kernel}Kind`];
    expect(global instanceof WebAssembly.Global).toBe(!!e.fused);
    expect(getActivation(name).fusedKind(k())).toBe(e.fused ? (global as WebAssembly.Global).value : -1);
  });

  it("is saved to model.json under a name that reads back as it", () => {
    const saved = getActivation(name).savedName;
    expect(entry(savedNames().get(saved)!).kernel).toBe(e.kernel);
    if (e.keras) expect(savedNames().get(e.keras)).toBe(name);
  });
});

describe("the module's fused kinds", () => {
  it("each `<kernel>Kind` export belongs to a fused entry of the table (assembly/bias-activation.ts numbers nothing the table lacks)", () => {
    const kinds = Object.keys(k()).filter((key) => key.endsWith("Kind")).map((key) => key.slice(0, -4)).sort();
    const fused = [...new Set(ACTIVATION_NAMES.filter((n) => entry(n).fused).map((n) => entry(n).kernel))].sort();
    expect(kinds).toEqual(fused);
  });

  it("getActivation refuses names that are not entries, Object.prototype's included", () => {
    for (const name of ["gelu_new", "toString", "constructor", "__proto__"]) expect(() => getActivation(name)).toThrow(/unknown activation/);
  });
});
