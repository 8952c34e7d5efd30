// Pooling over the windows of channels-last images (TF.js' NHWC), with TF.js CPU's rules
// (tfjs-backend-cpu 4.22, utils/pool_utils.js and kernels/MaxPoolGrad.js):
//   max: y = the window's largest in-image value; the first one wins a tie (a strict >, in row-major
//        window order) and NaN never wins (NaN > v is false), so an all-NaN window gives −∞ and argmax −1.
//        argmax keeps the winner's pixel, iy·w + ix, for backward: dx[pixel] += dy (dx zeroed first).
//   avg: y = (sum of the window's in-image values) / (their count): 'same' padding counts no padding.
//        Backward spreads dy / count over the same values (the derivative of that forward).
// Windows: output (oy, ox) covers rows oy·strideH − padTop … + poolH − 1, clipped to the image.
// Channels are contiguous, so four at a time are one v128 (lanewise f32 ops: the scalar tail's bits).

/** Address of x[b, pixel, ch] with `c` channels and `hw` pixels an image. */
// @ts-ignore: decorator
@inline function px(x: usize, b: i32, hw: i32, pixel: i32, c: i32, ch: i32): usize {
  return x + ((<usize>b * <usize>hw + <usize>pixel) * <usize>c + <usize>ch << 2);
}

/** y [n, outH, outW, c] = each window's maximum; argmax (i32, same shape) = its pixel iy·w + ix, or −1. */
export function maxPool(x: usize, n: i32, h: i32, w: i32, c: i32, poolH: i32, poolW: i32, strideH: i32, strideW: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, y: usize, argmax: usize): void {
  const groups = c >= 4 ? (c + 3) >> 2 : 0; // vectors of 4 channels, the last at c − 4 (lanes done twice give the same bits)
  let o = 0; // output pixel, b·outH·outW + oy·outW + ox
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop, i0 = max(0, y0), i1 = min(h, y0 + poolH);
      for (let ox = 0; ox < outW; ox++, o++) {
        const x0 = ox * strideW - padLeft, j0 = max(0, x0), j1 = min(w, x0 + poolW);
        for (let g = 0; g < groups; g++) {
          const ch = min(4 * g, c - 4);
          let best = f32x4.splat(-Infinity), at = i32x4.splat(-1);
          for (let iy = i0; iy < i1; iy++) {
            for (let ix = j0; ix < j1; ix++) {
              const v = v128.load(px(x, b, h * w, iy * w + ix, c, ch)), wins = f32x4.gt(v, best);
              best = v128.bitselect(v, best, wins);
              at = v128.bitselect(i32x4.splat(iy * w + ix), at, wins);
            }
          }
          v128.store(px(y, o, 1, 0, c, ch), best);
          v128.store(px(argmax, o, 1, 0, c, ch), at);
        }
        for (let ch = groups > 0 ? c : 0; ch < c; ch++) {
          let best = -Infinity as f32, at = -1;
          for (let iy = i0; iy < i1; iy++) {
            for (let ix = j0; ix < j1; ix++) {
              const v = load<f32>(px(x, b, h * w, iy * w + ix, c, ch));
              if (v > best) { best = v; at = iy * w + ix; }
            }
          }
          store<f32>(px(y, o, 1, 0, c, ch), best);
          store<i32>(px(argmax, o, 1, 0, c, ch), at);
        }
      }
    }
  }
}

/** dx [n, h, w, c] = 0, then dy [n, outH, outW, c] added at each output's argmax (none where it is −1). */
export function maxPoolBackward(dy: usize, argmax: usize, n: i32, h: i32, w: i32, c: i32, outH: i32, outW: i32, dx: usize): void {
  memory.fill(dx, 0, <usize>n * <usize>h * <usize>w * <usize>c << 2);
  const per = outH * outW;
  for (let b = 0; b < n; b++) {
    for (let p = 0; p < per; p++) {
      const o = b * per + p;
      for (let ch = 0; ch < c; ch++) {
        const at = load<i32>(px(argmax, o, 1, 0, c, ch));
        if (at < 0) continue;
        const q = px(dx, b, h * w, at, c, ch);
        store<f32>(q, load<f32>(q) + load<f32>(px(dy, o, 1, 0, c, ch)));
      }
    }
  }
}

/**
 * maxPoolBackward for windows that tile the image (strides = pool size, no padding, c ≥ 4): each
 * pixel of dx is written once, dy where it won and 0 elsewhere, as +0 + that (the fill-then-add's
 * bits: −0 becomes +0); the rows and columns past the last whole window get 0.
 */
