// Adamax (assembly/optim/adamax.ts): TensorFlow.js's update, with its `decay` of the rate.
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { Optimizer, options, inRange, positive, type Rate } from "./optimizer.js";

const f = Math.fround;

/** Adamax: tf.train.adamax(learningRate, beta1, beta2, epsilon, decay). */
export class Adamax extends Optimizer {
  readonly name = "Adamax";
  readonly className = "Adamax";
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly decay: number;
  /** β1^t in f32 for the next step t, TensorFlow.js's accBeta1 (a product, not pow). */
  accBeta1 = 0;
  private stepSize = 0;

  constructor(args: { learningRate?: Rate; beta1?: number; beta2?: number; epsilon?: number; decay?: number } = {}) {
    const a = options("Adamax", args, ["learningRate", "beta1", "beta2", "epsilon", "decay"]);
    super(a.learningRate ?? 0.002);
    this.beta1 = inRange("Adamax", "beta1", a.beta1 ?? 0.9, 0, 1, 0.9);
    this.beta2 = inRange("Adamax", "beta2", a.beta2 ?? 0.999, 0, 1, 0.999);
    this.epsilon = positive("Adamax", "epsilon", a.epsilon ?? 1e-7, 1e-7);
    this.decay = inRange("Adamax", "decay", a.decay ?? 0, 0, Infinity, 0);
  }

  override get slots() { return ["m", "v"]; }

  protected override start(): void { this.resume(0); }

  /** Continue from step `iterations`: β1^(iterations + 1) by pow in f32, or the product a scratchnet file saved. */
  resume(iterations: number, accBeta1?: number): void {
    this.iterations = iterations;
    this.accBeta1 = accBeta1 ?? this.engine!.k.adamBetaPower(this.beta1, iterations + 1);
    this.refreshRate();
  }

  override step(): void {
    super.step();
    this.accBeta1 = f(this.accBeta1 * f(this.beta1));
  }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    if (i === 0) {
      // TensorFlow.js's (−lr / (t·decay + 1)) / (1 − β1^t), each op an f32 tensor op; its t counts from 0.
      const t = this.iterations - 1, lr = f(-f(this.learningRate) / f(f(t * f(this.decay)) + 1));
      this.stepSize = f(lr / f(1 - this.accBeta1));
    }
    k.adamaxStep(p.value, p.grad, this.buf(0, i), this.buf(1, i), p.size, this.stepSize, this.beta1, this.beta2, this.epsilon);
  }

  override scalars(): number[] { return [this.iterations, this.accBeta1]; }

  override setScalars(s: readonly number[]): void {
    super.setScalars(s);
    this.accBeta1 = s[1];
  }

  getConfig() {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, decay: this.decay };
  }
}
