// assembly/losses/pointwise.ts ↔ test/reference/losses.ts#POINT, #categoricalHinge: each kind's
// sum and gradient against f64, then central differences of the kernel's own sum.
import { describe, it, expect } from "vitest";
import { engine } from "../../src/index.js";
import { POINT_LOSSES } from "../../src/losses/loss.js";
import { tensorOf, seededValues, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";
import { POINT, categoricalHinge } from "../reference/losses.js";

const k = () => engine().k;
/** Targets each loss is meant for: ±1 for the hinges, probabilities for KL, non-negative counts for poisson and msle. */
function data(name: string, n: number): { a: number[]; y: number[] } {
  const a = seededValues(n, -2, 2, 31), y = seededValues(n, -2, 2, 32);
  if (name === "hinge" || name === "squaredHinge") return { a, y: y.map((v) => (v > 0 ? 1 : -1)) };
  if (name === "kullbackLeiblerDivergence") return { a: a.map((v) => 0.05 + Math.abs(v) / 2.2), y: y.map((v) => 0.05 + Math.abs(v) / 2.2) };
  if (name === "poisson" || name === "meanSquaredLogarithmicError") return { a: a.map((v) => 0.1 + Math.abs(v)), y: y.map(Math.abs) };
  return { a, y };
}

describe.each(POINT_LOSSES.map((name, kind) => [name, kind] as const))("pointLoss %s (kind %i)", (name, kind) => {
  const n = 37, { a, y } = data(name, n);
  const [loss, slope] = POINT[name];

  it("sum and gradient match the f64 reference", () => {
    const ta = tensorOf(a, 1, n), ty = tensorOf(y, 1, n), da = tensorOf(new Array(n).fill(0), 1, n);
    const sum = k().pointLoss(ta.ptr, ty.ptr, da.ptr, n, kind, 0.5);
    const want = a.reduce((s, ai, i) => s + loss(Math.fround(ai), Math.fround(y[i])), 0);
    expect(Math.abs(sum - want) / Math.max(1, Math.abs(want))).toBeLessThan(1e-6);
    da.data.forEach((g, i) => expect(Math.abs(g - 0.5 * slope(ta.data[i], ty.data[i]))).toBeLessThan(1e-5 * Math.max(1, Math.abs(g))));
    expect(k().pointLoss(ta.ptr, ty.ptr, 0, n, kind, 1)).toBe(sum); // da = 0: the value alone, the same sum
  });

  it("gradient agrees with central differences of the sum", () => {
    const ta = tensorOf(a, 1, n), ty = tensorOf(y, 1, n), da = tensorOf(new Array(n).fill(0), 1, n);
    k().pointLoss(ta.ptr, ty.ptr, da.ptr, n, kind, 1);
    const objective = (p: number[]) => (ta.data.set(p), k().pointLoss(ta.ptr, ty.ptr, 0, n, kind, 1));
    // Kinks (|a − y| = 0 or 1, y·a = 1) at least one step away: eps 1e-3 on these seeded points.
    expect(gradientCheck(objective, a, Array.from(da.data), 1e-3).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});

describe("categoricalHinge", () => {
  it("sum and gradient match the f64 reference, and central differences", () => {
    const rows = 6, cols = 4, a = seededValues(rows * cols, -1, 1, 41), y = Array.from({ length: rows * cols }, (_, i) => (i % cols === (i * 7) % 3 ? 1 : 0));
    const ta = tensorOf(a, rows, cols), ty = tensorOf(y, rows, cols), da = tensorOf(new Array(rows * cols).fill(0), rows, cols);
    const sum = k().categoricalHinge(ta.ptr, ty.ptr, da.ptr, rows, cols, 1), want = categoricalHinge(ta.data, ty.data, rows, cols);
    expect(Math.abs(sum - want.sum)).toBeLessThan(1e-6);
    expect(Array.from(da.data)).toEqual(want.grad.map(Math.fround));
    const objective = (p: number[]) => (ta.data.set(p), k().categoricalHinge(ta.ptr, ty.ptr, 0, rows, cols, 1));
    expect(gradientCheck(objective, a, want.grad, 1e-3).error).toBeLessThan(GRADIENT_TOLERANCE);
  });
});
