// Lesson 15 (Saito 7.4, common/layers.py): the book's Convolution and Pooling layers with its names
// and (N, C, H, W) arrays, as adapters on the engine's layers (image-layers.ts):
//  - Convolution(W, b, stride, pad): W [FN, C, FH, FW]. A ZeroPadding2D of `pad` (when pad > 0)
//    then a linear Conv2D 'valid' with `stride`, its kernel W permuted to TF.js' [FH, FW, C, FN].
//    The book's pad is the same on every side, which TF.js' 'same' is only for odd filters with
//    pad = (FH − 1) / 2; ZeroPadding2D + 'valid' is every pad. W and b are read at each forward,
//    so changing them in place (a numerical gradient does) takes effect; backward sets dW and db.
//  - Pooling(poolH, poolW, stride, pad): max over each window, as the book's, which pads with
//    zeros (np.pad) before taking the maximum: ZeroPadding2D then MaxPooling2D 'valid'.
// Output sizes are the book's formula: OH = (H + 2·pad − FH) / stride + 1, floored.
import { ModelError } from "../core/errors.js";
import type { Engine } from "../core/engine.js";
import { Conv2D } from "../layers/conv2d.js";
import type { Layer } from "../layers/layer.js";
import { MaxPooling2D } from "../layers/pooling.js";
import { ZeroPadding2D } from "../layers/zero-padding2d.js";
import { kernelFromBook, kernelToBook, nestFilters, shapeNCHW, type Images4D } from "./conv-layout.js";
import { ImageLayers } from "./image-layers.js";

const count = (what: string, v: number, least: number): number => {
  if (!(Number.isInteger(v) && v >= least)) throw new ModelError(`${what} is ${v}; it must be an integer ≥ ${least}`);
  return v;
};

/** The book's output size along one axis, or an error saying the window does not fit. */
export function convOutputSize(what: string, size: number, filter: number, stride: number, pad: number): number {
  const out = Math.floor((size + 2 * pad - filter) / stride) + 1;
  if (out < 1) {
    throw new ModelError(`${what}: a window of ${filter} does not fit a size of ${size} with pad ${pad}; pad more or use a smaller window`);
  }
  return out;
}

const padded = (pad: number, inputShape: number[]): Layer[] => (pad > 0 ? [new ZeroPadding2D({ padding: pad, inputShape })] : []);

/** The book's Convolution layer: forward(x) (N, C, H, W) → (N, FN, OH, OW); backward(dout) → dx, with dW and db set. */
export class Convolution {
  /** Filters [FN][C][FH][FW] and biases [FN], the book's. */
  W: Images4D;
  b: number[];
  /** dL/dW and dL/db from the last backward (the book's dW, db). */
  dW?: Images4D;
  db?: number[];
  private readonly layers: ImageLayers;

  constructor(W: Images4D, b: number[], readonly stride = 1, readonly pad = 0, engine?: Engine) {
    const [fn, , fh, fw] = shapeNCHW("Convolution: W", W);
    count("Convolution: stride", stride, 1);
    count("Convolution: pad", pad, 0);
    if (!Array.isArray(b) || b.length !== fn) {
      throw new ModelError(`Convolution: b must hold one bias per filter (${fn}), got ${b?.length}`);
    }
    [this.W, this.b] = [W, b];
    this.layers = new ImageLayers("Convolution", (inputShape) => [...padded(pad, inputShape),
      new Conv2D({ filters: fn, kernelSize: [fh, fw], strides: stride, padding: "valid", inputShape: pad > 0 ? undefined : inputShape }),
    ], engine);
  }

  forward(x: Images4D): Images4D {
    const [fn, c, fh, fw] = shapeNCHW("Convolution: W", this.W), [, channels, h, w] = shapeNCHW("Convolution.forward: x", x);
    if (channels !== c) throw new ModelError(`Convolution.forward: x has ${channels} channels, the filters W have ${c}; x is (N, C, H, W)`);
    convOutputSize("Convolution.forward (height)", h, fh, this.stride, this.pad);
    convOutputSize("Convolution.forward (width)", w, fw, this.stride, this.pad);
    return this.layers.forward(x, (layers) => {
      const [kernel, bias] = layers.at(-1)!.params(), f32 = this.layers.engine.heap.f32;
      f32.set(kernelFromBook(this.W.flat(3), fn, c, fh, fw), kernel.value >>> 2);
      f32.set(this.b, bias.value >>> 2);
    });
  }

  backward(dout: Images4D): Images4D {
    const dx = this.layers.backward(dout), [fn, c, fh, fw] = shapeNCHW("Convolution: W", this.W);
    const [kernel, bias] = this.layers.layers!.at(-1)!.params(), f32 = this.layers.engine.heap.f32;
    this.dW = nestFilters(kernelToBook(f32.subarray(kernel.grad >>> 2, (kernel.grad >>> 2) + kernel.size), fn, c, fh, fw), fn, c, fh, fw);
    this.db = Array.from(f32.subarray(bias.grad >>> 2, (bias.grad >>> 2) + fn));
    return dx;
  }

  /** Free the engine layers. */
  dispose(): void {
    this.layers.dispose();
  }
}

/** The book's (max) Pooling layer: forward(x) (N, C, H, W) → (N, C, OH, OW); backward(dout) → dx (each dout to its window's maximum). */
export class Pooling {
  private readonly layers: ImageLayers;

  constructor(readonly poolH: number, readonly poolW: number, readonly stride = 1, readonly pad = 0, engine?: Engine) {
    count("Pooling: poolH", poolH, 1);
    count("Pooling: poolW", poolW, 1);
    count("Pooling: stride", stride, 1);
    count("Pooling: pad", pad, 0);
    this.layers = new ImageLayers("Pooling", (inputShape) => [...padded(pad, inputShape),
      new MaxPooling2D({ poolSize: [poolH, poolW], strides: stride, padding: "valid", inputShape: pad > 0 ? undefined : inputShape }),
    ], engine);
  }

  forward(x: Images4D): Images4D {
    const [, , h, w] = shapeNCHW("Pooling.forward: x", x);
    convOutputSize("Pooling.forward (height)", h, this.poolH, this.stride, this.pad);
    convOutputSize("Pooling.forward (width)", w, this.poolW, this.stride, this.pad);
    return this.layers.forward(x);
  }

  backward(dout: Images4D): Images4D {
    return this.layers.backward(dout);
  }

  dispose(): void {
    this.layers.dispose();
  }
}
