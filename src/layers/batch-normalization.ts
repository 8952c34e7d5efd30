// BatchNormalization (Keras / TF.js; the book's ch. 6.3): each feature (the last axis) is
// normalized by the batch's mean and biased variance while training, which also moves the moving
// statistics toward them (moving ← moving − (moving − batch)·(1 − momentum), TF.js' update, the
// same biased variance as Keras for these inputs); inference uses the moving statistics. γ and β
// are params(), the moving mean and variance state(). Kernels: assembly/batch-norm.ts (TF.js' bits).
// center/scale false: TF.js 4.22 fails when training such a layer (it reads the absent β or γ);
// this follows Keras (β = 0, γ = 1, neither trained nor saved).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { checkInitializer, initialize, type InitializerSpec } from "./initializers.js";
import { Layer, sizeOf, type Param, type Shape, type Weight } from "./layer.js";

export interface BatchNormalizationArgs {
  /** The features' axis: only the last (-1, TF.js' default, or its index counting the batch axis). */
  axis?: number;
  momentum?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: InitializerSpec;
  gammaInitializer?: InitializerSpec;
  movingMeanInitializer?: InitializerSpec;
  movingVarianceInitializer?: InitializerSpec;
  inputShape?: number[];
  name?: string;
}

const OPTIONS = ["axis", "momentum", "epsilon", "center", "scale", "betaInitializer", "gammaInitializer", "movingMeanInitializer",
  "movingVarianceInitializer", "inputShape", "name"];

let counter = 0;

export class BatchNormalization extends Layer {
  readonly className = "BatchNormalization";
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private features = 0;
  /** γ, β and their gradients (γ = 1, β = 0 kept even when scale/center are off: one kernel), the moving and batch statistics. */
  private gamma = 0; private beta = 0; private dgamma = 0; private dbeta = 0;
  private movingMean = 0; private movingVariance = 0; private mean = 0; private variance = 0;

  constructor(readonly args: BatchNormalizationArgs = {}) {
    super(args.name ?? `batch_normalization_${++counter}`, args.inputShape ? [...args.inputShape] : undefined);
    const given = args as Record<string, unknown>;
    const unknown = Object.keys(args).find((key) => !OPTIONS.includes(key) && given[key] !== undefined);
    const known = OPTIONS.join(", ");
    if (unknown !== undefined) {
      throw new ModelError(`${this.name}: option '${unknown}' is not implemented in scratchnet; BatchNormalization takes ${known}`);
    }
    this.axis = args.axis ?? -1;
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
    if (!Number.isInteger(this.axis)) throw new ModelError(`${this.name}: axis ${this.axis} is not an integer; use -1 (the features)`);
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new ModelError(`${this.name}: momentum ${this.momentum} must be in [0, 1] (TF.js' default is 0.99)`);
    }
    if (!(this.epsilon > 0 && Number.isFinite(this.epsilon))) {
      throw new ModelError(`${this.name}: epsilon ${this.epsilon} must be a finite number > 0 (TF.js' default is 0.001)`);
    }
    for (const key of ["betaInitializer", "gammaInitializer", "movingMeanInitializer", "movingVarianceInitializer"] as const) {
      if (args[key] !== undefined) checkInitializer(args[key]);
    }
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape);
  }

  computeOutputShape(inputShape: Shape): Shape {
    const rank = inputShape.length + 1; // TF.js counts the batch axis
    if (this.axis !== -1 && this.axis !== rank - 1) {
      throw new ShapeError(`${this.name}: axis ${this.axis} of an input of shape [null, ${inputShape.join(", ")}] is not the last; `
        + "scratchnet normalizes the last axis (axis -1): put the features last");
    }
    if (inputShape.length === 0 || !inputShape.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new ShapeError(`${this.name}: input shape [${inputShape.join(", ")}] needs at least one dimension, each a positive integer`);
    }
    return inputShape;
  }

  override paramCount(inputShape: Shape): number {
    return (Number(this.scale) + Number(this.center)) * inputShape[inputShape.length - 1];
  }

  override stateCount(inputShape: Shape): number {
    return 2 * inputShape[inputShape.length - 1];
  }

  protected override buildWeights(engine: Engine, rng: Rng): void {
    const c = (this.features = this.inputShape[this.inputShape.length - 1]), heap = engine.heap;
    const make = (spec: InitializerSpec) => {
      const ptr = this.allocate(c);
      initialize(spec, rng, heap, ptr, [c]); // a 1-D shape: fans as TF.js takes them for a vector
      return ptr;
    };
    // TF.js' order of addWeight: gamma, beta, moving_mean, moving_variance.
    this.gamma = make(this.scale ? this.args.gammaInitializer ?? "ones" : "ones");
    this.beta = make(this.center ? this.args.betaInitializer ?? "zeros" : "zeros");
    this.movingMean = make(this.args.movingMeanInitializer ?? "zeros");
    this.movingVariance = make(this.args.movingVarianceInitializer ?? "ones");
    this.dgamma = this.allocate(c, true);
    this.dbeta = this.allocate(c, true);
    this.mean = this.allocate(c, true);
    this.variance = this.allocate(c, true);
  }

  /** Rows of features a batch of `rows` samples holds (an image's pixels are rows too). */
  private positions(rows: number): number {
    return (rows * sizeOf(this.inputShape)) / this.features;
  }

  forward(x: number, rows: number, training = false): number {
    const k = this.live().k, n = this.positions(rows), c = this.features;
    if (training) {
      k.batchNormTrain(x, this.gamma, this.beta, this.mean, this.variance, this.movingMean, this.movingVariance, this.y, n, c,
        this.epsilon, this.momentum);
    } else {
      k.batchNormInference(x, this.gamma, this.beta, this.movingMean, this.movingVariance, this.y, n, c, this.epsilon);
    }
    return this.y;
  }

  /** From the batch statistics of the last training forward (the loop's order: forward(training), then backward). */
  backward(x: number, rows: number, dx: number, _fused = false): void {
    this.live().k.batchNormBackward(x, this.gamma, this.mean, this.variance, this.dy, dx, this.dgamma, this.dbeta, this.positions(rows),
      this.features, this.epsilon);
  }

  override params(): Param[] {
    this.live();
    const c = this.features;
    const p = (what: string, value: number, grad: number) => ({ name: `${this.name}/${what}`, value, grad, shape: [c], size: c });
    return [...(this.scale ? [p("gamma", this.gamma, this.dgamma)] : []), ...(this.center ? [p("beta", this.beta, this.dbeta)] : [])];
  }

  override state(): Weight[] {
    this.live();
    const c = this.features, w = (what: string, value: number) => ({ name: `${this.name}/${what}`, value, shape: [c], size: c });
    return [w("moving_mean", this.movingMean), w("moving_variance", this.movingVariance)];
  }

  getConfig(): Record<string, unknown> {
    return {
      axis: this.axis, momentum: this.momentum, epsilon: this.epsilon, center: this.center, scale: this.scale,
      betaInitializer: this.args.betaInitializer ?? "zeros",
      gammaInitializer: this.args.gammaInitializer ?? "ones",
      movingMeanInitializer: this.args.movingMeanInitializer ?? "zeros",
      movingVarianceInitializer: this.args.movingVarianceInitializer ?? "ones",
      betaRegularizer: null, gammaRegularizer: null, betaConstraint: null, gammaConstraint: null,
      name: this.name,
      trainable: true,
    };
  }

  override dispose(): void {
    super.dispose();
    this.gamma = this.beta = this.dgamma = this.dbeta = this.movingMean = this.movingVariance = this.mean = this.variance = 0;
  }
}
