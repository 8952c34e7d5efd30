// Wrappers for assembly/conv/pool.ts: an NHWC image batch x is a tensor of n rows × h·w·c (one
// image a row, TF.js' [n, h, w, c] row-major); the pooled y is n rows × outH·outW·c.
import type { Tensor } from "../core/tensor.js";
import { ShapeError } from "../core/errors.js";
import { Indices } from "./indices.js";
import type { ImageShape } from "./conv.js";
import { distinct, expectShape, output } from "./shape.js";

/** A pooling window's geometry: size, strides and TF.js' padding, with the output size it gives. */
export interface PoolGeometry {
  h: number; w: number; c: number; poolH: number; poolW: number; strideH: number; strideW: number;
  padTop: number; padLeft: number; outH: number; outW: number;
}

/**
 * TF.js' output size and padding (computePool2DInfo, dilation 1), per axis: 'valid' gives
 * out = ceil((size − pool + 1) / stride) and no padding; 'same' gives out = ceil(size / stride)
 * and padBefore = floor(max((out − 1)·stride + pool − size, 0) / 2), the larger half after.
 */
export function poolGeometry(op: string, [h, w, c]: ImageShape, [poolH, poolW]: [number, number], [strideH, strideW]: [number, number],
  padding: "valid" | "same"): PoolGeometry {
  const named = [["h", h], ["w", w], ["c", c], ["pool height", poolH], ["pool width", poolW], ["stride height", strideH],
    ["stride width", strideW]] as const;
  for (const [name, v] of named) {
    if (!(Number.isInteger(v) && v > 0)) throw new ShapeError(`${op}: ${name} is ${v}; it must be a positive integer`);
  }
  if (padding !== "valid" && padding !== "same") throw new ShapeError(`${op}: padding is '${padding}'; use 'valid' or 'same'`);
  if (padding === "valid" && (poolH > h || poolW > w)) {
    throw new ShapeError(`${op}: a ${poolH}×${poolW} pool does not fit a ${h}×${w} image with padding 'valid'; `
      + "use padding 'same' or a smaller poolSize");
  }
  const same = padding === "same";
  const axis = (size: number, pool: number, stride: number): [number, number] => {
    const out = Math.ceil((same ? size : size - pool + 1) / stride);
    return [out, same ? Math.floor(Math.max((out - 1) * stride + pool - size, 0) / 2) : 0];
  };
  const [outH, padTop] = axis(h, poolH, strideH), [outW, padLeft] = axis(w, poolW, strideW);
  return { h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW };
}

const checkImages = (op: string, name: string, x: Tensor, g: PoolGeometry): void => {
  if (x.cols !== g.h * g.w * g.c) {
    const need = `h·w·c = ${g.h}·${g.w}·${g.c} = ${g.h * g.w * g.c}`;
    throw new ShapeError(`${op}: ${name} has ${x.cols} columns, expected ${need} (one NHWC image a row; reshape it to n × h·w·c)`);
  }
};
const outCols = (g: PoolGeometry): number => g.outH * g.outW * g.c;
const WHY = "n × outH·outW·c";

/** y = each window's maximum, and argmax = its pixel iy·w + ix (−1 when no value beats −∞, e.g. all NaN), for maxPoolBackward. */
export function maxPool(x: Tensor, g: PoolGeometry, out?: Tensor, argmax?: Indices): { y: Tensor; argmax: Indices } {
  checkImages("maxPool", "x", x, g);
  const y = distinct("maxPool", output("maxPool", out, x.rows, outCols(g), x, WHY), x), n = x.rows * outCols(g);
  const a = argmax ?? Indices.zeros(n, x.engine);
  if (a.length !== n) throw new ShapeError(`maxPool: argmax holds ${a.length} indices, expected n·outH·outW·c = ${n}`);
  const { h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW } = g;
  x.engine.k.maxPool(x.ptr, x.rows, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, y.ptr, a.ptr);
  return { y, argmax: a };
}

/** dx = dy added at each output's argmax (dx zeroed first); n is dx's rows. */
export function maxPoolBackward(dy: Tensor, argmax: Indices, g: PoolGeometry, dx: Tensor): Tensor {
  checkImages("maxPoolBackward", "dx", dx, g);
  expectShape("maxPoolBackward", "dy", dy, dx.rows, outCols(g), WHY);
  if (argmax.length !== dy.size) throw new ShapeError(`maxPoolBackward: argmax holds ${argmax.length} indices, dy ${dy.size} values`);
  distinct("maxPoolBackward", dx, dy);
  dx.engine.k.maxPoolBackward(dy.ptr, argmax.ptr, dx.rows, g.h, g.w, g.c, g.outH, g.outW, dx.ptr);
  return dx;
}

/** y = each window's mean over its in-image values (TF.js: 'same' padding is not counted). */
export function avgPool(x: Tensor, g: PoolGeometry, out?: Tensor): Tensor {
  checkImages("avgPool", "x", x, g);
  const y = distinct("avgPool", output("avgPool", out, x.rows, outCols(g), x, WHY), x);
  const { h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW } = g;
  x.engine.k.avgPool(x.ptr, x.rows, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, y.ptr);
  return y;
}

/** dx = each window's dy / (its in-image count) added at each of its values (dx zeroed first); n is dx's rows. */
export function avgPoolBackward(dy: Tensor, g: PoolGeometry, dx: Tensor): Tensor {
  checkImages("avgPoolBackward", "dx", dx, g);
  expectShape("avgPoolBackward", "dy", dy, dx.rows, outCols(g), WHY);
  distinct("avgPoolBackward", dx, dy);
  const { h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW } = g;
  dx.engine.k.avgPoolBackward(dy.ptr, dx.rows, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, dx.ptr);
  return dx;
}
