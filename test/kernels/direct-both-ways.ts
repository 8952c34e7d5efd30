// Shared by test/kernels/conv-direct.test.ts and test/parallel/conv-direct.test.ts: one geometry's
// convolution products by im2col + GEMM and by the direct kernels (assembly/conv/direct.ts), as bits.
import type { Engine } from "../../src/index.js";
import { convGeometry, type ConvGeometry } from "../../src/ops/conv.js";
import { seededValues } from "../helpers.js";

export type DirectCase = [n: number, h: number, w: number, c: number, k: number, stride: number, padding: "valid" | "same", cout: number];

/**
 * x with about 70% zeros (some −0) and the geometry's products both ways, as bits: [reference, direct]
 * for z, dK, relu(z + b), and dK and db from dL/da through that ReLU.
 */
export function bothWays(e: Engine, [n, h, w, c, k, stride, padding, cout]: DirectCase, seed: number, split = false): Uint32Array[][] {
  const g: ConvGeometry = convGeometry("test", [h, w, c], [k, k], stride, padding), { heap, k: K } = e;
  const positions = n * g.outH * g.outW, patch = k * k * c, packedCols = K.convPackedColumns(cout);
  const xs = seededValues(n * h * w * c, -2, 2, seed).map((v, i) => (Math.abs(v) < 1.4 ? (i % 3 ? 0 : -0) : v));
  const floats = (values: number[]) => {
    const p = heap.alloc(values.length * 4);
    heap.f32.set(values, p >>> 2);
    return p;
  };
  const x = floats(xs), kernel = floats(seededValues(patch * cout, -1, 1, seed + 1));
  const dz = floats(seededValues(positions * cout, -1, 1, seed + 2));
  const col = heap.alloc(positions * patch * 4), zRef = heap.alloc(positions * cout * 4), z = heap.alloc(positions * cout * 4);
  const dkRef = heap.alloc(patch * cout * 4), dk = heap.alloc(patch * cout * 4), packed = heap.alloc((patch + 1) * packedCols * 4);
  const masks = heap.alloc(n * h * 8), geometry = [n, h, w, c, k, k, stride, stride, g.padTop, g.padLeft, g.outH, g.outW] as const;
  K.im2col(x, ...geometry, col);
  K.gemm(col, kernel, zRef, positions, patch, cout, 0);
  K.gemmTN(col, dz, dkRef, patch, positions, cout, 0);
  K.convPackKernel(kernel, 0, patch, cout, packed);
  K.convForward(x, ...geometry, packed, cout, z, masks, 0);
  const filterGrad = (y: number, db: number) => {
    const step = split ? 16 : cout;
    for (let f = 0; f < cout; f += step) K.convFilterGrad(x, ...geometry, masks, dz, cout, packed, dk, f, Math.min(cout, f + step), y, db);
  };
  filterGrad(0, 0);
  const bits = (p: number, count: number) => new Uint32Array(heap.f32.buffer, p, count).slice();
  const out = [[bits(zRef, positions * cout), bits(z, positions * cout)], [bits(dkRef, patch * cout), bits(dk, patch * cout)]];
  // + b and ReLU in convForward's stores, against addRowVector and relu after the GEMM
  const b = floats(seededValues(cout, -0.5, 0.5, seed + 3));
  K.addRowVector(zRef, b, zRef, positions, cout);
  K.relu(zRef, zRef, positions * cout);
  K.convPackKernel(kernel, b, patch, cout, packed);
  K.convForward(x, ...geometry, packed, cout, z, masks, 3);
  out.push([bits(zRef, positions * cout), bits(z, positions * cout)]);
  // ReLU's f' and db inside convFilterGrad (y = that output), against activationBiasBackward, then gemmTN
  const db = heap.alloc(cout * 4), dbRef = heap.alloc(cout * 4), relu = (K as unknown as Record<string, WebAssembly.Global>).reluKind.value;
  filterGrad(zRef, db);
  K.activationBiasBackward(zRef, dz, dz, dbRef, positions, cout, relu);
  K.gemmTN(col, dz, dkRef, patch, positions, cout, 0);
  out.push([bits(dkRef, patch * cout), bits(dk, patch * cout)], [bits(dbRef, cout), bits(db, cout)]);
  for (const p of [masks, packed, dk, dkRef, z, zRef, col, dz, kernel, x, b, db, dbRef].reverse()) heap.release(p);
  return out;
}
