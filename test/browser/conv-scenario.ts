// Issue 15's kernels in the determinism scenario: one convolution forward and input gradient by
// im2col · GEMM · col2im on seeded data (no training path uses them yet), hashed like the networks.
import { Tensor } from "../../src/index.js";
import { convGeometry, im2col, col2im } from "../../src/ops/conv.js";
import { gemm, gemmNT } from "../../src/ops/linear.js";
import type { ScenarioResult } from "./scenario.js";

/** Values in [-1, 1) on a 2^-15 grid (exact in f32) from an integer-only LCG: the same in every engine. */
const grid = (n: number, seed: number): number[] => {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), ((s >>> 16) - 32768) / 32768));
};

/**
 * x [2, 7, 6, 3], a 3×3 kernel to 4 channels, stride 2, 'same' (padTop 1, padLeft 0: asymmetric) and a 5×5 'valid'
 * stride 1 one; the bytes of col, y = col·K and dx = col2im(y·Kᵀ) for both, hashed with `hash`.
 */
export async function convScenario(hash: (bytes: Uint8Array<ArrayBuffer>) => Promise<string>): Promise<ScenarioResult> {
  const x = Tensor.from(grid(2 * 7 * 6 * 3, 0x5eed0015), 2, 7 * 6 * 3);
  const parts: Float32Array[] = [];
  for (const [k, stride, padding] of [[3, 2, "same"], [5, 1, "valid"]] as const) {
    const g = convGeometry("convScenario", [7, 6, 3], [k, k], stride, padding);
    const kernel = Tensor.from(grid(k * k * 3 * 4, 0x5eed0016 + k), k * k * 3, 4);
    const col = im2col(x, g), y = gemm(col, kernel), back = gemmNT(y, kernel), dx = col2im(back, g, Tensor.zeros(2, 7 * 6 * 3));
    parts.push(...[col, y, dx].map((t) => t.data.slice()));
    for (const t of [kernel, col, y, back, dx]) t.dispose();
  }
  x.dispose();
  const bytes = new Uint8Array(parts.reduce((s, p) => s + p.byteLength, 0));
  let at = 0;
  for (const p of parts) (bytes.set(new Uint8Array(p.buffer), at), (at += p.byteLength));
  return { name: "im2col15", sha256: await hash(bytes), weights: bytes.byteLength / 4, loss: parts[1][0] };
}
