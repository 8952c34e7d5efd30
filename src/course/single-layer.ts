// Seed 001, lesson 4.2: SingleLayer, logistic regression trained by batch gradient descent.
//   z = x·w + b,  a = σ(z),  err = a − y,  w_grad = xᵀ·err / m + (l1·sign(w) + l2·w) / m
// Weights start at ones and the bias at 0, as the course's fit() sets them; w_history records
// w after initialisation and after every update (the loop's onBatchEnd). One Dense(1, sigmoid).
import { Dense } from "../layers/dense.js";
import type { Inputs } from "../data/inputs.js";
import type { Param } from "../layers/layer.js";
import type { LossName } from "../losses/loss.js";
import type { CustomCallbackArgs } from "../models/callbacks.js";
import { CourseNetwork, type CourseArgs } from "./course-network.js";

export class SingleLayer extends CourseNetwork {
  protected readonly lossName: LossName = "binaryCrossentropy";
  /** Copies of w (features × 1): after initialisation, then after each update (the course's w_history). */
  wHistory: Float32Array[] = [];
  /** w's Param, read once per initWeights (copied after every step). */
  private kernel?: Param;

  constructor(args: CourseArgs = {}) {
    super(args);
  }

  protected makeLayers(): Dense[] {
    return [new Dense({ units: 1, activation: "sigmoid", kernelInitializer: "ones", biasInitializer: "zeros", name: "single_layer" })];
  }

  override initWeights(nFeatures: number, nOutputs = 1): void {
    super.initWeights(nFeatures, nOutputs);
    this.kernel = this.layers[0].params()[0];
    this.wHistory = [this.weights()];
  }

  /** @internal */
  override callbacks(): CustomCallbackArgs[] {
    return [{ onBatchEnd: () => void this.wHistory.push(this.weights()) }];
  }

  /** A copy of the weight vector w. */
  weights(): Float32Array {
    const w = this.kernel ?? this.layers[0].params()[0];
    return this.engine.heap.f32.slice(w.value >>> 2, (w.value >>> 2) + w.size);
  }

  /** The bias b. */
  get bias(): number {
    return this.engine.heap.f32[this.layers[0].params()[1].value >>> 2];
  }

  override dispose(): void {
    super.dispose();
    this.kernel = undefined;
  }

  /** 1 where z > 0 (a > 0.5), else 0: the course's predict. */
  predict(x: Inputs): Int32Array {
    return Int32Array.from(this.activations(x), (a) => (a > 0.5 ? 1 : 0));
  }
}
