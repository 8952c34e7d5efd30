// SGD, with momentum and Nesterov momentum (assembly/optim/sgd.ts, momentum.ts).
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { ModelError } from "../core/errors.js";
import { Optimizer, options, inRange, type Rate } from "./optimizer.js";

/**
 * Gradient descent, with momentum and Nesterov momentum as Keras and TensorFlow.js's Momentum
 * (the same step: scratchnet keeps Keras's velocity v = μ·v − lr·g; TensorFlow.js's accum is −v/lr).
 */
export class SGD extends Optimizer {
  readonly name = "SGD";
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(args: { learningRate?: Rate; momentum?: number; nesterov?: boolean } = {}) {
    const { learningRate = 0.01, momentum = 0, nesterov = false } = options("SGD", args, ["learningRate", "momentum", "nesterov"]);
    super(learningRate);
    this.momentum = inRange("SGD", "momentum", momentum, 0, 1, 0.9);
    if (nesterov && momentum === 0) throw new ModelError("SGD: nesterov needs momentum > 0, e.g. new SGD({momentum: 0.9, nesterov: true})");
    this.nesterov = nesterov;
  }

  get className() { return this.momentum > 0 ? "Momentum" : "SGD"; }
  override get slots() { return this.momentum > 0 ? ["velocity"] : []; }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    if (this.momentum === 0) k.sgdStep(p.value, p.grad, p.size, this.learningRate);
    else (this.nesterov ? k.nesterovStep : k.momentumStep)(p.value, p.grad, this.buf(0, i), p.size, this.learningRate, this.momentum);
  }

  getConfig(): Record<string, number | boolean> {
    const { learningRate, momentum, nesterov } = this;
    return momentum > 0 ? { learningRate, momentum, useNesterov: nesterov } : { learningRate };
  }
}
