// Optimizers as in Keras / TensorFlow.js. Each holds pointers to its state buffers (allocated
// once when the model is compiled) and applies one update per step with one kernel per param.
import type { Engine } from "./core/engine.js";
import type { Param } from "./layers/layer.js";
import { ModelError } from "./core/errors.js";

export abstract class Optimizer {
  protected engine?: Engine;
  protected params: Param[] = [];
  iterations = 0; // updates applied so far (Adam's t)
  abstract readonly name: string;
  /** @internal The model this optimizer trains: one optimizer keeps the state of one model. */
  owner?: object;

  constructor(public learningRate: number) {
    if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new ModelError(`learningRate must be a positive finite number, got ${learningRate}`);
    }
  }

  /** Bind to a model's parameters and allocate state (zeroed). */
  build(engine: Engine, params: Param[], owner: object = params): void {
    this.assertFreeFor(owner);
    this.dispose();
    this.owner = owner;
    this.engine = engine;
    this.params = params;
    this.iterations = 0;
    this.allocate(engine);
  }

  /** One update of every parameter from its gradient. */
  step(): void {
    this.iterations++;
    const k = this.engine!.k;
    for (let i = 0; i < this.params.length; i++) this.apply(k, this.params[i], i);
  }

  /** Throw unless this optimizer is unbound or already bound to `owner`. */
  assertFreeFor(owner: object): void {
    if (this.owner !== undefined && this.owner !== owner) {
      throw new ModelError(`this ${this.name} optimizer already trains another model; give each model its own, e.g. new ${this.name}({learningRate: ${this.learningRate}})`);
    }
  }

  /** Free the state and let another model use this optimizer. */
  unbind(): void {
    this.dispose();
    this.owner = undefined;
  }

  /** The state buffers (pointer, floats) an update reads and writes: fit() snapshots them with the weights. */
  stateBuffers(): { ptr: number; size: number }[] { return []; }

  /** The numbers an update reads besides its buffers (the step count; Adam adds β^t): snapshots keep them too. */
  scalars(): number[] {
    return [this.iterations];
  }

  setScalars(s: readonly number[]): void { this.iterations = s[0]; }

  protected allocate(_engine: Engine): void {}
  protected abstract apply(k: Engine["k"], p: Param, i: number): void;
  abstract getConfig(): Record<string, number>;
  dispose(): void {}
}

export class SGD extends Optimizer {
  readonly name = "SGD";
  readonly momentum: number;
  private velocity: number[] = [];

  constructor(args: { learningRate?: number; momentum?: number } = {}) {
    const { learningRate = 0.01, momentum = 0 } = options("SGD", args, ["learningRate", "momentum"]);
    super(learningRate);
    if (!(momentum >= 0 && momentum < 1)) throw new ModelError(`SGD momentum must be in [0, 1), got ${momentum}`);
    this.momentum = momentum;
  }

  protected override allocate(engine: Engine): void {
    if (this.momentum > 0) this.velocity = this.params.map((p) => engine.heap.calloc(p.size * 4));
  }

  override stateBuffers() {
    return this.velocity.map((ptr, i) => ({ ptr, size: this.params[i].size }));
  }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    if (this.momentum > 0) k.momentumStep(p.value, p.grad, this.velocity[i], p.size, this.learningRate, this.momentum);
    else k.sgdStep(p.value, p.grad, p.size, this.learningRate);
  }

  getConfig() {
    return { learningRate: this.learningRate, momentum: this.momentum };
  }

  override dispose(): void {
    for (const v of this.velocity) this.engine?.heap.release(v);
    this.velocity = [];
  }
}

/** TensorFlow.js's Adam update, op for op in f32 as its CPU backend does it: w −= lr·m̂/(√v̂ + ε) (assembly/optim/adam.ts). */
export class Adam extends Optimizer {
  readonly name = "Adam";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /**
   * β1^t and β2^t (f32) for the next step t: TensorFlow.js's accBeta1/accBeta2, which start at β
   * and are multiplied by β in f32 after each step, so they drift from pow(β, t) by a few ulps;
   * Adam's bias correction divides by 1 − β^t. A loaded state recomputes them (`resume`).
   */
  accBeta1 = 0;
  accBeta2 = 0;
  private m: number[] = [];
  private v: number[] = [];

