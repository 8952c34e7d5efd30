// Lesson 15: what the book's Convolution and Pooling (common/layers.py) are here: a few engine
// layers (ZeroPadding2D, Conv2D, MaxPooling2D) in a Sequential, fed the book's (N, C, H, W) arrays.
// forward uploads x channels last and runs the layers (training mode: they keep what backward
// needs); backward puts dout into the last layer's outputGrad and runs each layer's backward,
// the first one's into dx, which the book returns. Built for the first (N, C, H, W) seen, rebuilt
// when it changes. For learners' small arrays, not a training step: each call copies JS ↔ WASM.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import type { Layer } from "../layers/layer.js";
import { forward, reserve } from "../models/stack.js";
import { Sequential } from "../models/sequential.js";
import { shapeNCHW, toNCHW, toNHWC, type Images4D } from "./conv-layout.js";

export class ImageLayers {
  private model?: Sequential;
  private x?: Tensor;
  private dx?: Tensor;
  private dims = "";
  private n = 0;
  private forwarded = false;

  /** `make([h, w, c])`: the engine layers for images of that shape, the first declaring it. */
  constructor(private readonly what: string, private readonly make: (inputShape: number[]) => Layer[],
    readonly engine: Engine = defaultEngine()) {}

  /** The engine layers, built for the last forward's images (undefined before it). */
  get layers(): readonly Layer[] | undefined {
    return this.model?.layers;
  }

  /** Build (or rebuild) for n images of c × h × w; `init` then writes weights into the fresh layers. */
  private ready(n: number, c: number, h: number, w: number): void {
    const dims = `${n},${c},${h},${w}`;
    if (dims === this.dims) return;
    this.dispose();
    this.model = new Sequential({ layers: this.make([h, w, c]), engine: this.engine });
    this.model.ready();
    reserve(this.model, n);
    this.x = Tensor.zeros(n, h * w * c, this.engine);
    this.dx = Tensor.zeros(n, h * w * c, this.engine);
    [this.dims, this.n] = [dims, n];
  }

  /** The layers' output for the book's images x (N, C, H, W), as (N, C', H', W'); `before` runs on the built layers first. */
  forward(x: Images4D, before: (layers: readonly Layer[]) => void = () => {}): Images4D {
    const [n, c, h, w] = shapeNCHW(`${this.what}.forward: x`, x);
    this.ready(n, c, h, w);
    before(this.model!.layers);
    this.x!.data.set(toNHWC(x));
    const out = forward(this.model!, this.x!.ptr, n, true);
    this.forwarded = true;
    return this.read(out, this.model!.outputShapes.at(-1)!);
  }

  /** dx (N, C, H, W) from dout (the shape forward returned); the layers' weight gradients are left in their grads. */
  backward(dout: Images4D): Images4D {
    if (!this.forwarded) throw new ModelError(`${this.what}.backward: call forward(x) first; backward uses what it kept`);
    const model = this.model!, layers = model.layers, [oh, ow, oc] = model.outputShapes.at(-1)!;
    const [n, c, h, w] = shapeNCHW(`${this.what}.backward: dout`, dout);
    if (n !== this.n || c !== oc || h !== oh || w !== ow) {
      throw new ModelError(`${this.what}.backward: dout is (${n}, ${c}, ${h}, ${w}); it must have forward's output shape `
        + `(${this.n}, ${oc}, ${oh}, ${ow})`);
    }
    const last = layers.length - 1, f32 = this.engine.heap.f32;
    f32.set(toNHWC(dout), layers[last].outputGrad >>> 2);
    for (let i = last; i >= 0; i--) {
      layers[i].backward(i > 0 ? layers[i - 1].output : this.x!.ptr, n, i > 0 ? layers[i - 1].outputGrad : this.dx!.ptr, false);
    }
    const [ih, iw, ic] = model.inputShape;
    return this.read(this.dx!.ptr, [ih, iw, ic]);
  }

  private read(ptr: number, [h, w, c]: readonly number[]): Images4D {
    const p = ptr >>> 2;
    return toNCHW(this.engine.heap.f32.subarray(p, p + this.n * h * w * c), this.n, h, w, c);
  }

  /** Free the layers and buffers (a later forward builds again). */
  dispose(): void {
    this.model?.dispose();
    this.x?.dispose();
    this.dx?.dispose();
    this.model = this.x = this.dx = undefined;
    this.dims = "";
    this.forwarded = false;
  }
}
