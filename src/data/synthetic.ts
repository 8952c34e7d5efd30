// 2-D toy sets for decision-region pictures: XOR, circles, moons, spirals and blobs, with
// Gaussian noise, all from the seeded Rng. Angles use sinCos below (basic arithmetic only), not
// Math.sin/cos, whose last bits differ between engines: a seed gives the same points everywhere.
import { DataError } from "../core/errors.js";
import { DEFAULT_SEED } from "../core/random.js";
import { withDraw, type Draw } from "./draw.js";
import { tensor2d, type Matrix2D } from "./inputs.js";

export interface Synthetic2D {
  /** n × 2 points. */
  x: Matrix2D & { data: Float32Array };
  /** n labels 0..classes-1. */
  y: Int32Array;
  classes: number;
}

export interface SyntheticArgs {
  /** Points in all (default 200). */
  n?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. */
  noise?: number;
  seed?: number;
}

const TAU = 6.283185307179586;

/** [sin t, cos t] by range reduction to [−π, π] and Taylor series to t³⁰ (error < 1e-15). */
export function sinCos(t: number): [number, number] {
  const r = t - TAU * Math.round(t / TAU);
  let s = 0, c = 0, term = 1;
  for (let k = 0; k <= 30; k++) {
    if (k % 2 === 0) c += k % 4 === 0 ? term : -term;
    else s += k % 4 === 1 ? term : -term;
    term *= r / (k + 1);
  }
  return [s, c];
}

function build(kind: string, { n = 200, noise = 0.1, seed = DEFAULT_SEED }: SyntheticArgs, classes: number, point: (i: number, draw: Draw) => [number, number, number]): Synthetic2D {
  if (!Number.isInteger(n) || n < classes) throw new DataError(`${kind}: n must be an integer ≥ ${classes}, got ${n}`);
  if (!(noise >= 0)) throw new DataError(`${kind}: noise must be ≥ 0, got ${noise}`);
  return withDraw(seed, (draw) => {
    const x = new Float32Array(n * 2), y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const [px, py, label] = point(i, draw);
      x[2 * i] = px;
      x[2 * i + 1] = py;
      y[i] = label;
    }
    const jitter = draw.normal(n * 2, 0, 1);
    for (let i = 0; i < n * 2; i++) x[i] += noise * jitter[i];
    return { x: tensor2d(x, [n, 2]) as Synthetic2D["x"], y, classes };
  });
}

/** Points uniform in [−1, 1]²; class 1 where the signs of x and y differ (XOR of x > 0, y > 0). */
export const xor = (args: SyntheticArgs = {}) =>
  build("xor", args, 2, (_, draw) => {
    const [a, b] = draw.uniform(2, -1, 1);
    return [a, b, a > 0 !== b > 0 ? 1 : 0];
  });

/** Two concentric circles: class 0 on radius 1, class 1 on radius `factor` (default 0.5). */
export const circles = (args: SyntheticArgs & { factor?: number } = {}) =>
  build("circles", args, 2, (i, draw) => {
    const [s, c] = sinCos(draw.uniform(1, 0, TAU)[0]);
    const r = i % 2 === 0 ? 1 : args.factor ?? 0.5;
    return [r * c, r * s, i % 2];
  });

/** scikit-learn's two interleaving half circles. */
export const moons = (args: SyntheticArgs = {}) =>
  build("moons", args, 2, (i, draw) => {
    const [s, c] = sinCos(draw.uniform(1, 0, TAU / 2)[0]);
    return i % 2 === 0 ? [c, s, 0] : [1 - c, 0.5 - s, 1];
  });

/** `classes` spiral arms (CS231n's set): radius grows with the angle, 1.75 turns an arm. */
export const spirals = (args: SyntheticArgs & { classes?: number } = {}) => {
  const k = args.classes ?? 3, n = args.n ?? 200;
  return build("spirals", args, k, (i) => {
    const arm = i % k, step = Math.floor(i / k), per = Math.ceil(n / k);
    const r = (step + 1) / per;
    const [s, c] = sinCos((arm * TAU) / k + r * 1.75 * TAU);
    return [r * c, r * s, arm];
  });
};

/** `classes` Gaussian blobs (default 3, noise 1) around centres uniform in [−box, box]² (default 10, as scikit-learn). */
export const blobs = (args: SyntheticArgs & { classes?: number; box?: number } = {}) => {
  const k = args.classes ?? 3, box = args.box ?? 10;
  const centres = withDraw((args.seed ?? DEFAULT_SEED) ^ 0x5eed, (draw) => draw.uniform(k * 2, -box, box));
  return build("blobs", { noise: 1, ...args }, k, (i) => [centres[2 * (i % k)], centres[2 * (i % k) + 1], i % k]);
};
