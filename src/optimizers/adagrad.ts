// Adagrad (assembly/optim/adagrad.ts): TensorFlow.js's update, ε its backend's 1e-7.
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { Optimizer, options, positive, type Rate } from "./optimizer.js";

/** Adagrad: tf.train.adagrad(learningRate, initialAccumulatorValue). */
export class Adagrad extends Optimizer {
  readonly name = "Adagrad";
  readonly className = "Adagrad";
  readonly initialAccumulatorValue: number;

  constructor(args: { learningRate?: Rate; initialAccumulatorValue?: number } = {}) {
    const a = options("Adagrad", args, ["learningRate", "initialAccumulatorValue"]);
    super(a.learningRate ?? 0.001);
    this.initialAccumulatorValue = positive("Adagrad", "initialAccumulatorValue", a.initialAccumulatorValue ?? 0.1, 0.1);
  }

  override get slots() { return ["accumulator"]; }
  override get initialState() { return this.initialAccumulatorValue; }

  protected apply(k: Engine["k"], p: Param, i: number): void {
    k.adagradStep(p.value, p.grad, this.buf(0, i), p.size, this.learningRate, 1e-7);
  }

  getConfig() {
    return { learningRate: this.learningRate, initialAccumulatorValue: this.initialAccumulatorValue };
  }
}
