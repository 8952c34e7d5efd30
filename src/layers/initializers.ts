// Weight initialisers by TF.js name (tf.initializers), all drawn from the seeded Rng (so a seed
// fixes the bits). Fans as TF.js' computeFans: a kernel [in, out] has fanIn = in, fanOut = out; a
// bias [n] has both √n. One deliberate difference from TF.js 4.22, where it is plainly wrong: its
// VarianceScaling 'normal' (so glorotNormal, heNormal, leCunNormal) draws a normal truncated at 2σ
// with stddev √scale, whose spread is then 0.88·√scale (variance 23% short of Glorot's or He's),
// and its 'truncatedNormal' falls into the uniform branch. Keras (≥ 2.2.3) divides the stddev by
// 0.87962566103423978, the σ of a unit normal truncated at ±2, so the variance is the scale: that
// is what is drawn here for 'normal' and 'truncatedNormal'; 'untruncatedNormal' (Keras) is plain.
import { Rng } from "../core/random.js";
import type { Heap } from "../core/heap.js";
import { ModelError } from "../core/errors.js";
import { inFullBuild } from "../core/full-build.js";

export type InitializerName =
  | "glorotUniform" | "glorotNormal" | "heNormal" | "heUniform" | "leCunNormal" | "leCunUniform" | "lecunNormal" | "lecunUniform"
  | "varianceScaling" | "truncatedNormal" | "orthogonal" | "constant" | "randomNormal" | "randomUniform" | "zeros" | "ones";

export type FanMode = "fanIn" | "fanOut" | "fanAvg";
export type Distribution = "normal" | "uniform" | "truncatedNormal" | "untruncatedNormal";

/** A name, or a name with TF.js' options (`{name: "randomNormal", stddev: 0.1}`, `{name: "varianceScaling", scale: 2}`). */
export type InitializerSpec =
  | InitializerName
  | {
      name: InitializerName;
      mean?: number; stddev?: number; minval?: number; maxval?: number; value?: number; gain?: number;
      scale?: number; mode?: FanMode; distribution?: Distribution;
      /** Draw this weight from its own generator seeded so, instead of the model's. */
      seed?: number;
    };

export type Options = Exclude<InitializerSpec, string>;

/** scale, mode and distribution of the VarianceScaling family (TF.js' subclasses). */
export type Family = [number, FanMode, Distribution];
/** An initializer outside the family: fills the n floats of a weight of `shape` at `ptr`. */
export type Fill = (o: Options, rng: Rng, heap: Heap, ptr: number, shape: readonly number[], n: number) => void;
/** A name's own check beyond RULES (constant needs a value); `rank1`: a bias. Calls `fail` with what is wrong. */
export type Check = (o: Partial<Options>, rank1: boolean, fail: (what: string) => void) => void;

// scratchnet/core's initializers (those before issue 14); src/extras/initializers.ts registers the
// others (registerInitializers), after these.
const FAMILY: Partial<Record<InitializerName, Family>> = { glorotUniform: [1, "fanAvg", "uniform"], heNormal: [2, "fanIn", "normal"] };
const fill = (value: number): Fill => (_o, _r, heap, ptr, _s, n) => heap.f32.fill(value, ptr >>> 2, (ptr >>> 2) + n);
const OTHERS: Partial<Record<InitializerName, Fill>> = {
  randomNormal: (o, rng, _h, ptr, _s, n) => rng.normal(ptr, n, o.mean ?? 0, o.stddev ?? 0.05), // TF.js' defaults: mean 0, stddev 0.05
  randomUniform: (o, rng, _h, ptr, _s, n) => rng.uniform(ptr, n, o.minval ?? -0.05, o.maxval ?? 0.05), // TF.js' and Keras' defaults
  zeros: fill(0),
  ones: fill(1),
};
const CHECKS: Partial<Record<InitializerName, Check>> = {};
const NAMES = [...Object.keys(FAMILY), ...Object.keys(OTHERS)] as InitializerName[];

const MODES: FanMode[] = ["fanIn", "fanOut", "fanAvg"];
const DISTRIBUTIONS: Distribution[] = ["normal", "uniform", "truncatedNormal", "untruncatedNormal"];
/** σ of a unit normal truncated at ±2 (Keras' VarianceScaling constant). */
export const TRUNCATED_STD = 0.87962566103423978;