  constructor(args: { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number } = {}) {
    const { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = options("Adam", args, ["learningRate", "beta1", "beta2", "epsilon"]);
    super(learningRate);
    // Adam divides by 1 − β^t: β = 1 divides by zero, β outside [0, 1) makes the moments diverge.
    for (const [name, beta, usual] of [["beta1", beta1, 0.9], ["beta2", beta2, 0.999]] as const) {
      if (!(beta >= 0 && beta < 1)) throw new ModelError(`Adam ${name} must be in [0, 1), got ${beta}; the usual value is ${usual}`);
    }
    if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new ModelError(`Adam epsilon must be a positive finite number, got ${epsilon}; the usual value is 1e-7`);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  protected override allocate(engine: Engine): void {
    this.m = this.params.map((p) => engine.heap.calloc(p.size * 4));
    this.v = this.params.map((p) => engine.heap.calloc(p.size * 4));
    this.resume(0);
  }

  /**
   * Continue from step `iterations` as TensorFlow.js's setWeights() does: β^(iterations + 1)
   * from pow in f32. `powers` (what a scratchnet file saved) continue an unbroken run bit for bit.
   */
  resume(iterations: number, powers?: readonly [number, number]): void {
    const k = this.engine!.k;
    this.iterations = iterations;
    [this.accBeta1, this.accBeta2] = powers ?? [k.adamBetaPower(this.beta1, iterations + 1), k.adamBetaPower(this.beta2, iterations + 1)];
  }

  override step(): void {
    super.step();
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
  }

  override scalars(): number[] { return [this.iterations, this.accBeta1, this.accBeta2]; }

  override setScalars(s: readonly number[]): void { [this.iterations, this.accBeta1, this.accBeta2] = s; }

  override stateBuffers() {
    return [...this.m, ...this.v].map((ptr, i) => ({ ptr, size: this.params[i % this.params.length].size }));
  }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    k.adamStep(p.value, p.grad, this.m[i], this.v[i], p.size, this.learningRate, this.beta1, this.beta2, this.epsilon, this.accBeta1, this.accBeta2);
  }

  getConfig() {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }

  override dispose(): void {
    for (const p of [...this.m, ...this.v]) this.engine?.heap.release(p);
    this.m = [];
    this.v = [];
  }
}

/** `args` if an object of known keys: TF.js' positional sgd(0.1), Keras' lr or nesterov would silently train with defaults. */
function options<T extends object>(name: string, args: T, keys: readonly string[]): T {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    throw new ModelError(`new ${name}(${String(args)}): options are an object; use new ${name}({learningRate: ${typeof args === "number" ? args : 0.01}})`);
  }
  const bad = Object.keys(args).find((k) => !keys.includes(k) && (args as Record<string, unknown>)[k] !== undefined);
  if (bad !== undefined) throw new ModelError(`${name}: unknown option '${bad}'; ${name} takes ${keys.join(", ")}`);
  return args;
}

/** TF.js' getOptimizer spellings of the two scratchnet has; its others are refused as missing, not misspelt. */
export type OptimizerSpec = "sgd" | "SGD" | "adam" | "Adam" | Optimizer;
const ELSEWHERE = ["rmsprop", "RMSProp", "adagrad", "Adagrad", "adadelta", "Adadelta", "adamax", "Adamax"];

/** 'sgd' and 'adam' (or 'SGD', 'Adam') with TF.js' default learning rates (0.01 and 0.001), or the object itself. */
export function getOptimizer(spec: OptimizerSpec): Optimizer {
  if (spec instanceof Optimizer) return spec;
  if (spec === "sgd" || spec === "SGD") return new SGD();
  if (spec === "adam" || spec === "Adam") return new Adam();
  const s = typeof spec === "object" && spec !== null ? JSON.stringify(spec) : `'${String(spec)}'`;
  throw new ModelError(`${ELSEWHERE.includes(spec) ? `optimizer ${s} is not in scratchnet yet` : `unknown optimizer ${s}`}; use 'sgd', 'adam', new SGD({...}) or new Adam({...})`);
}
