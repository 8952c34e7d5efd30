// Lesson 16 (Saito 7.5, ch07/simple_convnet.py): the book's SimpleConvNet, conv − relu − pool −
// affine − relu − affine − softmax, as engine layers: [ZeroPadding2D(pad)], Conv2D(filterNum,
// filterSize, stride, 'valid', relu), MaxPooling2D(2), Flatten, Dense(hiddenSize, relu),
// Dense(outputSize, softmax). Every W ~ N(0, weightInitStd²) (the book's 0.01·randn), b = 0.
// The book's params.pkl loads with loadParams (W1 permuted to TF.js' kernel, W2's rows from the
// book's (C, H, W) flattening to Flatten's (H, W, C); see conv-layout.ts).
import { ModelError } from "../core/errors.js";
import { Conv2D } from "../layers/conv2d.js";
import { Dense } from "../layers/dense.js";
import { Flatten } from "../layers/flatten.js";
import type { Layer } from "../layers/layer.js";
import { MaxPooling2D } from "../layers/pooling.js";
import { ZeroPadding2D } from "../layers/zero-padding2d.js";
import { affineWeights, convWeights } from "./book-weights.js";
import { ConvNet, type ConvNetOptions } from "./conv-net.js";
import { convOutputSize } from "./convolution.js";

export interface SimpleConvNetArgs extends ConvNetOptions {
  /** (C, H, W) of the images (default [1, 28, 28]). */
  inputDim?: [number, number, number];
  /** The book's conv_param (default 30 filters of 5×5, pad 0, stride 1). */
  convParam?: { filterNum?: number; filterSize?: number; pad?: number; stride?: number };
  hiddenSize?: number;
  outputSize?: number;
  /** σ of every weight (default 0.01). */
  weightInitStd?: number;
}

const positive = (what: string, v: number, least = 1): number => {
  if (!(Number.isInteger(v) && v >= least)) throw new ModelError(`SimpleConvNet: ${what} must be an integer ≥ ${least}, got ${String(v)}`);
  return v;
};

export class SimpleConvNet extends ConvNet {
  constructor(args: SimpleConvNetArgs = {}) {
    const { inputDim = [1, 28, 28], convParam = {}, hiddenSize = 100, outputSize = 10, weightInitStd = 0.01 } = args;
    const { filterNum = 30, filterSize = 5, pad = 0, stride = 1 } = convParam;
    if (!Array.isArray(inputDim) || inputDim.length !== 3) {
      throw new ModelError(`SimpleConvNet: inputDim is (C, H, W), e.g. [1, 28, 28]; got ${JSON.stringify(inputDim)}`);
    }
    const [c, h, w] = inputDim.map((d, i) => positive(`inputDim[${i}]`, d));
    const sizes = { filterNum, filterSize, stride, hiddenSize, outputSize };
    for (const [name, v] of Object.entries(sizes)) positive(name, v);
    positive("pad", pad, 0);
    if (!(weightInitStd > 0 && weightInitStd < Infinity)) {
      throw new ModelError(`SimpleConvNet: weightInitStd must be a positive number, got ${weightInitStd}`);
    }
    const oh = convOutputSize("SimpleConvNet", h, filterSize, stride, pad);
    const ow = convOutputSize("SimpleConvNet", w, filterSize, stride, pad);
    if (oh < 2 || ow < 2) throw new ModelError(`SimpleConvNet: the convolution's output ${oh}×${ow} is too small for the 2×2 pooling`);
    const ph = Math.floor(oh / 2), pw = Math.floor(ow / 2);
    const init = { name: "randomNormal", mean: 0, stddev: weightInitStd } as const, inputShape = [h, w, c];
    const layers: Layer[] = [
      ...(pad > 0 ? [new ZeroPadding2D({ padding: pad, inputShape })] : []),
      new Conv2D({ filters: filterNum, kernelSize: filterSize, strides: stride, padding: "valid", activation: "relu",
        kernelInitializer: init, inputShape: pad > 0 ? undefined : inputShape }),
      new MaxPooling2D({ poolSize: 2, strides: 2 }), new Flatten(),
      new Dense({ units: hiddenSize, activation: "relu", kernelInitializer: init }),
      new Dense({ units: outputSize, activation: "softmax", kernelInitializer: init }),
    ];
    super(layers, [...convWeights(1, filterNum, c, filterSize, filterSize),
      ...affineWeights(2, filterNum * ph * pw, hiddenSize, [filterNum, ph, pw]), ...affineWeights(3, hiddenSize, outputSize)], args);
  }
}
