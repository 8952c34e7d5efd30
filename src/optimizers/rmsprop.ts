// RMSprop (assembly/optim/rmsprop.ts): TensorFlow.js's update; centered as Keras (TensorFlow.js
// 4.22 takes √(ms − mg² − ε), NaN at its default ε).
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { ModelError } from "../core/errors.js";
import { Optimizer, options, inRange, positive, type Rate } from "./optimizer.js";

/** RMSprop: tf.train.rmsprop(learningRate, decay, momentum, epsilon, centered); Keras's `rho` is `decay`. */
export class RMSprop extends Optimizer {
  readonly name = "RMSprop";
  readonly className = "RMSProp";
  readonly decay: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(args: { learningRate?: Rate; decay?: number; rho?: number; momentum?: number; epsilon?: number; centered?: boolean } = {}) {
    const a = options("RMSprop", args, ["learningRate", "decay", "rho", "momentum", "epsilon", "centered"]);
    super(a.learningRate ?? 0.001);
    if (a.decay !== undefined && a.rho !== undefined && a.decay !== a.rho) {
      throw new ModelError(`RMSprop: decay (TF.js's name) and rho (Keras's) are the same option; give one, got ${a.decay} and ${a.rho}`);
    }
    this.decay = inRange("RMSprop", "decay (rho)", a.decay ?? a.rho ?? 0.9, 0, 1, 0.9);
    this.momentum = inRange("RMSprop", "momentum", a.momentum ?? 0, 0, 1, 0);
    this.epsilon = positive("RMSprop", "epsilon", a.epsilon ?? 1e-7, 1e-7);
    this.centered = a.centered ?? false;
  }

  /** TensorFlow.js keeps the momentum buffer even at momentum 0, and saves it. */
  override get slots() { return this.centered ? ["rms", "momentum", "mg"] : ["rms", "momentum"]; }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    const mg = this.centered ? this.buf(2, i) : 0;
    const centered = this.centered ? 1 : 0;
    const ms = this.buf(0, i), mom = this.buf(1, i); // numbers, no array: this runs every step
    k.rmspropStep(p.value, p.grad, ms, mom, mg, p.size, this.learningRate, this.decay, this.momentum, this.epsilon, centered);
  }

  getConfig() {
    return { learningRate: this.learningRate, decay: this.decay, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
