// The optimizer in TensorFlow.js' terms: trainingConfig.optimizer_config (class_name + config)
// and its state as manifest entries of group 'optimizer' — 'iter' (int32 step count), then
// Adam's `<weight>/m` for every weight and `<weight>/v` for every weight, or Momentum's
// `<weight>/momentum`. TensorFlow.js' Momentum keeps accum = μ·accum + g and steps w −= lr·accum;
// scratchnet (like Keras) keeps v = μ·v − lr·g. The file holds TensorFlow.js' accum = −v/lr
// (what tf.loadLayersModel resumes from) and then v itself as `<weight>/velocity`, because
// −v/lr rounded to float32 does not always give v's bits back; TensorFlow.js uses the first
// array per weight and ignores the rest, and a file without velocities resumes from −lr·accum.
import { SGD, Adam, type Optimizer } from "../optimizers.js";
import type { Sequential } from "../models/sequential.js";
import type { TrainingConfig, WeightSpec } from "./types.js";
import type { NamedArray } from "./weights-codec.js";
import type { Kernels } from "../core/kernels.js";

type Fail = (what: string) => never;

/** The loss as TF.js' getTrainingConfig() writes it: snake_case (meanAbsoluteError → mean_absolute_error; getLoss reads both). */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** trainingConfig as TensorFlow.js' getTrainingConfig() writes it. */
export function trainingConfigOf(model: Sequential): TrainingConfig {
  const o = model.optimizer!;
  let optimizer: TrainingConfig["optimizer_config"];
  if (o instanceof Adam) optimizer = { class_name: "Adam", config: { learningRate: o.learningRate, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon, ...exactPowers(o, model.engine!.k) } };
  else if (o instanceof SGD && o.momentum > 0) optimizer = { class_name: "Momentum", config: { learningRate: o.learningRate, momentum: o.momentum, useNesterov: false } };
  else optimizer = { class_name: "SGD", config: { learningRate: o.learningRate } };
  return { loss: snake(model.loss!.name), metrics: [...model.metrics], optimizer_config: optimizer };
}

/**
 * TensorFlow.js does not save Adam's β^t: its setWeights() recomputes them with pow, a few ulps
 * from the product an unbroken run has. When they differ, the file carries them in the config
 * (which TensorFlow.js's fromConfig ignores), so scratchnet resumes its own runs bit for bit.
 */
function exactPowers(o: Adam, k: Kernels): { accBeta1?: number; accBeta2?: number } {
  const t = o.iterations + 1;
  return o.accBeta1 === k.adamBetaPower(o.beta1, t) && o.accBeta2 === k.adamBetaPower(o.beta2, t) ? {} : { accBeta1: o.accBeta1, accBeta2: o.accBeta2 };
}

/** The optimizer a trainingConfig names (camelCase keys as TensorFlow.js writes, or Keras' snake_case). */
export function optimizerFromConfig(config: unknown, fail: Fail): Optimizer {
  const o = config as { class_name?: unknown; config?: Record<string, unknown> } | null;
  const c = o?.config ?? {};
  const num = (camel: string, snake: string) => (c[camel] ?? c[snake]) as number | undefined;
  const learningRate = num("learningRate", "learning_rate");
  const cls = o?.class_name;
  if (cls !== "Adam" && cls !== "SGD" && cls !== "Momentum") {
    return fail(`optimizer ${JSON.stringify(cls)} is not one scratchnet has (SGD, Momentum, Adam); load with {compile: false} and compile it yourself`);
  }
  if (c.useNesterov === true || c.nesterov === true) return fail("the optimizer uses Nesterov momentum, which scratchnet does not have; load with {compile: false} and compile with new SGD({momentum})");
  try {
    return cls === "Adam"
      ? new Adam({ learningRate, beta1: num("beta1", "beta_1"), beta2: num("beta2", "beta_2"), epsilon: num("epsilon", "epsilon") })
      : new SGD({ learningRate, momentum: num("momentum", "momentum") ?? 0 });
  } catch (e) {
    return fail(`trainingConfig.optimizer_config: ${(e as Error).message}`);
  }
}

