// Weight initialisers by Keras name, all drawn from the seeded Rng (so a seed fixes the bits).
import type { Rng } from "../core/random.js";
import type { Heap } from "../core/heap.js";
import { ModelError } from "../core/errors.js";

export type InitializerName = "glorotUniform" | "heNormal" | "randomNormal" | "randomUniform" | "zeros" | "ones";

/** A name, or a name with options as in tf.initializers (`{name: "randomNormal", stddev: 0.1}`). */
export type InitializerSpec =
  | InitializerName
  | { name: InitializerName; mean?: number; stddev?: number; minval?: number; maxval?: number };

const names: InitializerName[] = ["glorotUniform", "heNormal", "randomNormal", "randomUniform", "zeros", "ones"];

/** Throw a ModelError now (at layer construction) unless `spec` names a known initializer. */
export function checkInitializer(spec: InitializerSpec): void {
  const name = typeof spec === "string" ? spec : spec?.name;
  if (!names.includes(name)) throw new ModelError(`unknown initializer '${String(name)}'; use ${names.join(", ")}`);
}

/** Fill the fanIn×fanOut block at `ptr` as `spec` says. */
export function initialize(spec: InitializerSpec, rng: Rng, heap: Heap, ptr: number, fanIn: number, fanOut: number): void {
  const o = typeof spec === "string" ? { name: spec } : spec;
  const n = fanIn * fanOut;
  switch (o.name) {
    case "glorotUniform": {
      const limit = Math.sqrt(6 / (fanIn + fanOut)); // √ is correctly rounded in every engine
      return rng.uniform(ptr, n, -limit, limit);
    }
    case "heNormal": // Keras: truncated normal with stddev √(2 / fanIn)
      return rng.normal(ptr, n, 0, Math.sqrt(2 / fanIn) / 0.8796256610342398, true);
    case "randomNormal": // Keras' defaults: mean 0, stddev 0.05
      return rng.normal(ptr, n, o.mean ?? 0, o.stddev ?? 0.05);
    case "randomUniform": // the course's np.random.uniform(-1, 1) (seed 000) unless bounds are given
      return rng.uniform(ptr, n, o.minval ?? -1, o.maxval ?? 1);
    case "zeros":
      heap.f32.fill(0, ptr >>> 2, (ptr >>> 2) + n);
      return;
    case "ones":
      heap.f32.fill(1, ptr >>> 2, (ptr >>> 2) + n);
      return;
    default:
      checkInitializer(o as InitializerSpec);
  }
}
