// The register blocks of assembly/sparse.ts: one row of output sums over a list of terms. Term q
// is a · b[j ..], with a the f32 at a0 + i·stepA and b the row at b0 + i·stepB, i = list[q]; each
// output is the in-order chain over the list, as one element of a GEMM is over k. Blocks of 32,
// 16, 8 and 4 columns keep their sums in 8, 4, 2 and 1 registers while the list goes by; the
// last n % 4 columns are the 4-wide block ending at n (recomputing a few columns gives the same
// bits again), so only n < 4 needs scalar sums.
import { at } from "../f32";

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b)); // two roundings, as in the GEMM micro-kernel
}

// @ts-ignore: decorator
@inline function term(list: usize, q: i32, stepA: usize): usize {
  return <usize>load<i32>(at(list, q)) * stepA;
}

function sums32(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
  for (let q = 0; q < count; q++) {
    const i = <usize>load<i32>(at(list, q)), a = v128.load32_splat(a0 + i * stepA), b = b0 + i * stepB;
    s0 = madd(s0, a, v128.load(b)); s1 = madd(s1, a, v128.load(b, 16));
    s2 = madd(s2, a, v128.load(b, 32)); s3 = madd(s3, a, v128.load(b, 48));
    s4 = madd(s4, a, v128.load(b, 64)); s5 = madd(s5, a, v128.load(b, 80));
    s6 = madd(s6, a, v128.load(b, 96)); s7 = madd(s7, a, v128.load(b, 112));
  }
  v128.store(out, s0); v128.store(out, s1, 16); v128.store(out, s2, 32); v128.store(out, s3, 48);
  v128.store(out, s4, 64); v128.store(out, s5, 80); v128.store(out, s6, 96); v128.store(out, s7, 112);
}

function sums16(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = s0, s2 = s0, s3 = s0;
  for (let q = 0; q < count; q++) {
    const i = <usize>load<i32>(at(list, q)), a = v128.load32_splat(a0 + i * stepA), b = b0 + i * stepB;
    s0 = madd(s0, a, v128.load(b)); s1 = madd(s1, a, v128.load(b, 16));
    s2 = madd(s2, a, v128.load(b, 32)); s3 = madd(s3, a, v128.load(b, 48));
  }
  v128.store(out, s0); v128.store(out, s1, 16); v128.store(out, s2, 32); v128.store(out, s3, 48);
}

function sums8(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize): void {
  let s0 = f32x4.splat(0), s1 = s0;
  for (let q = 0; q < count; q++) {
    const i = <usize>load<i32>(at(list, q)), a = v128.load32_splat(a0 + i * stepA), b = b0 + i * stepB;
    s0 = madd(s0, a, v128.load(b)); s1 = madd(s1, a, v128.load(b, 16));
  }
  v128.store(out, s0); v128.store(out, s1, 16);
}

function sums4(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize): void {
  let s = f32x4.splat(0);
  for (let q = 0; q < count; q++) {
    const i = <usize>load<i32>(at(list, q));
    s = madd(s, v128.load32_splat(a0 + i * stepA), v128.load(b0 + i * stepB));
  }
  v128.store(out, s);
}

/** out[0 .. n) = the n sums over the `count` listed terms (see the header). */
export function sumsRow(list: usize, count: i32, a0: usize, stepA: usize, b0: usize, stepB: usize, out: usize, n: i32): void {
  let j = 0;
  for (; j + 32 <= n; j += 32) sums32(list, count, a0, stepA, at(b0, j), stepB, at(out, j));
  if (j + 16 <= n) { sums16(list, count, a0, stepA, at(b0, j), stepB, at(out, j)); j += 16; }
  if (j + 8 <= n) { sums8(list, count, a0, stepA, at(b0, j), stepB, at(out, j)); j += 8; }
  if (j + 4 <= n) { sums4(list, count, a0, stepA, at(b0, j), stepB, at(out, j)); j += 4; }
  if (j == n) return;
  if (n >= 4) return sums4(list, count, a0, stepA, at(b0, n - 4), stepB, at(out, n - 4));
  for (; j < n; j++) {
    let s: f32 = 0;
    for (let q = 0; q < count; q++) s += load<f32>(a0 + term(list, q, stepA)) * load<f32>(at(b0, j) + term(list, q, stepB));
    store<f32>(at(out, j), s);
  }
}
