// Initializers in model.json as TF.js' serializeInitializer writes them ({class_name, config},
// snake_case values: the VarianceScaling family as 'VarianceScaling' with scale, mode 'fan_in',
// distribution 'normal'), and read back from TF.js' and Keras' files (Keras also writes the family
// under its own class names: 'HeNormal', 'GlorotUniform', … with only a seed).
import type { Distribution, FanMode, InitializerName, InitializerSpec } from "../layers/initializers.js";

type Fail = (what: string) => never;
type Options = Exclude<InitializerSpec, string>;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** TF.js' subclasses of VarianceScaling: [scale, mode, distribution] as it serializes them. */
const FAMILY: Record<string, [number, string, string]> = {
  glorotUniform: [1, "fan_avg", "uniform"], glorotNormal: [1, "fan_avg", "normal"],
  heNormal: [2, "fan_in", "normal"], heUniform: [2, "fan_in", "uniform"],
  leCunNormal: [1, "fan_in", "normal"], leCunUniform: [1, "fan_in", "uniform"],
  lecunNormal: [1, "fan_in", "normal"], lecunUniform: [1, "fan_in", "uniform"],
};

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** `spec` (or `fallback`) as TF.js' model.json writes an initializer. */
export function initializerJson(spec: InitializerSpec | undefined, fallback: InitializerSpec): object {
  const given = spec ?? fallback;
  const o: Options = typeof given === "string" ? { name: given } : given;
  const seed = o.seed ?? null, family = FAMILY[o.name];
  if (family) return { class_name: "VarianceScaling", config: { scale: family[0], mode: family[1], distribution: family[2], seed } };
  switch (o.name) {
    case "varianceScaling": {
      const config = { scale: o.scale ?? 1, mode: snake(o.mode ?? "fanIn"), distribution: snake(o.distribution ?? "normal"), seed };
      return { class_name: "VarianceScaling", config };
    }
    case "truncatedNormal": return { class_name: "TruncatedNormal", config: { mean: o.mean ?? 0, stddev: o.stddev ?? 0.05, seed } };
    case "randomNormal": return { class_name: "RandomNormal", config: { mean: o.mean ?? 0, stddev: o.stddev ?? 0.05, seed } };
    case "randomUniform": return { class_name: "RandomUniform", config: { minval: o.minval ?? -0.05, maxval: o.maxval ?? 0.05, seed } };
    case "orthogonal": return { class_name: "Orthogonal", config: { gain: o.gain ?? 1, seed } };
    case "constant": return { class_name: "Constant", config: { value: o.value } };
    default: return { class_name: o.name === "ones" ? "Ones" : "Zeros", config: {} };
  }
}

/** Keras' class names for the family, and the plain ones, → scratchnet's names. */
const CLASSES: Record<string, InitializerName> = {
  GlorotUniform: "glorotUniform", GlorotNormal: "glorotNormal", HeNormal: "heNormal", HeUniform: "heUniform",
  LecunNormal: "leCunNormal", LecunUniform: "leCunUniform", LeCunNormal: "leCunNormal", LeCunUniform: "leCunUniform",
  TruncatedNormal: "truncatedNormal", RandomNormal: "randomNormal", RandomUniform: "randomUniform",
  Orthogonal: "orthogonal", Constant: "constant", Zeros: "zeros", Ones: "ones", VarianceScaling: "varianceScaling",
};
const KEYS = ["mean", "stddev", "minval", "maxval", "value", "gain", "scale", "seed"] as const;

/** An initializer from model.json (null or absent: undefined, the layer's default); anything unknown fails by name. */
export function readInitializer(json: unknown, where: string, fail: Fail): InitializerSpec | undefined {
  if (json === null || json === undefined) return undefined;
  const cls = isObject(json) ? json.class_name : json, config = isObject(json) && isObject(json.config) ? json.config : {};
  const name = typeof cls === "string" ? (Object.hasOwn(CLASSES, cls) ? CLASSES[cls] : undefined) : undefined;
  if (!name) {
    const known = Object.keys(CLASSES).join(", ");
    const fix = "the weights come from the file, so null in its place loads the model";
    return fail(`${where} ${JSON.stringify(cls)} is not one scratchnet has (${known}); ${fix}`);
  }
  const spec: Record<string, unknown> = { name };
  for (const key of KEYS) if (typeof config[key] === "number") spec[key] = config[key];
  if (typeof config.mode === "string") spec.mode = camel(config.mode) as FanMode;
  if (typeof config.distribution === "string") spec.distribution = camel(config.distribution) as Distribution;
  return spec as Options;
}
