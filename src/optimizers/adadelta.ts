// Adadelta (assembly/optim/adadelta.ts): Keras's update. TensorFlow.js 4.22's divides by the
// accumulator from before the step, which makes every step plain SGD; its state format is kept.
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { Optimizer, options, inRange, positive, type Rate } from "./optimizer.js";

/** Adadelta: tf.train.adadelta(learningRate, rho, epsilon), computed as Keras computes it. */
export class Adadelta extends Optimizer {
  readonly name = "Adadelta";
  readonly className = "Adadelta";
  readonly rho: number;
  readonly epsilon: number;

  constructor(args: { learningRate?: Rate; rho?: number; epsilon?: number } = {}) {
    const a = options("Adadelta", args, ["learningRate", "rho", "epsilon"]);
    super(a.learningRate ?? 0.001);
    this.rho = inRange("Adadelta", "rho", a.rho ?? 0.95, 0, 1, 0.95);
    this.epsilon = positive("Adadelta", "epsilon", a.epsilon ?? 1e-7, 1e-7);
  }

  override get slots() { return ["accum_grad", "accum_var"]; }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    k.adadeltaStep(p.value, p.grad, this.buf(0, i), this.buf(1, i), p.size, this.learningRate, this.rho, this.epsilon);
  }

  getConfig() {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}
