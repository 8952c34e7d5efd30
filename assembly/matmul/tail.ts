// The last 1-4 columns of C when B is read in place (assembly/matmul.ts). Padded to a strip of
// 4 they ran through column4 and an edge tile at half its arithmetic wasted, each block waiting on
// its adds, and cost 11% of a 32×784×50 product for 4% of its work. Here vectors run down 4 rows
// of C instead: a packed strip of A holds those 4 rows at each step p, B[p, j] is splatted where
// it lies, and 4 blocks × 2 columns = 8 sums are in flight. Each lane is still one element's
// in-order chain (c₀ + a₀b₀) + a₁b₁ + …, so the bits are those of every other path.

// @ts-ignore: decorator
@inline function madd(acc: v128, a: v128, b: v128): v128 {
  return f32x4.add(acc, f32x4.mul(a, b));
}

/**
 * C[0..rows, 0..cols) (=|+= from C if fromC) for cols ≤ 4 and rows ≤ 128: packed A at pa
 * (strips of 4 rows, kb steps each), B's first tail column at b with rows sb bytes apart, C at c
 * with rows ldc bytes apart. The columns of C wait in `stage` (4 × 128 floats, column by column)
 * so the sums load and store whole vectors.
 */
export function tail(pa: usize, kb: i32, b: usize, sb: usize, c: usize, ldc: usize, rows: i32, cols: i32, fromC: bool, stage: usize): void {
  const strip = <usize>kb << 4, end = <usize>kb * sb, col: usize = 512; // bytes between columns in stage
  if (fromC) {
    for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) store<f32>(stage + <usize>j * col + (<usize>r << 2), load<f32>(c + <usize>r * ldc + (<usize>j << 2)));
  } else memory.fill(stage, 0, 4 * col);
  for (let j = 0; j < cols; j += 2) {
    // One column left: the second sum repeats it into the (unused) next column of stage.
    const b0 = b + (<usize>j << 2), b1 = cols - j > 1 ? b0 + 4 : b0;
    const s0 = stage + <usize>j * col, s1 = s0 + col;
    let i = 0;
    for (; i + 16 <= rows; i += 16) {
      const a = pa + (<usize>(i >> 2) * strip), o = <usize>i << 2;
      let s00 = v128.load(s0 + o), s10 = v128.load(s0 + o, 16), s20 = v128.load(s0 + o, 32), s30 = v128.load(s0 + o, 48);
      let s01 = v128.load(s1 + o), s11 = v128.load(s1 + o, 16), s21 = v128.load(s1 + o, 32), s31 = v128.load(s1 + o, 48);
      for (let q: usize = 0, p: usize = 0; q < end; q += sb, p += 16) {
        const x0 = v128.load32_splat(b0 + q), x1 = v128.load32_splat(b1 + q);
        const a0 = v128.load(a + p), a1 = v128.load(a + strip + p);
        s00 = madd(s00, a0, x0); s01 = madd(s01, a0, x1);
        s10 = madd(s10, a1, x0); s11 = madd(s11, a1, x1);
        const a2 = v128.load(a + 2 * strip + p), a3 = v128.load(a + 3 * strip + p);
        s20 = madd(s20, a2, x0); s21 = madd(s21, a2, x1);
        s30 = madd(s30, a3, x0); s31 = madd(s31, a3, x1);
      }
      v128.store(s0 + o, s00); v128.store(s0 + o, s10, 16); v128.store(s0 + o, s20, 32); v128.store(s0 + o, s30, 48);
      v128.store(s1 + o, s01); v128.store(s1 + o, s11, 16); v128.store(s1 + o, s21, 32); v128.store(s1 + o, s31, 48);
    }
    for (; i < rows; i += 4) {
      const a = pa + (<usize>(i >> 2) * strip), o = <usize>i << 2;
      let t0 = v128.load(s0 + o), t1 = v128.load(s1 + o);
      for (let q: usize = 0, p: usize = 0; q < end; q += sb, p += 16) {
        const a0 = v128.load(a + p);
        t0 = madd(t0, a0, v128.load32_splat(b0 + q));
        t1 = madd(t1, a0, v128.load32_splat(b1 + q));
      }
      v128.store(s0 + o, t0);
      v128.store(s1 + o, t1);
    }
  }
  for (let r = 0; r < rows; r++) for (let j = 0; j < cols; j++) store<f32>(c + <usize>r * ldc + (<usize>j << 2), load<f32>(stage + <usize>j * col + (<usize>r << 2)));
}