/** The optimizer's state as manifest entries and arrays, in TensorFlow.js' order and names. */
export function optimizerWeights(model: Sequential): NamedArray[] {
  const o = model.optimizer!, params = model.params(), f32 = model.engine!.heap.f32;
  const spec = (name: string, shape: number[], dtype: WeightSpec["dtype"] = "float32"): WeightSpec => ({ name, shape, dtype, group: "optimizer" });
  const out: NamedArray[] = [{ spec: spec("iter", [], "int32"), data: Int32Array.of(o.iterations) }];
  const buffers = o.stateBuffers();
  const momentum = !(o instanceof Adam) && buffers.length > 0;
  const lr = Math.fround(o.learningRate);
  const arrays = momentum ? [...buffers, ...buffers] : buffers; // accum for TensorFlow.js, then v
  arrays.forEach((b, i) => {
    const p = params[i % params.length], half = Math.floor(i / params.length);
    const data = f32.slice(b.ptr >>> 2, (b.ptr >>> 2) + b.size);
    if (momentum && half === 0) for (let j = 0; j < data.length; j++) data[j] = Math.fround(-data[j] / lr);
    out.push({ spec: spec(`${p.name}/${(momentum ? ["momentum", "velocity"] : ["m", "v"])[half]}`, p.shape), data });
  });
  return out;
}

/**
 * Check stored optimizer state against the compiled model's buffers, then write it. TensorFlow.js
 * creates state lazily, so a file with only 'iter' (never trained) means zeros.
 */
export function restoreOptimizerState(model: Sequential, stored: NamedArray[], fail: Fail, config?: Record<string, unknown>): void {
  const o = model.optimizer!, params = model.params(), buffers = o.stateBuffers();
  const iter = stored.find((s) => s.spec.name === "iter");
  const momentum = o instanceof SGD && o.momentum > 0;
  let arrays = stored.filter((s) => s !== iter);
  const exact = momentum && arrays.length === 2 * buffers.length && arrays.slice(buffers.length).every((s) => s.spec.name.endsWith("/velocity"));
  if (exact) arrays = arrays.slice(buffers.length); // v itself, bit-exact
  if (arrays.length !== 0 && arrays.length !== buffers.length) {
    return fail(`the optimizer state has ${arrays.length} arrays but ${o.name}${o instanceof SGD ? ` (momentum ${o.momentum})` : ""} over ${params.length} weights keeps ${buffers.length}`);
  }
  arrays.forEach((s, i) => {
    if (s.data.length !== buffers[i].size || !(s.data instanceof Float32Array)) {
      fail(`optimizer state ${s.spec.name} has shape [${s.spec.shape}] but ${params[i % params.length].name} has shape [${params[i % params.length].shape}]`);
    }
  });
  const iterations = iter ? iter.data[0] : 0;
  if (!(Number.isInteger(iterations) && iterations >= 0)) return fail(`the optimizer's step count 'iter' is ${iterations}; it must be an integer ≥ 0`);
  const f32 = model.engine!.heap.f32, lr = Math.fround(o.learningRate), fromAccum = momentum && !exact;
  buffers.forEach((b, i) => {
    const src = arrays[i]?.data;
    for (let j = 0; j < b.size; j++) f32[(b.ptr >>> 2) + j] = src === undefined ? 0 : fromAccum ? Math.fround(-src[j] * lr) : src[j];
  });
  o.iterations = iterations;
  if (o instanceof Adam) {
    const powers = [config?.accBeta1, config?.accBeta2];
    const given = powers.every((p) => typeof p === "number" && p >= 0 && p < 1) ? (powers as [number, number]) : undefined;
    if (!given && powers.some((p) => p !== undefined)) return fail(`Adam's accBeta1/accBeta2 must be numbers in [0, 1), got ${powers.join(", ")}`);
    o.resume(iterations, given);
  }
}