/** Each option's test and what it must be; mode and distribution name their values. */
type Rule = [keyof Options, (v: never) => boolean, string];
const RULES: Rule[] = [
  ...(["mean", "minval", "maxval", "value", "gain", "seed"] as const).map((k): Rule => [k, Number.isFinite, "a finite number"]),
  ...(["scale", "stddev"] as const).map((k): Rule => [k, (v: number) => v > 0 && v < Infinity, "a positive number"]),
  ["mode", (v: FanMode) => MODES.includes(v), MODES.join(", ")],
  ["distribution", (v: Distribution) => DISTRIBUTIONS.includes(v), DISTRIBUTIONS.join(", ")],
];

/** Throw a ModelError now (at layer construction) unless `spec` is a known initializer with sound options; `rank1`: a bias. */
export function checkInitializer(spec: InitializerSpec, rank1 = false): void {
  const o: Partial<Options> = typeof spec === "string" ? { name: spec } : spec ?? {};
  const name = o.name as InitializerName, fail = (what: string) => { throw new ModelError(`initializer '${name}': ${what}`); };
  if (!NAMES.includes(name)) throw new ModelError(`unknown initializer '${String(name)}'; use ${NAMES.join(", ")}${inFullBuild()}`);
  for (const [key, ok, want] of RULES) {
    if (o[key] !== undefined && !ok(o[key] as never)) fail(`${key} must be ${want}, got ${String(o[key])}`);
  }
  CHECKS[name]?.(o, rank1, fail);
}

/** Fill the weight of `shape` ([in, out], or [n] for a bias) at `ptr` as `spec` says. */
export function initialize(spec: InitializerSpec, rng: Rng, heap: Heap, ptr: number, shape: readonly number[]): void {
  const o: Options = typeof spec === "string" ? { name: spec } : spec;
  checkInitializer(o, shape.length === 1);
  if (o.seed !== undefined) { // TF.js' per-initializer seed: its own generator, the model's left untouched
    const own = new Rng(rng.engine, o.seed);
    try {
      return initialize({ ...o, seed: undefined }, own, heap, ptr, shape);
    } finally {
      own.dispose();
    }
  }
  const n = shape.reduce((a, b) => a * b, 1), family = FAMILY[o.name];
  return family ? drawScaled(family, rng, ptr, shape, n) : OTHERS[o.name]!(o, rng, heap, ptr, shape, n);
}

/** The VarianceScaling draw: (scale, mode, distribution) over the weight's fans. */
export function drawScaled([scale, mode, distribution]: Family, rng: Rng, ptr: number, shape: readonly number[], n: number): void {
  // TF.js' computeFans: [in, out]; a conv kernel of rank 3–5 [..., in, out] (channels last) times its receptive field,
  // i.e. n / out and n / in (exact: n is their product); else √n both.
  const d = shape.length, [fanIn, fanOut] = d > 1 && d < 6 ? [n / shape[d - 1], n / shape[d - 2]] : [Math.sqrt(n), Math.sqrt(n)];
  const fan = Math.max(1, mode === "fanIn" ? fanIn : mode === "fanOut" ? fanOut : (fanIn + fanOut) / 2);
  if (distribution === "uniform") {
    // One rounding: 3/((in + out)/2) is the same double as 6/(in + out), so glorotUniform keeps its bits.
    const limit = Math.sqrt((3 * scale) / fan); // √ is correctly rounded in every engine
    return rng.uniform(ptr, n, -limit, limit);
  }
  const truncated = distribution !== "untruncatedNormal", std = Math.sqrt(scale / fan);
  return rng.normal(ptr, n, 0, truncated ? std / TRUNCATED_STD : std, truncated);
}

type Factory = (args?: Omit<Options, "name">) => Options;
const factory = (name: InitializerName): Factory => (args = {}) => ({ ...args, name });

/** TF.js' tf.initializers factories: each returns the spec a layer takes (`kernelInitializer: initializers.heNormal()`). */
export const initializers = Object.fromEntries(NAMES.map((name) => [name, factory(name)])) as Record<InitializerName, Factory>;

/** Adds initializers by name: members of the VarianceScaling family, others with their fill, and their own checks. */
export function registerInitializers(family: Partial<Record<InitializerName, Family>>, others: Partial<Record<InitializerName, Fill>>,
  checks: Partial<Record<InitializerName, Check>>): void {
  Object.assign(FAMILY, family);
  Object.assign(OTHERS, others);
  Object.assign(CHECKS, checks);
  for (const name of [...Object.keys(family), ...Object.keys(others)] as InitializerName[]) {
    NAMES.push(name);
    initializers[name] = factory(name);
  }
}
