// Shared driver of the optimizer kernel tests: `steps` kernel steps on seeded weights and gradients
// beside the f64 reference's, from the same state; returns the worst |Δ| of the weights and of each slot.
import { tensorOf, seededValues, maxAbsDiff } from "../helpers.js";

type Ref = (w: number[], g: number[], slots: number[][], t: number) => { w: number[]; slots: number[][] };
type Kernel = (w: number, dw: number, slots: number[], n: number, t: number) => void;

export function stepsAgainstReference(n: number, steps: number, slotStarts: number[], kernel: Kernel, ref: Ref, gradScale = 1) {
  let ws = seededValues(n, -1, 1, n), slots = slotStarts.map((s) => new Array<number>(n).fill(s));
  const w = tensorOf(ws, 1, n), dw = tensorOf(ws, 1, n), bufs = slots.map((s) => tensorOf(s, 1, n));
  for (let t = 1; t <= steps; t++) {
    const gs = seededValues(n, -gradScale, gradScale, 10 * n + t);
    dw.data.set(gs);
    kernel(w.ptr, dw.ptr, bufs.map((b) => b.ptr), n, t);
    ({ w: ws, slots } = ref(ws, gs, slots, t));
  }
  return { w: maxAbsDiff(w.data, ws), slots: bufs.map((b, i) => maxAbsDiff(b.data, slots[i])), finalW: Array.from(w.data) };
}
