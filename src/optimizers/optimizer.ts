// The optimizer protocol: pointers to state buffers (allocated once when the model is compiled,
// one buffer per slot per parameter, slot-major as TensorFlow.js orders its saved weights) and one
// kernel call per parameter per step. The learning rate is a number or a Keras schedule.
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { ModelError } from "../core/errors.js";
import type { LearningRateSchedule } from "./schedules.js";

export { options, inRange, positive } from "./checks.js";

/** A learning rate: a number, or a schedule evaluated at each step. */
export type Rate = number | LearningRateSchedule;

export abstract class Optimizer {
  protected engine?: Engine;
  protected params: Param[] = [];
  /** Each slot's buffer per parameter: buffers[s * params.length + i]. */
  protected buffers: number[] = [];
  iterations = 0; // updates applied so far (Adam's t)
  abstract readonly name: string;
  /** The class_name TensorFlow.js writes in optimizer_config ('Momentum' for SGD with momentum). */
  abstract readonly className: string;
  /** @internal The model this optimizer trains: one optimizer keeps the state of one model. */
  owner?: object;
  /** The Keras schedule the rate follows, if one was given as `learningRate`. */
  readonly schedule?: LearningRateSchedule;
  private rate: number;

  constructor(learningRate: number | LearningRateSchedule) {
    // Known by shape, not instanceof, so the 30 KB core (which leaves schedules out) does not import them.
    if (typeof learningRate === "object" && learningRate !== null && typeof learningRate.at === "function") {
      this.schedule = learningRate;
      this.rate = learningRate.first; // until compile() gives kernels to evaluate it
    } else {
      this.rate = checkRate(learningRate as number);
    }
  }

  /** The rate of the next update; settable (callbacks change it between epochs) unless it follows a schedule. */
  get learningRate(): number { return this.rate; }
  set learningRate(lr: number) {
    if (this.schedule) {
      throw new ModelError(`this ${this.name} follows a ${this.schedule.className} schedule, so its learningRate cannot be set; `
        + "give it a number to set it by hand");
    }
    // Any finite rate, as before the schedules: the course's rules set η ≤ 0 on purpose
    // (DeepNeuralNet's W += η·dZ·Aᵀ/m, the perceptron's any η); constructors still want η > 0.
    if (typeof lr !== "number" || !Number.isFinite(lr)) throw new ModelError(`learningRate must be a finite number, got ${String(lr)}`);
    this.rate = lr;
  }

  /** The names of the state slots, as TensorFlow.js suffixes them to the weight names ('m', 'v', ...). */
  get slots(): readonly string[] { return []; }

  /** Bind to a model's parameters and allocate state. */
  build(engine: Engine, params: Param[], owner: object = params): void {
    this.assertFreeFor(owner);
    this.dispose();
    this.owner = owner;
    this.engine = engine;
    this.params = params;
    this.buffers = this.slots.flatMap(() => params.map((p) => engine.heap.calloc(p.size * 4)));
    const start = this.initialState;
    if (start !== 0) for (const b of this.stateBuffers()) engine.heap.f32.fill(start, b.ptr >>> 2, (b.ptr >>> 2) + b.size);
    this.iterations = 0;
    this.start();
    this.refreshRate();
  }

  /** What every state buffer starts at (Adagrad's initialAccumulatorValue; zero for the others). */
  get initialState(): number { return 0; }

  /** Reset the scalars an update reads besides the step count (Adam's β^t). */
  protected start(): void {}

  /** One update of every parameter from its gradient. */
  step(): void {
    const k = this.engine!.k;
    this.iterations++;
    for (let i = 0; i < this.params.length; i++) this.apply(k, this.params[i], i);
    this.refreshRate();
  }

  /** @internal With a schedule, set the rate for the next update from the step count (Keras: schedule(iterations)). */
  refreshRate(): void {
    if (this.schedule && this.engine) this.rate = this.schedule.at(this.iterations, this.engine.k);
  }

  /** State buffer of `slot` for parameter `i`. */
  protected buf(slot: number, i: number): number { return this.buffers[slot * this.params.length + i]; }

  /** Throw unless this optimizer is unbound or already bound to `owner`. */
  assertFreeFor(owner: object): void {
    if (this.owner !== undefined && this.owner !== owner) {
      throw new ModelError(`this ${this.name} optimizer already trains another model; `
        + `give each model its own, e.g. new ${this.name}({learningRate: ${this.learningRate}})`);
    }
  }

  /** Free the state and let another model use this optimizer. */
  unbind(): void {
    this.dispose();
    this.owner = undefined;
  }

  /** The state buffers (pointer, floats) an update reads and writes, slot-major: fit() snapshots them with the weights. */
  stateBuffers(): { ptr: number; size: number }[] {
    return this.buffers.map((ptr, i) => ({ ptr, size: this.params[i % this.params.length].size }));
  }

  /** The numbers an update reads besides its buffers (the step count; Adam adds β^t): snapshots keep them too. */
  scalars(): number[] {
    return [this.iterations];
  }

  setScalars(s: readonly number[]): void {
    this.iterations = s[0];
    this.refreshRate();
  }

  protected abstract apply(k: Engine["k"], p: Param, i: number): void;
  /** TensorFlow.js's getConfig() for this optimizer (camelCase keys); the rate is the current one. */
  abstract getConfig(): Record<string, number | boolean>;

  dispose(): void {
    for (const b of this.buffers) this.engine?.heap.release(b);
    this.buffers = [];
  }
}

function checkRate(lr: number): number {
  if (typeof lr !== "number" || !(lr > 0) || !Number.isFinite(lr)) {
    throw new ModelError(`learningRate must be a positive finite number or a schedule (e.g. exponentialDecay({...})), got ${String(lr)}`);
  }
  return lr;
}
