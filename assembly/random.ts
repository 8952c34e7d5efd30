// Seeded randomness, the same bits on every engine: xoshiro128** (Blackman & Vigna) with its
// 16-byte state in linear memory, seeded by splitmix32. Uniform floats take the top 24 bits;
// normals use Box–Muller with Mathf.log/cos, which are AssemblyScript's own (deterministic) code.

// @ts-ignore: decorator
@inline function rotl(x: u32, k: u32): u32 {
  return (x << k) | (x >>> (32 - k));
}

/** Fill the 4-word state at `state` from a 32-bit seed (splitmix32), never all zero. */
export function rngSeed(state: usize, seed: u32): void {
  let z = seed;
  for (let i = 0; i < 4; i++) {
    z += 0x9e3779b9;
    let t = z;
    t = (t ^ (t >>> 16)) * 0x21f0aaad;
    t = (t ^ (t >>> 15)) * 0x735a2d97;
    t = t ^ (t >>> 15);
    store<u32>(state + (<usize>i << 2), t == 0 && i == 0 ? 1 : t);
  }
}

// The generator's words while a kernel draws many numbers: in globals (registers, in effect), read from
// and written back to the state once a call, not once a number.
let w0: u32 = 0, w1: u32 = 0, w2: u32 = 0, w3: u32 = 0;

/** Load the state at `state` into the working words. */
// @ts-ignore: decorator
@inline export function loadState(state: usize): void {
  w0 = load<u32>(state); w1 = load<u32>(state, 4); w2 = load<u32>(state, 8); w3 = load<u32>(state, 12);
}

/** Store the working words back to `state`. */
// @ts-ignore: decorator
@inline export function saveState(state: usize): void {
  store<u32>(state, w0); store<u32>(state, w1, 4); store<u32>(state, w2, 8); store<u32>(state, w3, 12);
}

/** The next 32 bits from the working words (xoshiro128**). */
// @ts-ignore: decorator
@inline export function nextBits(): u32 {
  const result = rotl(w1 * 5, 7) * 9;
  const t = w1 << 9;
  const n2 = w2 ^ w0, n3 = w3 ^ w1;
  w0 ^= n3;
  w1 ^= n2;
  w2 = n2 ^ t;
  w3 = rotl(n3, 11);
  return result;
}

/** Next 32 random bits. */
export function rngNext(state: usize): u32 {
  loadState(state);
  const result = nextBits();
  saveState(state);
  return result;
}

/** Uniform in [0, 1): 24 random bits, exactly representable in f32. */
// @ts-ignore: decorator
@inline export function unit(state: usize): f32 {
  return <f32>(rngNext(state) >>> 8) * (1.0 / 16777216.0);
}

/** A uniform integer in [0, bound) by multiply-shift (Lemire), bound ≥ 1. */
export function rngBelow(state: usize, bound: u32): u32 {
  return <u32>((<u64>rngNext(state) * <u64>bound) >>> 32);
}

/** out[i] ~ U[lo, hi) for i < n. */
export function fillUniform(state: usize, out: usize, n: i32, lo: f32, hi: f32): void {
  const width = hi - lo;
  for (let i = 0; i < n; i++) {
    let v = lo + width * unit(state);
    // When |lo| ≫ hi − lo the f32 sum can round up to hi (36 in 10⁶ draws for [1000, 1001)): redraw.
    while (v >= hi && width > 0) v = lo + width * unit(state);
    store<f32>(out + (<usize>i << 2), v);
  }
}

/** One standard normal by Box–Muller (the cosine branch only, so one draw costs two uniforms). */
function standardNormal(state: usize): f32 {
  const u1: f32 = 1 - unit(state); // (0, 1]: log stays finite
  const u2 = unit(state);
  return Mathf.sqrt(<f32>-2 * Mathf.log(u1)) * Mathf.cos(<f32>(2.0 * Math.PI) * u2);
}

/** out[i] ~ N(mean, std²); with `truncate` draws beyond two standard deviations are redrawn (Keras' truncatedNormal). */
export function fillNormal(state: usize, out: usize, n: i32, mean: f32, std: f32, truncate: bool): void {
  for (let i = 0; i < n; i++) {
    let z = standardNormal(state);
    while (truncate && Mathf.abs(z) > 2) z = standardNormal(state);
    store<f32>(out + (<usize>i << 2), mean + std * z);
  }
}

/** idx[i] = i for i < n (an identity permutation to shuffle). */
export function iota(idx: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<i32>(idx + (<usize>i << 2), i);
}

/** Fisher–Yates shuffle of n i32 values in place. */
export function shuffle(state: usize, idx: usize, n: i32): void {
  for (let i = n - 1; i > 0; i--) {
    const j = <i32>rngBelow(state, <u32>(i + 1));
    const pi = idx + (<usize>i << 2), pj = idx + (<usize>j << 2);
    const t = load<i32>(pi);
    store<i32>(pi, load<i32>(pj));
    store<i32>(pj, t);
  }
}

/** idx[i] uniform in [0, bound) for i < n: sampling with replacement (seed 003's random minibatches). */
export function sampleIndices(state: usize, idx: usize, n: i32, bound: i32): void {
  for (let i = 0; i < n; i++) store<i32>(idx + (<usize>i << 2), <i32>rngBelow(state, <u32>bound));
}
