// Plain-TypeScript (float64) oracles for assembly/conv/im2col.ts, written from the definitions
// index by index (no shared walk), plus a direct convolution to check conv-by-GEMM against.
import type { ConvGeometry } from "../../src/ops/conv.js";

const xAt = (g: ConvGeometry, b: number, iy: number, ix: number, ch: number) => ((b * g.h + iy) * g.w + ix) * g.c + ch;

/** Every (col index, x index or −1 for padding) pair of im2col, in col order. */
function* taps(g: ConvGeometry, n: number): Generator<[number, number]> {
  const cols = g.kh * g.kw * g.c;
  for (let b = 0; b < n; b++) for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
    const row = (b * g.outH + oy) * g.outW + ox;
    for (let ki = 0; ki < g.kh; ki++) for (let kj = 0; kj < g.kw; kj++) for (let ch = 0; ch < g.c; ch++) {
      const iy = oy * g.stride - g.padTop + ki, ix = ox * (g.strideW ?? g.stride) - g.padLeft + kj;
      const inside = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w;
      yield [row * cols + (ki * g.kw + kj) * g.c + ch, inside ? xAt(g, b, iy, ix, ch) : -1];
    }
  }
}

/** col[n·outH·outW, kh·kw·c] of NHWC x; 0 in the padding. */
export function im2col(x: ArrayLike<number>, n: number, g: ConvGeometry): number[] {
  const col = new Array<number>(n * g.outH * g.outW * g.kh * g.kw * g.c).fill(0);
  for (const [i, j] of taps(g, n)) if (j >= 0) col[i] = x[j];
  return col;
}

/** dx[n, h, w, c] = dx0 + Σ of the col entries that im2col took from each input. */
export function col2im(col: ArrayLike<number>, n: number, g: ConvGeometry, dx0?: ArrayLike<number>): number[] {
  const dx = dx0 ? Array.from(dx0) : new Array<number>(n * g.h * g.w * g.c).fill(0);
  for (const [i, j] of taps(g, n)) if (j >= 0) dx[j] += col[i];
  return dx;
}

/** y[n, outH, outW, cout] = Σ x[b, iy, ix, ci] · kernel[ki, kj, ci, co] (TF.js' conv2d, NHWC, no bias), directly. */
export function conv2d(x: ArrayLike<number>, kernel: ArrayLike<number>, n: number, g: ConvGeometry, cout: number): number[] {
  const y: number[] = [];
  for (let b = 0; b < n; b++) for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) for (let co = 0; co < cout; co++) {
    let s = 0;
    for (let ki = 0; ki < g.kh; ki++) for (let kj = 0; kj < g.kw; kj++) {
      const iy = oy * g.stride - g.padTop + ki, ix = ox * (g.strideW ?? g.stride) - g.padLeft + kj;
      if (iy < 0 || iy >= g.h || ix < 0 || ix >= g.w) continue;
      for (let ci = 0; ci < g.c; ci++) s += x[xAt(g, b, iy, ix, ci)] * kernel[((ki * g.kw + kj) * g.c + ci) * cout + co];
    }
    y.push(s);
  }
  return y;
}
