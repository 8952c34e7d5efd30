// Oracles for assembly/random.ts: xoshiro128** (Blackman & Vigna, xoshiro128starstar.c) in u32
// arithmetic, checked against the reference C code's first outputs from state {1, 2, 3, 4}.
const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Advance the 4-word state in place and return the next 32 bits (as an unsigned number). */
export function xoshiro128ss(s: Uint32Array): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (s[1] << 9) >>> 0;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

/** Lemire's multiply-shift: floor(x · bound / 2^32). */
export const below = (x: number, bound: number) => Number((BigInt(x) * BigInt(bound)) >> 32n);

/** Fisher–Yates from the last index down, j = below(next, i + 1), as the kernel's contract says. */
export function shuffle(state: Uint32Array, values: number[]): number[] {
  const out = values.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = below(xoshiro128ss(state), i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return s / x.length;
}

/** Variance of N(0, 1) truncated to [−2, 2]: 1 − 2·2·φ(2) / (Φ(2) − Φ(−2)). */
export const TRUNCATED_VARIANCE = 1 - (4 * Math.exp(-2) / Math.sqrt(2 * Math.PI)) / 0.9544997361036416;
