// The optimizer in TensorFlow.js' terms: trainingConfig.optimizer_config (class_name + config)
// and its state as manifest entries of group 'optimizer' — 'iter' (int32 step count), then
// each slot's `<weight>/<slot>` for every weight, slot after slot (Adam's m then v; RMSProp's rms,
// momentum, mg; Adagrad's accumulator; Adadelta's accum_grad, accum_var), or Momentum's `<weight>/momentum`.
// TensorFlow.js' Momentum keeps accum = μ·accum + g and steps w −= lr·accum;
// scratchnet (like Keras) keeps v = μ·v − lr·g. The file holds TensorFlow.js' accum = −v/lr
// (what tf.loadLayersModel resumes from) and then v itself as `<weight>/velocity`, because
// −v/lr rounded to float32 does not always give v's bits back; TensorFlow.js uses the first
// array per weight and ignores the rest, and a file without velocities resumes from −lr·accum.
import { SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, type Optimizer } from "../optimizers.js";
import { scheduleFromConfig } from "../optimizers/schedules.js";
import type { Rate } from "../optimizers/optimizer.js";
import type { Sequential } from "../models/sequential.js";
import type { TrainingConfig, WeightSpec } from "./types.js";
import type { NamedArray } from "./weights-codec.js";
import type { Kernels } from "../core/kernels.js";

type Fail = (what: string) => never;

/** The loss as TF.js' getTrainingConfig() writes it: snake_case (meanAbsoluteError → mean_absolute_error; getLoss reads both). */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * trainingConfig as TensorFlow.js' getTrainingConfig() writes it: class_name and getConfig() (the
 * current learningRate). A schedule goes beside it as `learningRateSchedule` (Keras's class_name and
 * config), which TensorFlow.js's fromConfig ignores: it resumes at the current rate, scratchnet on the schedule.
 */
