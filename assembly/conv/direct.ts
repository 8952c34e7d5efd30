// A direct convolution for small images with few channels (MNIST's 28×28×1): no im2col. Each
// forward first notes, for every image row, which pixels are nonzero (a bit each: w ≤ 64), and
// then each output position visits only the nonzero taps of its window, read where they lie in
// x: 42% of an MNIST batch's windows are all zero, and 26% of im2col's entries nonzero. Forward:
// z[pos, f] = Σ_p x_p·K[p, f] with the sums of up to 32 filters in registers. Filter gradient:
// dK[p, f] = Σ_pos x_p·dz[pos, f] over the same bits (the forward's), dz's row in registers,
// dK's rows summed in a scratch the kernel zeroes.
//
// Bits: every element is the in-order chain over the taps p = (ki, kj, ch) (forward) or over the
// positions (dK) that gemm(col, K) and gemmTN(col, dz) compute on im2col's col (the bits are
// visited in ascending order), minus terms with x = ±0, which add ±0 and leave a sum as it was
// (a sum that starts at +0 never becomes −0), for finite K and dz (as assembly/sparse.ts).

import { bitsAt, convRowMasks, windowBits } from "./masks";
import { put, take } from "./lanes";

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b)); // two roundings, as the GEMM micro-kernel
}

/** Columns of the packed kernel and the filter-gradient scratch: cout rounded up to 16 (groups of 4 or 8 vectors). */
export function convPackedColumns(cout: i32): i32 {
  return (cout + 15) & ~15;
}

/**
 * K [patch, cout] copied to kp [patch + 1, convPackedColumns(cout)] and the bias b [cout] (0: none) as its
 * last row, zeros in the extra columns (convForward reads whole vectors).
 */
export function convPackKernel(k: usize, b: usize, patch: i32, cout: i32, kp: usize): void {
  const ld = convPackedColumns(cout);
  for (let p = 0; p <= patch; p++) {
    const row = kp + (<usize>(p * ld) << 2), from = p < patch ? k + (<usize>(p * cout) << 2) : b, copied = from ? cout : 0;
    if (from) memory.copy(row, from, <usize>cout << 2);
    memory.fill(row + (<usize>copied << 2), 0, <usize>(ld - copied) << 2);
  }
}

/** What convForward does to each sum before it stores it: add the bias (kp's last row), then max(·, 0) (ReLU). */
export const POST_BIAS = 1, POST_RELU = 2;

// One group of V (4 or 8) vectors: z's `count` columns from the group's first, for every position.
// @ts-ignore: decorator
@inline function forwardGroup(V: i32, x: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sH: i32, sW: i32, padTop: i32,
  padLeft: i32, outH: i32, outW: i32, masks: usize, kp: usize, ldk: usize, z: usize, ldz: usize, count: i32, post: i32): void {
  const run = <usize>c << 2, bias = kp + <usize>(kh * kw * c) * ldk, zero = f32x4.splat(0);
  for (let b = 0; b < n; b++) {
    const xb = x + <usize>b * <usize>(h * w) * run, mb = masks + (<usize>(b * h) << 3);
    for (let oy = 0; oy < outH; oy++) {
      let any: u64 = 0; // the window rows' pixels together: a window with none is all zeros (42% of MNIST's)
      for (let iy = max(0, oy * sH - padTop), end = min(h, oy * sH - padTop + kh); iy < end; iy++) any |= load<u64>(mb + (<usize>iy << 3));
      for (let ox = 0; ox < outW; ox++, z += ldz) {
        const x0 = ox * sW - padLeft;
        let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (let ki = bitsAt(any, x0, kw) != 0 ? 0 : kh; ki < kh; ki++) {
          const iy = oy * sH - padTop + ki;
          if (<u32>iy >= <u32>h) continue;
          for (let bits = windowBits(mb, iy, x0, kw); bits != 0; bits &= bits - 1) { // the window row's nonzero pixels, in order
            const kj = <i32>ctz(bits);
            let q = xb + <usize>(iy * w + x0 + kj) * run, kq = kp + <usize>((ki * kw + kj) * c) * ldk;
            for (let ch = 0; ch < c; ch++, q += 4, kq += ldk) {
              const a = v128.load32_splat(q);
              s0 = madd(s0, a, v128.load(kq));
              s1 = madd(s1, a, v128.load(kq, 16)); s2 = madd(s2, a, v128.load(kq, 32)); s3 = madd(s3, a, v128.load(kq, 48));
              if (V > 4) {
                s4 = madd(s4, a, v128.load(kq, 64)); s5 = madd(s5, a, v128.load(kq, 80));
                s6 = madd(s6, a, v128.load(kq, 96)); s7 = madd(s7, a, v128.load(kq, 112));
              }
            }
          }
        }
        if (post & POST_BIAS) { // addRowVector's z + b, lane by lane
          s0 = f32x4.add(s0, v128.load(bias)); s1 = f32x4.add(s1, v128.load(bias, 16));
          s2 = f32x4.add(s2, v128.load(bias, 32)); s3 = f32x4.add(s3, v128.load(bias, 48));
          if (V > 4) {
            s4 = f32x4.add(s4, v128.load(bias, 64)); s5 = f32x4.add(s5, v128.load(bias, 80));
            s6 = f32x4.add(s6, v128.load(bias, 96)); s7 = f32x4.add(s7, v128.load(bias, 112));
          }
        }
        if (post & POST_RELU) { // relu's max(z, 0)
          s0 = f32x4.max(s0, zero); s1 = f32x4.max(s1, zero); s2 = f32x4.max(s2, zero); s3 = f32x4.max(s3, zero);
          if (V > 4) { s4 = f32x4.max(s4, zero); s5 = f32x4.max(s5, zero); s6 = f32x4.max(s6, zero); s7 = f32x4.max(s7, zero); }
        }
        put(z, 0, s0, count); put(z, 1, s1, count); put(z, 2, s2, count); put(z, 3, s3, count);
        if (V > 4) { put(z, 4, s4, count); put(z, 5, s5, count); put(z, 6, s6, count); put(z, 7, s7, count); }
      }
    }
  }
}