export function maxPoolBackwardTiled(dy: usize, argmax: usize, n: i32, h: i32, w: i32, c: i32, poolH: i32, poolW: i32, dx: usize): void {
  const outH = h / poolH, outW = w / poolW, groups = (c + 3) >> 2, zero = f32x4.splat(0);
  for (let b = 0; b < n; b++) {
    for (let iy = 0; iy < h; iy++) {
      for (let ix = 0; ix < w; ix++) {
        const oy = iy / poolH, ox = ix / poolW, q = px(dx, b, h * w, iy * w + ix, c, 0);
        if (oy >= outH || ox >= outW) { memory.fill(q, 0, <usize>c << 2); continue; }
        const o = (b * outH + oy) * outW + ox, pixel = i32x4.splat(iy * w + ix);
        for (let g = 0; g < groups; g++) {
          const ch = min(4 * g, c - 4), won = i32x4.eq(v128.load(px(argmax, o, 1, 0, c, ch)), pixel);
          v128.store(px(dx, b, h * w, iy * w + ix, c, ch), f32x4.add(zero, v128.and(v128.load(px(dy, o, 1, 0, c, ch)), won)));
        }
      }
    }
  }
}

/**
 * The shared walk of avgPool and its backward: for each window, its in-image count, then either
 * y = sum / count (forward), or dx += dy / count at each of its values (backward).
 */
function avgWalk(x: usize, n: i32, h: i32, w: i32, c: i32, poolH: i32, poolW: i32, strideH: i32, strideW: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, y: usize, backward: bool): void {
  const c4 = c & ~3, hw = h * w;
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * strideH - padTop, i0 = max(0, y0), i1 = min(h, y0 + poolH);
      for (let ox = 0; ox < outW; ox++, o++) {
        const x0 = ox * strideW - padLeft, j0 = max(0, x0), j1 = min(w, x0 + poolW);
        const count = <f32>((i1 - i0) * (j1 - j0)), count4 = f32x4.splat(count);
        for (let ch = 0; ch < c4; ch += 4) {
          const out = px(y, o, 1, 0, c, ch);
          if (backward) {
            const g = f32x4.div(v128.load(out), count4);
            for (let iy = i0; iy < i1; iy++) {
              for (let ix = j0; ix < j1; ix++) {
                const q = px(x, b, hw, iy * w + ix, c, ch);
                v128.store(q, f32x4.add(v128.load(q), g));
              }
            }
            continue;
          }
          let s = f32x4.splat(0);
          for (let iy = i0; iy < i1; iy++) for (let ix = j0; ix < j1; ix++) s = f32x4.add(s, v128.load(px(x, b, hw, iy * w + ix, c, ch)));
          v128.store(out, f32x4.div(s, count4));
        }
        for (let ch = c4; ch < c; ch++) {
          const out = px(y, o, 1, 0, c, ch);
          if (backward) {
            const g = load<f32>(out) / count;
            for (let iy = i0; iy < i1; iy++) {
              for (let ix = j0; ix < j1; ix++) {
                const q = px(x, b, hw, iy * w + ix, c, ch);
                store<f32>(q, load<f32>(q) + g);
              }
            }
            continue;
          }
          let s: f32 = 0;
          for (let iy = i0; iy < i1; iy++) for (let ix = j0; ix < j1; ix++) s += load<f32>(px(x, b, hw, iy * w + ix, c, ch));
          store<f32>(out, s / count);
        }
      }
    }
  }
}

/** y [n, outH, outW, c] = each window's mean over its in-image values (TF.js: padding is not counted). */
export function avgPool(x: usize, n: i32, h: i32, w: i32, c: i32, poolH: i32, poolW: i32, strideH: i32, strideW: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, y: usize): void {
  avgWalk(x, n, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, y, false);
}

/** dx [n, h, w, c] = 0, then each window's dy / count added at each of its in-image values. */
export function avgPoolBackward(dy: usize, n: i32, h: i32, w: i32, c: i32, poolH: i32, poolW: i32, strideH: i32, strideW: i32,
  padTop: i32, padLeft: i32, outH: i32, outW: i32, dx: usize): void {
  memory.fill(dx, 0, <usize>n * <usize>h * <usize>w * <usize>c << 2);
  avgWalk(dx, n, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, dy, true);
}
