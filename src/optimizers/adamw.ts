// AdamW (Keras; TensorFlow.js has none): Keras's decoupled weight decay w −= (w·wd)·lr before each
// update (assembly/optim/weight-decay.ts), then scratchnet's Adam, which is TensorFlow.js's.
import type { Engine } from "../core/engine.js";
import type { Param } from "../layers/layer.js";
import { Adam } from "./adam.js";
import { inRange, type Rate } from "./optimizer.js";

/** keras.optimizers.AdamW(learning_rate, weight_decay, beta_1, beta_2, epsilon) in camelCase. */
export class AdamW extends Adam {
  override readonly name = "AdamW";
  override readonly className = "AdamW";
  readonly weightDecay: number;

  constructor(args: { learningRate?: Rate; weightDecay?: number; beta1?: number; beta2?: number; epsilon?: number } = {}) {
    super(args, "AdamW", ["weightDecay"]);
    this.weightDecay = inRange("AdamW", "weightDecay", args.weightDecay ?? 0.004, 0, Infinity, 0.004);
  }

  protected override apply(k: Engine["k"], p: Param, i: number): void {
    k.weightDecayStep(p.value, p.size, this.learningRate, this.weightDecay);
    super.apply(k, p, i);
  }

  override getConfig() {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}
