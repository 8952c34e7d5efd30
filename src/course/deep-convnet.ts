// Lesson 17 (Saito 8.1, ch08/deep_convnet.py): the book's DeepConvNet, six 3×3 convolutions with
// ReLU (16, 16, pool, 32, 32, pool, 64, 64, pool), affine 50 − relu − dropout − affine − dropout −
// softmax, He's initial weights N(0, 2/n), n = [9, 144, 144, 288, 288, 576, 1024, 50] as the book's.
// Pad 1 on a 3×3 kernel with stride 1 is TF.js' 'same'. conv4 pads by 2 (14×14 → 16×16, so the
// last pooling gives 4×4), which neither 'same' nor 'valid' is: ZeroPadding2D(2) then Conv2D 'valid'.
// Dropout: the book's is not inverted (training zeroes half the values, inference multiplies by
// 1 − 0.5); the engine's is (training ×2 on what it keeps, inference the identity). At inference
// the book computes logits = 0.5·(W8ᵀ·(0.5·h) + b8) with h = relu(affine7); the engine computes
// W8'ᵀ·h + b8'. loadParams stores W8' = 0.25·W8 and b8' = 0.5·b8 (exact: powers of two), so the
// model gives the book's very logits and probabilities, not only its argmax; params and gradient
// report the engine's W8', b8'.
import { ModelError } from "../core/errors.js";
import { Activation } from "../layers/activation.js";
import { Conv2D } from "../layers/conv2d.js";
import { Dense } from "../layers/dense.js";
import { Dropout } from "../layers/dropout.js";
import { Flatten } from "../layers/flatten.js";
import type { Layer } from "../layers/layer.js";
import { MaxPooling2D } from "../layers/pooling.js";
import { ZeroPadding2D } from "../layers/zero-padding2d.js";
import { affineWeights, convWeights, type BookWeight } from "./book-weights.js";
import { ConvNet, type ConvNetOptions } from "./conv-net.js";

export interface DeepConvNetArgs extends ConvNetOptions {
  hiddenSize?: number;
  outputSize?: number;
}

/** The book's filter counts and pads (conv_param_1 … conv_param_6); every filter is 3×3 with stride 1. */
const CONVS = [[16, 1], [16, 1], [32, 1], [32, 2], [64, 1], [64, 1]] as const;

export class DeepConvNet extends ConvNet {
  constructor(args: DeepConvNetArgs = {}) {
    const { hiddenSize = 50, outputSize = 10 } = args;
    for (const [name, v] of [["hiddenSize", hiddenSize], ["outputSize", outputSize]] as const) {
      if (!(Number.isInteger(v) && v > 0)) throw new ModelError(`DeepConvNet: ${name} must be a positive integer, got ${String(v)}`);
    }
    const he = (n: number) => ({ name: "randomNormal", mean: 0, stddev: Math.sqrt(2 / n) }) as const; // the book's wight_init_scales
    const layers: Layer[] = [], weights: BookWeight[] = [];
    let channels = 1;
    CONVS.forEach(([filters, pad], i) => {
      const first = i === 0 ? { inputShape: [28, 28, 1] } : {};
      if (pad === 2) layers.push(new ZeroPadding2D({ padding: 2 }));
      layers.push(new Conv2D({ filters, kernelSize: 3, padding: pad === 1 ? "same" : "valid", activation: "relu",
        kernelInitializer: he(channels * 9), ...first }));
      if (i % 2 === 1) layers.push(new MaxPooling2D({ poolSize: 2, strides: 2 }));
      weights.push(...convWeights(i + 1, filters, channels, 3, 3));
      channels = filters;
    });
    layers.push(new Flatten(), new Dense({ units: hiddenSize, activation: "relu", kernelInitializer: he(64 * 4 * 4) }),
      new Dropout({ rate: 0.5 }), new Dense({ units: outputSize, kernelInitializer: he(hiddenSize) }), new Dropout({ rate: 0.5 }),
      new Activation({ activation: "softmax" }));
    weights.push(...affineWeights(7, 64 * 4 * 4, hiddenSize, [64, 4, 4]),
      ...affineWeights(8, hiddenSize, outputSize, undefined, [0.25, 0.5])); // the book's test-time dropout, folded in
    super(layers, weights, args);
  }
}
