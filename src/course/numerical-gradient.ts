// Lesson 9 (Saito ch. 4.3-4.4): the numerical gradient by central differences and gradient
// descent, as the book's numerical_gradient and gradient_descent. `f` is the caller's function,
// so its arithmetic is theirs; here only the differencing is host float64 (h = 1e-4 as the book).
// On host numbers it divides by 2h, as the book. On a Tensor (float32 on the WASM heap), w ± h is
// rounded to f32 when written, so it divides by the difference of the values actually written
// (w₊ − w₋): that rounding is then no error of the gradient (src/models/gradient-check.ts does so too).
import { ModelError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";

/** What numericalGradient differentiates with respect to: host numbers, or a Tensor's floats. */
export type GradientInput = number[] | Float64Array | Tensor;

/** The book's step h of the central difference. */
export const H = 1e-4;

function checkF<X>(op: string, f: (x: X) => number): void {
  if (typeof f !== "function") throw new ModelError(`${op}: f must be a function of x returning a number, got ${typeof f}`);
}

function value(op: string, v: unknown): number {
  if (typeof v !== "number" || Number.isNaN(v)) throw new ModelError(`${op}: f returned ${String(v)}; it must return a number (the loss)`);
  return v;
}

/**
 * ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h for every entry of x (numerical_gradient), each
 * entry put back afterwards. Returns a Float64Array with x's entries in order (row-major).
 */
export function numericalGradient<X extends GradientInput>(f: (x: X) => number, x: X, h = H): Float64Array {
  const op = "numericalGradient";
  checkF(op, f);
  if (!(typeof h === "number" && h > 0 && Number.isFinite(h))) {
    throw new ModelError(`${op}: h must be a positive finite number, got ${String(h)}; the book uses 1e-4`);
  }
  const host = Array.isArray(x) || x instanceof Float64Array;
  if (!host && !(x && typeof (x as Tensor).ptr === "number")) {
    throw new ModelError(`${op}: x must be an array of numbers, a Float64Array or a Tensor, got ${String(x)}`);
  }
  const size = host ? (x as number[]).length : (x as Tensor).size;
  // A Tensor's view is fetched anew before each write: f may run kernels that grow the heap.
  const at = host ? () => x as number[] | Float64Array : () => (x as Tensor).data;
  const grad = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const tmp = at()[i];
    at()[i] = tmp + h;
    const plus = at()[i], fxh1 = value(op, f(x));
    at()[i] = tmp - h;
    const minus = at()[i], fxh2 = value(op, f(x));
    at()[i] = tmp;
    grad[i] = (fxh1 - fxh2) / (host ? 2 * h : plus - minus); // host: the book's 2h exactly
  }
  return grad;
}

/** x after `stepNum` steps of x ← x − lr·∇f(x) (gradient_descent), and the points visited (the first is initX). */
export function gradientDescent(
  f: (x: Float64Array) => number, initX: ArrayLike<number>, lr = 0.01, stepNum = 100,
): { x: Float64Array; history: Float64Array[] } {
  checkF("gradientDescent", f);
  if (!(Number.isInteger(stepNum) && stepNum >= 0)) {
    throw new ModelError(`gradientDescent: stepNum must be a whole number ≥ 0, got ${String(stepNum)}`);
  }
  if (!Number.isFinite(lr)) throw new ModelError(`gradientDescent: lr must be a finite number, got ${String(lr)}`);
  const x = Float64Array.from(initX), history = [x.slice()];
  for (let s = 0; s < stepNum; s++) {
    const grad = numericalGradient(f, x);
    for (let i = 0; i < x.length; i++) x[i] -= lr * grad[i];
    history.push(x.slice());
  }
  return { x, history };
}
