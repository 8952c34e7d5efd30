// Wrappers for assembly/conv/im2col.ts: an NHWC image batch x is a tensor of n rows × h·w·c
// (one image a row, TF.js' [n, h, w, c] row-major), col a tensor of n·outH·outW rows × kh·kw·c.
import type { Tensor } from "../core/tensor.js";
import { ShapeError } from "../core/errors.js";
import { distinct, expectShape, output } from "./shape.js";

/** One image's height, width and channels (TF.js' inputShape [h, w, c]). */
export type ImageShape = [h: number, w: number, c: number];

/** A window's geometry: kernel size, strides (stride down, strideW across; strideW defaults to stride), TF.js' padding, output size. */
export interface ConvGeometry {
  h: number; w: number; c: number; kh: number; kw: number; stride: number; strideW?: number;
  padTop: number; padLeft: number; outH: number; outW: number;
}

const positive = (op: string, name: string, v: number): void => {
  if (!(Number.isInteger(v) && v > 0)) throw new ShapeError(`${op}: ${name} is ${v}; it must be a positive integer`);
};

/**
 * TF.js' output size and padding: 'valid' gives outH = ceil((h − kh + 1) / stride) and no padding;
 * 'same' gives outH = ceil(h / stride) and padTop = floor(max((outH − 1)·stride + kh − h, 0) / 2);
 * the same across with the width's stride. `strides`: one for both axes, or [down, across].
 */
export function convGeometry(op: string, [h, w, c]: ImageShape, kernelSize: [number, number], strides: number | [number, number],
  padding: "valid" | "same"): ConvGeometry {
  const [kh, kw] = kernelSize, [stride, strideW] = typeof strides === "number" ? [strides, strides] : strides;
  const sizes = [["h", h], ["w", w], ["c", c], ["kernel height", kh], ["kernel width", kw], ["stride", stride], ["stride across", strideW]];
  for (const [name, v] of sizes as [string, number][]) positive(op, name, v);
  if (padding !== "valid" && padding !== "same") throw new ShapeError(`${op}: padding is '${padding}'; use 'valid' or 'same'`);
  if (padding === "valid" && (kh > h || kw > w)) {
    throw new ShapeError(`${op}: a ${kh}×${kw} kernel does not fit a ${h}×${w} image with padding 'valid'; `
      + "use 'same' or a smaller kernel");
  }
  const same = padding === "same";
  const outH = Math.ceil((same ? h : h - kh + 1) / stride), outW = Math.ceil((same ? w : w - kw + 1) / strideW);
  const pad = (out: number, k: number, size: number, s: number) => (same ? Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) : 0);
  return { h, w, c, kh, kw, stride, strideW, padTop: pad(outH, kh, h, stride), padLeft: pad(outW, kw, w, strideW), outH, outW };
}

const check = (op: string, name: string, x: Tensor, g: ConvGeometry): void => {
  if (x.cols !== g.h * g.w * g.c) {
    const need = `h·w·c = ${g.h}·${g.w}·${g.c} = ${g.h * g.w * g.c}`;
    throw new ShapeError(`${op}: ${name} has ${x.cols} columns, expected ${need} (one NHWC image a row; reshape it to n × h·w·c)`);
  }
};

/** col (n·outH·outW × kh·kw·c) = the windows of x (n × h·w·c), columns ordered (ki, kj, channel); zeros in the padding. */
export function im2col(x: Tensor, g: ConvGeometry, out?: Tensor): Tensor {
  check("im2col", "x", x, g);
  const o = distinct("im2col", output("im2col", out, x.rows * g.outH * g.outW, g.kh * g.kw * g.c, x, "n·outH·outW × kh·kw·c"), x);
  x.engine.k.im2col(x.ptr, x.rows, g.h, g.w, g.c, g.kh, g.kw, g.stride, g.strideW ?? g.stride, g.padTop, g.padLeft, g.outH, g.outW, o.ptr);
  return o;
}

/**
 * im2col's adjoint: dx (n × h·w·c) gets each entry of col added at the input it came from (the
 * convolution's input gradient). `dx` is zeroed first unless `accumulate`; n is dx's rows.
 */
export function col2im(col: Tensor, g: ConvGeometry, dx: Tensor, accumulate = false): Tensor {
  check("col2im", "dx", dx, g);
  expectShape("col2im", "col", col, dx.rows * g.outH * g.outW, g.kh * g.kw * g.c, "n·outH·outW × kh·kw·c, as im2col wrote it");
  distinct("col2im", dx, col);
  const { h, w, c, kh, kw, stride, strideW = stride, padTop, padLeft, outH, outW } = g;
  dx.engine.k.col2im(col.ptr, dx.rows, h, w, c, kh, kw, stride, strideW, padTop, padLeft, outH, outW, dx.ptr, accumulate ? 1 : 0);
  return dx;
}
