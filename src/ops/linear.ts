// Wrappers for assembly/matmul.ts, transpose.ts and bias.ts (seed 003: np.dot(X, W) + b,
// dW = np.dot(X.T, dy), dX = np.dot(dy, W.T), db = np.sum(dy, axis=0)). `out` omitted: a new
// tensor is returned, owned by the caller. With `accumulate`, out += … instead of out = ….
import type { Tensor } from "../core/tensor.js";
import { ShapeError } from "../core/errors.js";
import { distinct, expectShape, output } from "./shape.js";

const inner = (op: string, aName: string, ak: number, bName: string, bk: number): void => {
  if (ak !== bk) throw new ShapeError(`${op}: ${aName} has ${ak} and ${bName} has ${bk}; they must be equal`);
};

/** out (m×n) = a (m×k) · b (k×n). */
export function gemm(a: Tensor, b: Tensor, out?: Tensor, accumulate = false): Tensor {
  inner("gemm", "a's columns", a.cols, "b's rows", b.rows);
  const o = distinct("gemm", output("gemm", out, a.rows, b.cols, a, "a's rows × b's columns"), a, b);
  a.engine.k.gemm(a.ptr, b.ptr, o.ptr, a.rows, a.cols, b.cols, accumulate ? 1 : 0);
  return o;
}

/** out = a · b (numpy's np.dot on matrices). */
export const matmul = (a: Tensor, b: Tensor, out?: Tensor): Tensor => gemm(a, b, out);

/** out (m×n) = aᵀ · b, with a k×m and b k×n (weight gradients: Xᵀ · dy). */
export function gemmTN(a: Tensor, b: Tensor, out?: Tensor, accumulate = false): Tensor {
  inner("gemmTN", "a's rows", a.rows, "b's rows", b.rows);
  const o = distinct("gemmTN", output("gemmTN", out, a.cols, b.cols, a, "a's columns × b's columns"), a, b);
  a.engine.k.gemmTN(a.ptr, b.ptr, o.ptr, a.cols, a.rows, b.cols, accumulate ? 1 : 0);
  return o;
}

/** out (m×n) = a · bᵀ, with a m×k and b n×k (input gradients: dy · Wᵀ). */
export function gemmNT(a: Tensor, b: Tensor, out?: Tensor, accumulate = false): Tensor {
  inner("gemmNT", "a's columns", a.cols, "b's columns", b.cols);
  const o = distinct("gemmNT", output("gemmNT", out, a.rows, b.rows, a, "a's rows × b's rows"), a, b);
  a.engine.k.gemmNT(a.ptr, b.ptr, o.ptr, a.rows, a.cols, b.rows, accumulate ? 1 : 0);
  return o;
}

/** out (cols×rows) = xᵀ; `out` must not be `x`. */
export function transpose(x: Tensor, out?: Tensor): Tensor {
  const o = distinct("transpose", output("transpose", out, x.cols, x.rows, x, "x's shape reversed"), x);
  x.engine.k.transpose(x.ptr, o.ptr, x.rows, x.cols);
  return o;
}

/** out[r, c] = x[r, c] + b[c], with b 1×cols (the bias add); `out` may be `x`. */
export function addRowVector(x: Tensor, b: Tensor, out?: Tensor): Tensor {
  expectShape("addRowVector", "b", b, 1, x.cols, "one row with x's columns");
  const o = output("addRowVector", out, x.rows, x.cols, x, "the shape of x");
  x.engine.k.addRowVector(x.ptr, b.ptr, o.ptr, x.rows, x.cols);
  return o;
}

/** out (1×cols) = Σ over rows of x (the bias gradient np.sum(dy, axis=0)). */
export function sumColumns(x: Tensor, out?: Tensor, accumulate = false): Tensor {
  const o = output("sumColumns", out, 1, x.cols, x, "one row with x's columns");
  x.engine.k.sumColumns(x.ptr, o.ptr, x.rows, x.cols, accumulate ? 1 : 0);
  return o;
}
