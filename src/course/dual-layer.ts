// Seed 001, lessons 4.3–4.4: DualLayer, one hidden layer of sigmoid units, then a sigmoid output.
//   a1 = σ(x·w1 + b1),  a2 = σ(a1·w2 + b2)
//   w2_grad = a1ᵀ·err / m,  err_to_hidden = err·w2ᵀ ⊙ a1 ⊙ (1 − a1),  w1_grad = xᵀ·err_to_hidden / m
// DualLayer starts every weight at 1, as the course's init_weights (every hidden unit then
// learns the same thing: the lesson's point). RandomInitNetwork draws them from N(0, 1).
import { Dense } from "../layers/dense.js";
import type { InitializerSpec } from "../layers/initializers.js";
import type { Inputs } from "../data/inputs.js";
import type { LossName } from "../losses/loss.js";
import { assertPositiveInteger } from "../core/errors.js";
import { CourseNetwork, type CourseArgs } from "./course-network.js";

export interface DualLayerArgs extends CourseArgs {
  /** Hidden units (default 10). */
  units?: number;
}

export class DualLayer extends CourseNetwork {
  protected readonly lossName: LossName = "binaryCrossentropy";
  readonly units: number;
  /** How the weights start: ones here, N(0, 1) in RandomInitNetwork. */
  protected readonly kernelInit: InitializerSpec = "ones";

  constructor({ units = 10, ...args }: DualLayerArgs = {}) {
    super(args);
    assertPositiveInteger("units", units);
    this.units = units;
  }

  protected makeLayers(_nFeatures: number, nOutputs: number): Dense[] {
    return [
      new Dense({ units: this.units, activation: "sigmoid", kernelInitializer: this.kernelInit, biasInitializer: "zeros" }),
      new Dense({ units: nOutputs, activation: nOutputs > 1 ? "softmax" : "sigmoid", kernelInitializer: this.kernelInit, biasInitializer: "zeros" }),
    ];
  }

  /** 1 where z2 > 0 (a2 > 0.5), else 0. */
  predict(x: Inputs): Int32Array {
    return Int32Array.from(this.activations(x), (a) => (a > 0.5 ? 1 : 0));
  }
}

/** DualLayer with w1, w2 drawn from N(0, 1) (np.random.normal(0, 1, …)), biases 0. */
export class RandomInitNetwork extends DualLayer {
  protected override readonly kernelInit: InitializerSpec = { name: "randomNormal", mean: 0, stddev: 1 };
}
