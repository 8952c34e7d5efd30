// Oracles for assembly/dropout.ts, from the generator's words (reference/random.ts).
import { xoshiro128ss } from "./random.js";

/** tf.dropout's multiplier floor(u + keep) / keep, u the generator's 24-bit uniform, in f32 as TF.js' ops compute it. */
export function dropoutMask(state: Uint32Array, n: number, rate: number): number[] {
  const f = Math.fround, keep = f(1 - rate), scale = f(1 / keep);
  return Array.from({ length: n }, () => (f((xoshiro128ss(state) >>> 8) / 16777216 + keep) >= 1 ? scale : 0));
}

/** outer × 1 × inner values repeated d times along the middle axis. */
export function repeatAxis(values: number[], outer: number, d: number, inner: number): number[] {
  const out: number[] = [];
  for (let o = 0; o < outer; o++) for (let j = 0; j < d; j++) out.push(...values.slice(o * inner, (o + 1) * inner));
  return out;
}
