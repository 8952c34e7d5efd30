// Keras's learning-rate schedules (keras.optimizers.schedules; TensorFlow.js has none): the rate
// for the update after `step` updates, in float32 op by op as Keras computes it, pow and cos in
// WASM (assembly/optim/schedule.ts). Their config is Keras's (snake_case), saved with the optimizer.
import type { Kernels } from "../core/kernels.js";
import { ModelError } from "../core/errors.js";
import { positive } from "./checks.js";

const f = Math.fround;

/** A learning rate that depends on the step count; pass one as an optimizer's `learningRate`. */
export abstract class LearningRateSchedule {
  /** Keras's class name, written as `class_name` with the config. */
  abstract readonly className: string;
  /** The rate for the update taken after `step` updates (Keras calls it with optimizer.iterations). */
  abstract at(step: number, k: Kernels): number;
  /** The rate at step 0, shown as the optimizer's learningRate before compile() (no kernels yet). */
  abstract readonly first: number;
  /** Keras's get_config(): snake_case keys. */
  abstract getConfig(): Record<string, unknown>;
}

/** initialLearningRate · decayRate^(step / decaySteps), the exponent floored when `staircase`. */
export class ExponentialDecay extends LearningRateSchedule {
  readonly className = "ExponentialDecay";
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  get first() { return this.initialLearningRate; }

  constructor(args: { initialLearningRate: number; decaySteps: number; decayRate: number; staircase?: boolean }) {
    super();
    this.initialLearningRate = positive("exponentialDecay", "initialLearningRate", args?.initialLearningRate, 0.01);
    this.decaySteps = positive("exponentialDecay", "decaySteps", args.decaySteps, 1000);
    this.decayRate = positive("exponentialDecay", "decayRate", args.decayRate, 0.96);
    this.staircase = args.staircase ?? false;
  }

  at(step: number, k: Kernels): number {
    const p = f(f(step) / f(this.decaySteps));
    return f(f(this.initialLearningRate) * k.schedulePow(this.decayRate, this.staircase ? Math.floor(p) : p));
  }

  getConfig() {
    const { initialLearningRate, decaySteps, decayRate, staircase } = this;
    return {
      initial_learning_rate: initialLearningRate, decay_steps: decaySteps, decay_rate: decayRate, staircase, name: "ExponentialDecay",
    };
  }
}

/** Linear warmup to warmupTarget over warmupSteps (when given), then cosine decay to alpha × its start over decaySteps. */
export class CosineDecay extends LearningRateSchedule {
  readonly className = "CosineDecay";
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;
  get first() { return this.initialLearningRate; }

  constructor(args: {
    initialLearningRate: number; decaySteps: number; alpha?: number; warmupTarget?: number | null; warmupSteps?: number;
  }) {
    super();
    this.initialLearningRate = positive("cosineDecay", "initialLearningRate", args?.initialLearningRate, 0.01);
    this.decaySteps = positive("cosineDecay", "decaySteps", args.decaySteps, 1000);
    this.alpha = args.alpha ?? 0;
    this.warmupTarget = args.warmupTarget ?? null;
    this.warmupSteps = args.warmupSteps ?? 0;
    if (!(this.alpha >= 0 && this.alpha <= 1)) throw new ModelError(`cosineDecay: alpha must be in [0, 1], got ${this.alpha}`);
    if (this.warmupTarget !== null) positive("cosineDecay", "warmupTarget", this.warmupTarget, 0.1);
    if (!(Number.isInteger(this.warmupSteps) && this.warmupSteps >= 0)) {
      throw new ModelError(`cosineDecay: warmupSteps must be an integer ≥ 0, got ${this.warmupSteps}`);
    }
    if (this.warmupSteps > 0 && this.warmupTarget === null) {
      throw new ModelError("cosineDecay: warmupSteps needs warmupTarget (the rate the warmup reaches)");
    }
  }

  at(step: number, k: Kernels): number {
    const lr0 = f(this.initialLearningRate), decay = f(this.decaySteps);
    if (this.warmupTarget === null) return this.decay(Math.min(f(step), decay), lr0, k);
    const target = f(this.warmupTarget), warm = f(this.warmupSteps), s = Math.min(f(step), f(decay + warm));
    if (s < warm) return f(f(f(target - lr0) * f(s / warm)) + lr0);
    return this.decay(f(s - warm), target, k);
  }

