// Adam as TensorFlow.js computes it (assembly/optim/adam.ts); AdamW builds on it.
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { ModelError } from "../core/errors.js";
import { Optimizer, options, inRange, type Rate } from "./optimizer.js";

/** TensorFlow.js's Adam update, op for op in f32 as its CPU backend does it: w −= lr·m̂/(√v̂ + ε) (assembly/optim/adam.ts). */
export class Adam extends Optimizer {
  readonly name: string = "Adam";
  readonly className: string = "Adam";
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

  constructor(args: { learningRate?: Rate; beta1?: number; beta2?: number; epsilon?: number } = {}, name = "Adam", keys: string[] = []) {
    const given = options(name, args, ["learningRate", "beta1", "beta2", "epsilon", ...keys]);
    const { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = given;
    super(learningRate);
    // Adam divides by 1 − β^t: β = 1 divides by zero, β outside [0, 1) makes the moments diverge.
    this.beta1 = inRange(name, "beta1", beta1, 0, 1, 0.9);
    this.beta2 = inRange(name, "beta2", beta2, 0, 1, 0.999);
    if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
      throw new ModelError(`${name} epsilon must be a positive finite number, got ${epsilon}; the usual value is 1e-7`);
    }
    this.epsilon = epsilon;
  }

  override get slots() { return ["m", "v"]; }

  protected override start(): void { this.resume(0); }

  /**
   * Continue from step `iterations` as TensorFlow.js's setWeights() does: β^(iterations + 1)
   * from pow in f32. `powers` (what a scratchnet file saved) continue an unbroken run bit for bit.
   */
  resume(iterations: number, powers?: readonly [number, number]): void {
    const k = this.engine!.k;
    this.iterations = iterations;
    // β¹ is fround(β) (the kernel's pow returns x for y = 1): a fresh start calls no pow, which
    // scratchnet-core.wasm leaves out (assembly/core.ts: 1.3 KB gzipped); only resuming (io/) needs it.
    const power = (beta: number) => (iterations === 0 ? Math.fround(beta) : k.adamBetaPower(beta, iterations + 1));
    [this.accBeta1, this.accBeta2] = powers ?? [power(this.beta1), power(this.beta2)];
    this.refreshRate();
  }

  override step(): void {
    super.step();
    this.accBeta1 = Math.fround(this.accBeta1 * Math.fround(this.beta1));
    this.accBeta2 = Math.fround(this.accBeta2 * Math.fround(this.beta2));
  }

  override scalars(): number[] { return [this.iterations, this.accBeta1, this.accBeta2]; }

  override setScalars(s: readonly number[]): void {
    super.setScalars(s);
    [, this.accBeta1, this.accBeta2] = s;
  }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    const m = this.buf(0, i), v = this.buf(1, i); // numbers, no array: this runs every step
    k.adamStep(p.value, p.grad, m, v, p.size, this.learningRate, this.beta1, this.beta2, this.epsilon, this.accBeta1, this.accBeta2);
  }

  getConfig(): Record<string, number | boolean> {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