/**
 * z [n·outH·outW, cout] = conv(x [n, h, w, c], K) as gemm(im2col(x), K) computes it (the same
 * bits), K packed by convPackKernel into kp; then, as `post` says, + b as addRowVector and ReLU as
 * relu (the same bits again). masks [n, h] u64 (w ≤ 64) get x's nonzero pixels (convRowMasks) for
 * convFilterGrad. Valid or padded windows, any strides.
 */
export function convForward(x: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sH: i32, sW: i32, padTop: i32, padLeft: i32,
  outH: i32, outW: i32, kp: usize, cout: i32, z: usize, masks: usize, post: i32): void {
  convRowMasks(x, n, h, w, c, masks);
  const ldk = <usize>convPackedColumns(cout) << 2, ldz = <usize>cout << 2;
  for (let f = 0; f < cout; f += 32) {
    const count = min(32, cout - f), k = kp + (<usize>f << 2), out = z + (<usize>f << 2);
    if (count > 16) forwardGroup(8, x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, masks, k, ldk, out, ldz, count, post);
    else forwardGroup(4, x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, masks, k, ldk, out, ldz, count, post);
  }
}

// dK's `count` columns from the group's first (V = 4 or 8 vectors) summed in acc (rows lda bytes apart), then copied to dk;
// with y ≠ 0, dz = dy·[y > 0] first (reluBackward's bits), and with db ≠ 0, db = Σ dz (rows in order) in acc's last row.
// @ts-ignore: decorator
@inline function gradGroup(V: i32, x: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sH: i32, sW: i32, padTop: i32,
  padLeft: i32, outH: i32, outW: i32, masks: usize, dz: usize, ldz: usize, acc: usize, lda: usize, dk: usize, lddk: usize,
  count: i32, y: usize, db: usize): void {
  const run = <usize>c << 2, patch = kh * kw * c, relu = y != 0, sums = acc + <usize>patch * lda, zero = f32x4.splat(0);
  for (let p = 0; p <= patch; p++) memory.fill(acc + <usize>p * lda, 0, <usize>V << 4);
  for (let b = 0; b < n; b++) {
    const xb = x + <usize>b * <usize>(h * w) * run, mb = masks + (<usize>(b * h) << 3);
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++, dz += ldz, y += ldz) {
        let d0 = take(dz, 0, count), d1 = take(dz, 1, count), d2 = take(dz, 2, count), d3 = take(dz, 3, count);
        let d4 = zero, d5 = zero, d6 = zero, d7 = zero;
        if (V > 4) { d4 = take(dz, 4, count); d5 = take(dz, 5, count); d6 = take(dz, 6, count); d7 = take(dz, 7, count); }
        if (relu) {
          d0 = v128.and(d0, f32x4.gt(take(y, 0, count), zero)); d1 = v128.and(d1, f32x4.gt(take(y, 1, count), zero));
          d2 = v128.and(d2, f32x4.gt(take(y, 2, count), zero)); d3 = v128.and(d3, f32x4.gt(take(y, 3, count), zero));
          if (V > 4) {
            d4 = v128.and(d4, f32x4.gt(take(y, 4, count), zero)); d5 = v128.and(d5, f32x4.gt(take(y, 5, count), zero));
            d6 = v128.and(d6, f32x4.gt(take(y, 6, count), zero)); d7 = v128.and(d7, f32x4.gt(take(y, 7, count), zero));
          }
        }
        const all = v128.or(v128.or(v128.or(d0, d1), v128.or(d2, d3)), v128.or(v128.or(d4, d5), v128.or(d6, d7)));
        if (!v128.any_true(v128.and(all, i32x4.splat(0x7fffffff)))) continue; // dz's row all ±0: all its terms are ±0 (db's too)
        if (db) {
          v128.store(sums, f32x4.add(v128.load(sums), d0)); v128.store(sums, f32x4.add(v128.load(sums, 16), d1), 16);
          v128.store(sums, f32x4.add(v128.load(sums, 32), d2), 32); v128.store(sums, f32x4.add(v128.load(sums, 48), d3), 48);
          if (V > 4) {
            v128.store(sums, f32x4.add(v128.load(sums, 64), d4), 64); v128.store(sums, f32x4.add(v128.load(sums, 80), d5), 80);
            v128.store(sums, f32x4.add(v128.load(sums, 96), d6), 96); v128.store(sums, f32x4.add(v128.load(sums, 112), d7), 112);
          }
        }
        const x0 = ox * sW - padLeft;
        for (let ki = 0; ki < kh; ki++) {
          const iy = oy * sH - padTop + ki;
          if (<u32>iy >= <u32>h) continue;
          for (let bits = windowBits(mb, iy, x0, kw); bits != 0; bits &= bits - 1) {
            const kj = <i32>ctz(bits);
            let q = xb + <usize>(iy * w + x0 + kj) * run, r = acc + <usize>((ki * kw + kj) * c) * lda;
            for (let ch = 0; ch < c; ch++, q += 4, r += lda) {
              const a = v128.load32_splat(q);
              v128.store(r, madd(v128.load(r), a, d0)); v128.store(r, madd(v128.load(r, 16), a, d1), 16);
              v128.store(r, madd(v128.load(r, 32), a, d2), 32); v128.store(r, madd(v128.load(r, 48), a, d3), 48);
              if (V > 4) {
                v128.store(r, madd(v128.load(r, 64), a, d4), 64); v128.store(r, madd(v128.load(r, 80), a, d5), 80);
                v128.store(r, madd(v128.load(r, 96), a, d6), 96); v128.store(r, madd(v128.load(r, 112), a, d7), 112);
              }
            }
          }
        }
      }
    }
  }
  for (let p = 0; p < patch; p++) memory.copy(dk + <usize>p * lddk, acc + <usize>p * lda, <usize>count << 2);
  if (db) memory.copy(db, sums, <usize>count << 2);
}