  /** Keras's _decay_function: from · ((1 − α) · ½(1 + cos(π · step / decaySteps)) + α). */
  private decay(step: number, from: number, k: Kernels): number {
    const cos = k.scheduleCos(f(f(Math.PI) * f(step / f(this.decaySteps))));
    const alpha = f(this.alpha), decayed = f(f(f(1 - this.alpha) * f(0.5 * f(1 + cos))) + alpha);
    return f(from * decayed);
  }

  getConfig() {
    const { initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps } = this;
    return {
      initial_learning_rate: initialLearningRate, decay_steps: decaySteps, alpha, name: "CosineDecay",
      warmup_target: warmupTarget, warmup_steps: warmupSteps,
    };
  }
}

/** values[0] up to and including boundaries[0], values[i] after boundaries[i − 1] up to boundaries[i], the last after the last. */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly className = "PiecewiseConstantDecay";
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
  get first() { return this.at(0); }

  constructor(args: { boundaries: number[]; values: number[] }) {
    super();
    const { boundaries, values } = args ?? {};
    if (!Array.isArray(boundaries) || !Array.isArray(values) || values.length !== boundaries.length + 1) {
      const got = `${JSON.stringify(boundaries)} and ${JSON.stringify(values)}`;
      throw new ModelError(`piecewiseConstantDecay: give boundaries and one more value than boundaries, got ${got}`);
    }
    if (boundaries.some((b, i) => !Number.isFinite(b) || (i > 0 && b <= boundaries[i - 1]))) {
      throw new ModelError(`piecewiseConstantDecay: boundaries must be finite and increasing, got ${JSON.stringify(boundaries)}`);
    }
    values.forEach((v) => positive("piecewiseConstantDecay", "each value", v, 0.01));
    this.boundaries = [...boundaries];
    this.values = [...values];
  }

  at(step: number): number {
    let i = 0;
    while (i < this.boundaries.length && step > this.boundaries[i]) i++;
    return f(this.values[i]);
  }

  getConfig() {
    return { boundaries: [...this.boundaries], values: [...this.values], name: "PiecewiseConstantDecay" };
  }
}

/** keras.optimizers.schedules.ExponentialDecay. */
export const exponentialDecay = (args: ConstructorParameters<typeof ExponentialDecay>[0]) => new ExponentialDecay(args);
/** keras.optimizers.schedules.CosineDecay (with warmup). */
export const cosineDecay = (args: ConstructorParameters<typeof CosineDecay>[0]) => new CosineDecay(args);
/** keras.optimizers.schedules.PiecewiseConstantDecay. */
export const piecewiseConstantDecay = (args: ConstructorParameters<typeof PiecewiseConstantDecay>[0]) => new PiecewiseConstantDecay(args);

/** A schedule from its saved {class_name, config} (Keras's snake_case keys). */
export function scheduleFromConfig(spec: { class_name?: unknown; config?: Record<string, unknown> }): LearningRateSchedule {
  const c = spec.config ?? {};
  const n = (key: string) => c[key] as number;
  const [initialLearningRate, decaySteps] = [n("initial_learning_rate"), n("decay_steps")];
  if (spec.class_name === "ExponentialDecay") {
    return new ExponentialDecay({ initialLearningRate, decaySteps, decayRate: n("decay_rate"), staircase: c.staircase === true });
  }
  if (spec.class_name === "CosineDecay") {
    const warmupTarget = c.warmup_target as number | null;
    return new CosineDecay({ initialLearningRate, decaySteps, alpha: n("alpha"), warmupTarget, warmupSteps: n("warmup_steps") });
  }
  if (spec.class_name === "PiecewiseConstantDecay") {
    return new PiecewiseConstantDecay({ boundaries: c.boundaries as number[], values: c.values as number[] });
  }
  const name = JSON.stringify(spec.class_name);
  throw new ModelError(`learning-rate schedule ${name} is not one scratchnet has (ExponentialDecay, CosineDecay, PiecewiseConstantDecay)`);
}
