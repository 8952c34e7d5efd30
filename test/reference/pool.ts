// Plain-TypeScript (float64) oracles for assembly/conv/pool.ts, written from the definitions output
// by output: a window is the pool's rectangle at (oy·strideH − padTop, ox·strideW − padLeft),
// clipped to the image. Max: the first strictly larger value wins (NaN never: TF.js CPU's pool_utils);
// average: the mean of the in-image values (TF.js counts no padding).
import type { PoolGeometry } from "../../src/ops/pool.js";

const xAt = (g: PoolGeometry, b: number, pixel: number, ch: number) => (b * g.h * g.w + pixel) * g.c + ch;

/** Every output (b, o, ch) with its index in y and the in-image pixels iy·w + ix of its window, row-major. */
function* windows(g: PoolGeometry, n: number): Generator<{ b: number; out: number; ch: number; pixels: number[] }> {
  for (let b = 0; b < n; b++) for (let oy = 0; oy < g.outH; oy++) for (let ox = 0; ox < g.outW; ox++) {
    const pixels: number[] = [];
    for (let ki = 0; ki < g.poolH; ki++) for (let kj = 0; kj < g.poolW; kj++) {
      const iy = oy * g.strideH - g.padTop + ki, ix = ox * g.strideW - g.padLeft + kj;
      if (iy >= 0 && iy < g.h && ix >= 0 && ix < g.w) pixels.push(iy * g.w + ix);
    }
    for (let ch = 0; ch < g.c; ch++) yield { b, out: ((b * g.outH + oy) * g.outW + ox) * g.c + ch, ch, pixels };
  }
}

/** y and argmax (the winning pixel, −1 if none beats −∞) of max pooling NHWC x. */
export function maxPool(x: ArrayLike<number>, n: number, g: PoolGeometry): { y: number[]; argmax: number[] } {
  const y: number[] = [], argmax: number[] = [];
  for (const { b, out, ch, pixels } of windows(g, n)) {
    let best = -Infinity, at = -1;
    for (const p of pixels) if (x[xAt(g, b, p, ch)] > best) [best, at] = [x[xAt(g, b, p, ch)], p];
    y[out] = best;
    argmax[out] = at;
  }
  return { y, argmax };
}

/** dx: each dy added at its output's argmax. */
export function maxPoolBackward(dy: ArrayLike<number>, argmax: ArrayLike<number>, n: number, g: PoolGeometry): number[] {
  const dx = new Array<number>(n * g.h * g.w * g.c).fill(0);
  for (const { b, out, ch } of windows(g, n)) if (argmax[out] >= 0) dx[xAt(g, b, argmax[out], ch)] += dy[out];
  return dx;
}

/** y: each window's mean over its in-image values. */
export function avgPool(x: ArrayLike<number>, n: number, g: PoolGeometry): number[] {
  const y: number[] = [];
  for (const { b, out, ch, pixels } of windows(g, n)) y[out] = pixels.reduce((s, p) => s + x[xAt(g, b, p, ch)], 0) / pixels.length;
  return y;
}

/** dx: each window's dy / count added at each of its in-image values. */
export function avgPoolBackward(dy: ArrayLike<number>, n: number, g: PoolGeometry): number[] {
  const dx = new Array<number>(n * g.h * g.w * g.c).fill(0);
  for (const { b, out, ch, pixels } of windows(g, n)) for (const p of pixels) dx[xAt(g, b, p, ch)] += dy[out] / pixels.length;
  return dx;
}