/**
 * Columns f0 ≤ f < f1 of dK [patch, cout] = im2col(x)ᵀ·dz (dz [n·outH·outW, cout]) as gemmTN computes
 * it (the same bits), summed in acc [patch, convPackedColumns(cout)], from the masks of x's last
 * convForward. f0 a multiple of 16: a block of columns is computed apart from the others (threads
 * share the product by columns). With y ≠ 0 (the forward's ReLU output, [n·outH·outW, cout]) dz is
 * dL/da and dz·[y > 0] is used, and with db ≠ 0 db [cout] = Σ of that over the positions: the bits
 * of activationBiasBackward (relu) before it (dz itself is left as it is).
 */
export function convFilterGrad(x: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, sH: i32, sW: i32, padTop: i32,
  padLeft: i32, outH: i32, outW: i32, masks: usize, dz: usize, cout: i32, acc: usize, dk: usize, f0: i32, f1: i32, y: usize,
  db: usize): void {
  const lda = <usize>convPackedColumns(cout) << 2, ldz = <usize>cout << 2;
  for (let f = f0; f < f1; f += 32) {
    const count = min(32, f1 - f), d = dz + (<usize>f << 2), a = acc + (<usize>f << 2), k = dk + (<usize>f << 2);
    const ya = y ? y + (<usize>f << 2) : 0, b = db ? db + (<usize>f << 2) : 0;
    if (count > 16) gradGroup(8, x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, masks, d, ldz, a, lda, k, ldz, count, ya, b);
    else gradGroup(4, x, n, h, w, c, kh, kw, sH, sW, padTop, padLeft, outH, outW, masks, d, ldz, a, lda, k, ldz, count, ya, b);
  }
}
