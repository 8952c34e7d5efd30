// Softmax by row (seed 003):  x = x − max(x);  y = exp(x) / Σ exp(x)   ("오버플로 대책")
// Backward for a general upstream dy:  dz_i = a_i · (dy_i − Σ_j dy_j · a_j).
// (With cross-entropy the fused (a − y)/m in losses/categorical-ce.ts is used instead.)
// exp runs four lanes at a time (math/exp.ts); the sum still adds the row's terms in column order.
import { at2 } from "./f32";
import { exp4, expf } from "./math/exp";

/** out[r, :] = softmax(x[r, :]); `out` may be `x`. */
export function softmax(x: usize, out: usize, rows: i32, cols: i32): void {
  const c4 = cols & ~3;
  for (let r = 0; r < rows; r++) {
    let max = load<f32>(at2(x, r, 0, cols));
    for (let c = 1; c < cols; c++) max = Mathf.max(max, load<f32>(at2(x, r, c, cols)));
    const m4 = f32x4.splat(max);
    let sum: f32 = 0;
    for (let c = 0; c < c4; c += 4) {
      const e = exp4(f32x4.sub(v128.load(at2(x, r, c, cols)), m4));
      v128.store(at2(out, r, c, cols), e);
      sum += f32x4.extract_lane(e, 0); sum += f32x4.extract_lane(e, 1);
      sum += f32x4.extract_lane(e, 2); sum += f32x4.extract_lane(e, 3);
    }
    for (let c = c4; c < cols; c++) {
      const e = expf(load<f32>(at2(x, r, c, cols)) - max);
      store<f32>(at2(out, r, c, cols), e);
      sum += e;
    }
    const s4 = f32x4.splat(sum);
    for (let c = 0; c < c4; c += 4) v128.store(at2(out, r, c, cols), f32x4.div(v128.load(at2(out, r, c, cols)), s4));
    for (let c = c4; c < cols; c++) store<f32>(at2(out, r, c, cols), load<f32>(at2(out, r, c, cols)) / sum);
  }
}

/** dz[r, i] = a[r, i] · (dy[r, i] − Σ_j dy[r, j] · a[r, j]). */
export function softmaxBackward(a: usize, dy: usize, dz: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    let dot: f32 = 0;
    for (let c = 0; c < cols; c++) dot += load<f32>(at2(dy, r, c, cols)) * load<f32>(at2(a, r, c, cols));
    for (let c = 0; c < cols; c++) {
      store<f32>(at2(dz, r, c, cols), load<f32>(at2(a, r, c, cols)) * (load<f32>(at2(dy, r, c, cols)) - dot));
    }
  }
}
