// Shape checks and output tensors shared by the ops wrappers. Kernels trust their inputs
// (STYLE 2.4.4), so every wrapper checks here, once per call, and names the operands.
import { ShapeError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import type { Engine } from "../core/engine.js";

/** Throw a ShapeError unless `t` (called `name` in `op`) is rows×cols; `why` says where the shape comes from. */
export function expectShape(op: string, name: string, t: Tensor, rows: number, cols: number, why: string): void {
  if (t.rows !== rows || t.cols !== cols) {
    throw new ShapeError(`${op}: ${name} is ${t.rows}×${t.cols}, expected ${rows}×${cols} (${why})`);
  }
}

/** Throw unless `b` has the shape of `a`, naming both. */
export function sameShape(op: string, aName: string, a: Tensor, bName: string, b: Tensor): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new ShapeError(`${op}: ${aName} is ${a.rows}×${a.cols} but ${bName} is ${b.rows}×${b.cols}; they must have one shape`);
  }
}

/**
 * The tensor an op writes into: `out` when given (checked to be rows×cols), else a new
 * rows×cols tensor on the engine of `like`, which the caller owns and must dispose.
 */
export function output(op: string, out: Tensor | undefined, rows: number, cols: number, like: { engine: Engine }, why: string): Tensor {
  if (out === undefined) return Tensor.zeros(rows, cols, like.engine);
  expectShape(op, "out", out, rows, cols, why);
  return out;
}

/** `o`, after checking it is none of `inputs` (products read their operands while writing out). */
export function distinct(op: string, o: Tensor, ...inputs: Tensor[]): Tensor {
  if (inputs.some((t) => t.ptr === o.ptr && t.size > 0)) throw new ShapeError(`${op}: out is also an operand; write into another tensor`);
  return o;
}
