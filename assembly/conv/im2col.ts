// im2col / col2im for channels-last images (TF.js' NHWC): a convolution becomes one GEMM,
// col [n·outH·outW, kh·kw·c] · kernel [kh·kw·c, cout] (TF.js' [kh, kw, cin, cout] flattened).
// Row = one output position; columns ordered (ki, kj, channel), so each kernel tap is a run of
// c contiguous floats in both x and col, and a window row (kw taps) is kw·c: one walk serves both directions.

/**
 * The shared walk: for every output position and window row ki, the kw·c floats at x[b, iy, x0 :, :]
 * and at col[row, ki·kw·c :]. Forward copies x → col (zeros where a tap is in the padding);
 * backward adds col → x (padding taps are dropped: they have no input).
 */
function walk(x: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, strideH: i32, strideW: i32, padTop: i32, padLeft: i32,
  outH: i32, outW: i32, col: usize, backward: bool): void {
  const run = <usize>c << 2, row = <usize>kw * run;
  let p = col;
  for (let b = 0; b < n; b++) {
    const xb = x + <usize>b * <usize>h * <usize>w * run;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        // The window's kj taps that fall inside the image, j0 ≤ kj < j1: one contiguous run per ki.
        const x0 = ox * strideW - padLeft, j0 = min(kw, max(0, -x0)), j1 = min(kw, w - x0);
        const lo = <usize>j0 * run, hi = <usize>max(j0, j1) * run;
        for (let ki = 0; ki < kh; ki++, p += row) {
          const iy = oy * strideH - padTop + ki;
          const q = xb + (<usize>iy * <usize>w + <usize>x0) * run; // x[b, iy, x0, 0]; read only from lo to hi
          if (!backward) {
            if (<u32>iy >= <u32>h) { memory.fill(p, 0, row); continue; }
            memory.fill(p, 0, lo);
            memory.copy(p + lo, q + lo, hi - lo);
            memory.fill(p + hi, 0, row - hi);
          } else if (<u32>iy < <u32>h) {
            for (let i = lo; i < hi; i += 4) store<f32>(q + i, load<f32>(q + i) + load<f32>(p + i));
          }
        }
      }
    }
  }
}

/** col [n·outH·outW, kh·kw·c] = the windows of x [n, h, w, c]; zeros where a window meets the padding. */
export function im2col(x: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, strideH: i32, strideW: i32, padTop: i32,
  padLeft: i32, outH: i32, outW: i32, col: usize): void {
  walk(x, n, h, w, c, kh, kw, strideH, strideW, padTop, padLeft, outH, outW, col, false);
}

/**
 * The adjoint: dx [n, h, w, c] += each entry of col back at the input it came from. The kernel
 * zeroes dx first unless `accumulate` ≠ 0 (then it adds to what dx holds).
 */
export function col2im(col: usize, n: i32, h: i32, w: i32, c: i32, kh: i32, kw: i32, strideH: i32, strideW: i32, padTop: i32,
  padLeft: i32, outH: i32, outW: i32, dx: usize, accumulate: i32): void {
  if (accumulate == 0) memory.fill(dx, 0, <usize>n * <usize>h * <usize>w * (<usize>c << 2));
  walk(dx, n, h, w, c, kh, kw, strideH, strideW, padTop, padLeft, outH, outW, col, true);
}
