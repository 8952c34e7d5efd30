// Activation (Keras): a = f(x) applied on its own, no weights, the output the shape of the input.
// Backward takes f' from the saved output (σ' = a(1 − a)), as Dense does (from its input x for
// swish and gelu, whose output does not give it back); with `fused` the loss
// already took it, so dL/dx is outputGrad itself. Seed 002's ActivationLayer is this layer.
import { getActivation, type Activation as ActivationFunction, type ActivationName } from "./activations.js";
import { Layer, sizeOf, type Shape } from "./layer.js";

export interface ActivationArgs {
  activation: ActivationName;
  inputShape?: number[];
  name?: string;
}

let counter = 0;

export class Activation extends Layer {
  readonly className = "Activation";
  override readonly activation: ActivationFunction;

  constructor(readonly args: ActivationArgs) {
    super(args.name ?? `activation_${++counter}`, args.inputShape ? [...args.inputShape] : undefined);
    this.activation = getActivation(args.activation);
  }

  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  // The kernels see (samples × values a sample / last dim) rows of the last dim: softmax runs over
  // the last axis as Keras' does; the other activations see every value alike. Numbers only, no array per step.
  forward(x: number, rows: number, _training = false): number {
    const last = this.outputShape.at(-1) ?? 1;
    this.activation.forward(this.live().k, x, this.y, rows * (sizeOf(this.outputShape) / last), last);
    return this.y;
  }

  backward(x: number, rows: number, dx: number, fused = false): void {
    if (!dx) return; // no weights: a first layer has nothing to compute
    const k = this.live().k, last = this.outputShape.at(-1) ?? 1, r = rows * (sizeOf(this.outputShape) / last);
    if (fused) k.identityBackward(this.dy, this.dy, dx, r * last); // dL/dz is outputGrad itself: copied down
    else this.activation.backward(k, this.activation.fromInput ? x : this.y, this.dy, dx, r, last);
  }

  getConfig(): Record<string, unknown> {
    return { activation: this.activation.name === "identity" ? "linear" : this.activation.name, name: this.name, trainable: true };
  }
}
