// The direct convolution's kernels alone on one MNIST batch (SimpleConvNet's first layer, 100 images),
// beside the products they replace and a Dense product of the same model: CPU ms per call, best of
// 15 rounds, alternating. `tsx bench/conv-kernels.ts`
import { engine } from "../src/index.js";
import { mnist } from "./common.js";

const { heap, k } = engine(), n = 100, h = 28, w = 28, kh = 5, cout = 30, outH = 24, outW = 24, positions = n * outH * outW, patch = 25;
const data = (await mnist(n)).train;
const floats = (count: number, f: (i: number) => number) => {
  const p = heap.alloc(count * 4);
  for (let i = 0; i < count; i++) heap.f32[(p >>> 2) + i] = f(i);
  return p;
};
const x = floats(n * h * w, (i) => data.images[i] / 255), kern = floats(patch * cout, (i) => Math.sin(i) / 5), b = floats(cout, () => 0.01);
const dz = floats(positions * cout, (i) => (i % 4 ? 0 : Math.cos(i))), z = heap.alloc(positions * cout * 4);
const col = heap.alloc(positions * patch * 4);
const packed = heap.alloc((patch + 1) * 32 * 4), masks = heap.alloc(n * h * 8), dk = heap.alloc(patch * cout * 4);
const a = floats(100 * 4320, (i) => (i % 7) / 7), wd = floats(4320 * 100, (i) => Math.sin(i)), out = heap.alloc(100 * 100 * 4);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const g = [n, h, w, 1, kh, kh, 1, 1, 0, 0, outH, outW] as const;
const cases: Record<string, () => void> = {
  "im2col": () => k.im2col(x, ...g, col),
  "gemm col·K 57600×25×30": () => k.gemm(col, kern, z, positions, patch, cout, 0),
  "gemmTN colᵀ·dz 25×57600×30": () => k.gemmTN(col, dz, dk, patch, positions, cout, 0),
  "convForward (+ b, relu)": () => { k.convPackKernel(kern, b, patch, cout, packed); k.convForward(x, ...g, packed, cout, z, masks, 3); },
  "convFilterGrad": () => k.convFilterGrad(x, ...g, masks, dz, cout, packed, dk, 0, cout, 0, 0),
  "convFilterGrad (ReLU', db)": () => k.convFilterGrad(x, ...g, masks, dz, cout, packed, dk, 0, cout, z, b),
  "gemm 100×4320×100": () => k.gemm(a, wd, out, 100, 4320, 100, 0),
};
const best: Record<string, number> = {};
for (let round = 0; round < 15; round++) {
  for (const [name, f] of Object.entries(cases)) {
    const t = cpu();
    for (let r = 0; r < 5; r++) f();
    best[name] = Math.min(best[name] ?? Infinity, (cpu() - t) / 5);
  }
}
for (const [name, ms] of Object.entries(best)) console.log(`${name.padEnd(30)} ${ms.toFixed(2)} ms`);
