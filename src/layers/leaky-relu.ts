// LeakyReLU (Keras / TF.js):  f(x) = x < 0 ? αx : x,  α = 0.3 by default as in TF.js (Keras 3: 0.2).
// Backward from the saved input x (assembly/activations/leaky-relu.ts): dx = x > 0 ? dy : α·dy.
// The activation the layer reports is linear: a loss never fuses its derivative.
import { ModelError } from "../core/errors.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import { Layer, sizeOf, type Shape } from "./layer.js";

export interface LeakyReLUArgs extends BaseLayerArgs {
  /** The slope for x < 0 (default 0.3, TF.js'). */
  alpha?: number;
}

let counter = 0;

export class LeakyReLU extends Layer {
  readonly className = "LeakyReLU";
  readonly alpha: number;

  constructor(args: LeakyReLUArgs = {}) {
    const name = args.name ?? `leaky_re_lu_${++counter}`;
    super(name, checkLayerArgs(name, "LeakyReLU", args, ["alpha"]));
    this.alpha = args.alpha ?? 0.3;
    if (typeof this.alpha !== "number" || !Number.isFinite(this.alpha)) {
      throw new ModelError(`${name}: alpha must be a finite number (the slope below 0, e.g. 0.3), got ${String(args.alpha)}`);
    }
  }

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  forward(x: number, rows: number, _training = false): number {
    this.live().k.leakyRelu(x, this.y, rows * sizeOf(this.outputShape), this.alpha);
    return this.y;
  }

  backward(x: number, rows: number, dx: number, _fused = false): void {
    if (dx) this.live().k.leakyReluBackward(x, this.dy, dx, rows * sizeOf(this.outputShape), this.alpha);
  }

  getConfig(): Record<string, unknown> {
    return { alpha: this.alpha, name: this.name, trainable: true };
  }
}