export function trainingConfigOf(model: Sequential): TrainingConfig {
  const o = model.optimizer!, k = model.engine!.k;
  o.refreshRate();
  const powers = o instanceof Adam ? exactPowers(o, k) : o instanceof Adamax ? exactPower(o, k) : {};
  const config: Record<string, unknown> = { ...o.getConfig(), ...powers };
  if (o.schedule) config.learningRateSchedule = { class_name: o.schedule.className, config: o.schedule.getConfig() };
  // TensorFlow.js 4.22 has no AdamW and refuses the whole file over an unknown class: AdamW is written as
  // Adam with its weightDecay beside, which TensorFlow.js's fromConfig ignores (it resumes as Adam) and scratchnet reads back.
  const className = o.className === "AdamW" ? "Adam" : o.className;
  const optimizer = { class_name: className, config } as TrainingConfig["optimizer_config"];
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

/** Adamax's β1^t likewise (TensorFlow.js 4.22 cannot save Adamax's state at all: its getWeights() throws). */
function exactPower(o: Adamax, k: Kernels): { accBeta1?: number } {
  return o.accBeta1 === k.adamBetaPower(o.beta1, o.iterations + 1) ? {} : { accBeta1: o.accBeta1 };
}

type Num = (camel: string, snake?: string) => number | undefined;
const betas = (num: Num) => ({ beta1: num("beta1", "beta_1"), beta2: num("beta2", "beta_2"), epsilon: num("epsilon") });
/** Each class_name TensorFlow.js (or Keras) writes, and the optimizer its config makes. */
const FROM_CONFIG: Record<string, (learningRate: Rate | undefined, num: Num, c: Record<string, unknown>) => Optimizer> = {
  SGD: (learningRate) => new SGD({ learningRate }),
  Momentum: (learningRate, num, c) =>
    new SGD({ learningRate, momentum: num("momentum") ?? 0, nesterov: c.useNesterov === true || c.nesterov === true }),
  Adam: (learningRate, num, c) =>
    (c.weightDecay !== undefined ? FROM_CONFIG.AdamW(learningRate, num, c) : new Adam({ learningRate, ...betas(num) })),
  AdamW: (learningRate, num) => new AdamW({ learningRate, ...betas(num), weightDecay: num("weightDecay", "weight_decay") }),
  RMSProp: (learningRate, num, c) => new RMSprop({
    learningRate, decay: num("decay", "rho"), momentum: num("momentum"), epsilon: num("epsilon"), centered: c.centered === true,
  }),
  Adagrad: (learningRate, num) =>
    new Adagrad({ learningRate, initialAccumulatorValue: num("initialAccumulatorValue", "initial_accumulator_value") }),
  Adadelta: (learningRate, num) => new Adadelta({ learningRate, rho: num("rho"), epsilon: num("epsilon") }),
  Adamax: (learningRate, num) => new Adamax({ learningRate, ...betas(num), decay: num("decay") }),
};
FROM_CONFIG.RMSprop = FROM_CONFIG.RMSProp; // Keras's spelling

/** The optimizer a trainingConfig names (camelCase keys as TensorFlow.js writes, or Keras' snake_case). */
export function optimizerFromConfig(config: unknown, fail: Fail): Optimizer {
  const o = config as { class_name?: unknown; config?: Record<string, unknown> } | null;
  const c = o?.config ?? {};
  const num: Num = (camel, snake = camel) => (c[camel] ?? c[snake]) as number | undefined;
  const cls = o?.class_name;
  const make = typeof cls === "string" && Object.hasOwn(FROM_CONFIG, cls) ? FROM_CONFIG[cls] : undefined;
  const known = Object.keys(FROM_CONFIG).join(", ");
  if (!make) {
    return fail(`optimizer ${JSON.stringify(cls)} is not one scratchnet has (${known}); `
      + "load with {compile: false} and compile it yourself");
  }
  try {
    // A schedule: ours beside learningRate, or Keras's in learning_rate itself.
    const spec = c.learningRateSchedule ?? (typeof c.learning_rate === "object" ? c.learning_rate : undefined);
    return make(spec ? scheduleFromConfig(spec as Record<string, never>) : num("learningRate", "learning_rate"), num, c);
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
  const momentum = o instanceof SGD && buffers.length > 0;
  const lr = Math.fround(o.learningRate);
  const arrays = momentum ? [...buffers, ...buffers] : buffers; // accum for TensorFlow.js, then v
  arrays.forEach((b, i) => {
    const p = params[i % params.length], half = Math.floor(i / params.length);
    const data = f32.slice(b.ptr >>> 2, (b.ptr >>> 2) + b.size);
    if (momentum && half === 0) for (let j = 0; j < data.length; j++) data[j] = Math.fround(-data[j] / lr);
    out.push({ spec: spec(`${p.name}/${(momentum ? ["momentum", "velocity"] : o.slots)[half]}`, p.shape), data });
  });
  return out;
}

/**
 * Check stored optimizer state against the compiled model's buffers, then write it. TensorFlow.js
 * creates state lazily, so a file with only 'iter' (never trained) means the start values.
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
  const slots = momentum ? ["momentum"] : o.slots;
  arrays.forEach((s, i) => {
    const slot = slots[Math.floor(i / params.length)];
    if (!s.spec.name.endsWith(`/${slot}`) && !(exact && s.spec.name.endsWith("/velocity"))) {
      const keeps = slots.map((x) => `'${x}'`).join(", ");
      fail(`optimizer state ${s.spec.name} is not ${o.className}'s '${slot}' (${o.className} keeps ${keeps} per weight); `
        + "was the file saved with another optimizer?");
    }
    if (s.data.length !== buffers[i].size || !(s.data instanceof Float32Array)) {
      fail(`optimizer state ${s.spec.name} has shape [${s.spec.shape}] but ${params[i % params.length].name} has shape [${params[i % params.length].shape}]`);
    }
  });
  const iterations = iter ? iter.data[0] : 0;
  if (!(Number.isInteger(iterations) && iterations >= 0)) return fail(`the optimizer's step count 'iter' is ${iterations}; it must be an integer ≥ 0`);
  const f32 = model.engine!.heap.f32, lr = Math.fround(o.learningRate), fromAccum = momentum && !exact;
  buffers.forEach((b, i) => {
    const src = arrays[i]?.data;
    for (let j = 0; j < b.size; j++) {
      f32[(b.ptr >>> 2) + j] = src === undefined ? o.initialState : fromAccum ? Math.fround(-src[j] * lr) : src[j];
    }
  });
  o.iterations = iterations;
  if (o instanceof Adam) {
    const powers = [config?.accBeta1, config?.accBeta2];
    const given = powers.every((p) => typeof p === "number" && p >= 0 && p < 1) ? (powers as [number, number]) : undefined;
    if (!given && powers.some((p) => p !== undefined)) return fail(`Adam's accBeta1/accBeta2 must be numbers in [0, 1), got ${powers.join(", ")}`);
    o.resume(iterations, given);
  } else if (o instanceof Adamax) {
    const p = config?.accBeta1;
    if (p !== undefined && !(typeof p === "number" && p >= 0 && p < 1)) {
      return fail(`Adamax's accBeta1 must be a number in [0, 1), got ${String(p)}`);
    }
    o.resume(iterations, p);
  }
  o.refreshRate();
}
