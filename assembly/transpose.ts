// Transpose: out (cols×rows) = xᵀ for a row-major x (rows×cols). `out` must not overlap `x`.
import { at2 } from "./f32";

export function transpose(x: usize, out: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) store<f32>(at2(out, c, r, rows), load<f32>(at2(x, r, c, cols)));
  }
}
