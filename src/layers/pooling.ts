// MaxPooling2D and AveragePooling2D (Keras / TF.js; the book's Pooling, Saito 7.4): each window of
// a channels-last image [h, w, c] becomes its maximum or mean, per channel. TF.js' defaults:
// poolSize [2, 2], strides = poolSize, padding 'valid'. Max keeps each output's argmax for backward
// (a per-batch i32 buffer); average divides by the window's in-image count, as TF.js' forward does.
// Kernels: assembly/conv/pool.ts (the full .wasm only: scratchnet/core's lacks them, and build says so).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { poolGeometry, type PoolGeometry } from "../ops/pool.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import { Layer, sizeOf, type Shape } from "./layer.js";

export interface Pooling2DArgs extends BaseLayerArgs {
  /** The window [height, width], or one number for both (default [2, 2]). */
  poolSize?: number | [number, number];
  /** The step [down, across], or one number for both (default: poolSize). */
  strides?: number | [number, number] | null;
  padding?: "valid" | "same";
  /** Only 'channelsLast' (NHWC, TF.js' default). */
  dataFormat?: "channelsLast";
}

/** The [h, w, c] of an image input, or a ShapeError naming the layer. */
export function imageShape(layer: Layer, inputShape: Shape): [number, number, number] {
  if (inputShape.length !== 3) {
    throw new ShapeError(`${layer.name}: ${layer.className} takes images of shape [h, w, c] (channels last), got [${inputShape}]; `
      + "give the first layer inputShape [h, w, c], e.g. [28, 28, 1], or Reshape flat rows to it");
  }
  return [inputShape[0], inputShape[1], inputShape[2]];
}

/** Refuse dataFormat 'channelsFirst' (or anything but 'channelsLast') by name. */
export function checkDataFormat(name: string, dataFormat: unknown): void {
  if (dataFormat !== undefined && dataFormat !== "channelsLast") {
    throw new ModelError(`${name}: dataFormat '${String(dataFormat)}' is not supported; scratchnet's images are channels last `
      + "([h, w, c], TF.js' default): transpose the images to NHWC and leave dataFormat out (or 'channelsLast')");
  }
}

/** The body every pooling layer shares: a geometry, the max or average kernels, and max's argmax buffer. */
export abstract class PoolingBase extends Layer {
  protected abstract readonly kind: "max" | "avg";
  protected g!: PoolGeometry;
  private argmax = 0;

  /** The windows for an [h, w, c] input (a ShapeError when they do not fit). */
  protected abstract geometry(inputShape: Shape): PoolGeometry;

  protected override buildWeights(engine: Engine, _rng: Rng): void {
    if (typeof engine.k.maxPool !== "function") {
      throw new ModelError(`${this.name}: this engine's .wasm has no pooling kernels (scratchnet/core's module leaves them out); `
        + "import from 'scratchnet', or init() scratchnet.wasm with 'scratchnet/extras'");
    }
    this.g = this.geometry(this.inputShape);
  }

  override batchBytes(rows: number, inputShape: Shape): number {
    const extra = this.kind === "max" ? rows * sizeOf(this.computeOutputShape(inputShape)) * 4 : 0;
    return super.batchBytes(rows, inputShape) + extra;
  }

  protected override reserveMore(rows: number): void {
    if (this.kind === "max") this.argmax = this.live().heap.alloc(rows * sizeOf(this.outputShape) * 4);
  }

  protected override releaseBatch(): void {
    if (this.argmax) this.live().heap.release(this.argmax);
    this.argmax = 0;
    super.releaseBatch();
  }

  forward(x: number, rows: number, _training = false): number {
    const k = this.live().k, { h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW } = this.g;
    if (this.kind === "max") k.maxPool(x, rows, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, this.y, this.argmax);
    else k.avgPool(x, rows, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, this.y);
    return this.y;
  }

  /** dx from outputGrad, through the last forward's windows (max: its argmax); nothing when dx is 0. */
  backward(_x: number, rows: number, dx: number, _fused = false): void {
    if (!dx) return;
    const k = this.live().k, { h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW } = this.g;
    // Windows that tile the image (strides = pool size, SimpleConvNet's 2×2): dx written once, no fill then scatter.
    const tiles = strideH === poolH && strideW === poolW && padTop === 0 && padLeft === 0 && outH === Math.floor(h / poolH)
      && outW === Math.floor(w / poolW) && c >= 4;
    if (this.kind === "max" && tiles) k.maxPoolBackwardTiled(this.dy, this.argmax, rows, h, w, c, poolH, poolW, dx);
    else if (this.kind === "max") k.maxPoolBackward(this.dy, this.argmax, rows, h, w, c, outH, outW, dx);
    else k.avgPoolBackward(this.dy, rows, h, w, c, poolH, poolW, strideH, strideW, padTop, padLeft, outH, outW, dx);
  }
}

const pair = (name: string, what: string, v: unknown): [number, number] => {
  const p = typeof v === "number" ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new ModelError(`${name}: ${what} must be a positive integer or a pair of them, e.g. 2 or [2, 3]; got ${JSON.stringify(v)}`);
  }
  return [p[0], p[1]];
};

/** MaxPooling2D and AveragePooling2D: windows of poolSize, moved by strides, with TF.js' padding. */
abstract class Pooling2D extends PoolingBase {
  readonly poolSize: [number, number];
  readonly strides: [number, number];
  readonly padding: "valid" | "same";

  protected constructor(name: string, className: string, args: Pooling2DArgs) {
    super(name, checkLayerArgs(name, className, args, ["poolSize", "strides", "padding", "dataFormat"]));
    checkDataFormat(name, args.dataFormat);
    this.poolSize = pair(name, "poolSize", args.poolSize ?? 2);
    this.strides = args.strides == null ? this.poolSize : pair(name, "strides", args.strides);
    const padding = args.padding ?? "valid";
    if (padding !== "valid" && padding !== "same") throw new ModelError(`${name}: padding '${String(padding)}'; use 'valid' or 'same'`);
    this.padding = padding;
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape); // refused here, not at compile()
  }

  protected geometry(inputShape: Shape): PoolGeometry {
    return poolGeometry(this.name, imageShape(this, inputShape), this.poolSize, this.strides, this.padding);
  }

  computeOutputShape(inputShape: Shape): Shape {
    const g = this.geometry(inputShape);
    return [g.outH, g.outW, g.c];
  }

  getConfig(): Record<string, unknown> {
    return { poolSize: [...this.poolSize], padding: this.padding, strides: [...this.strides], dataFormat: "channelsLast",
      name: this.name, trainable: true };
  }
}

let maxCounter = 0, averageCounter = 0;

/** Each window's maximum (TF.js' tf.layers.maxPooling2d); backward routes dy to the argmax (the first of a tie). */
export class MaxPooling2D extends Pooling2D {
  readonly className = "MaxPooling2D";
  protected readonly kind = "max";
  constructor(args: Pooling2DArgs = {}) {
    const name = args?.name ?? `max_pooling2d_${++maxCounter}`;
    super(name, "MaxPooling2D", args);
  }
}

/** Each window's mean over its in-image values (TF.js' tf.layers.averagePooling2d). */
export class AveragePooling2D extends Pooling2D {
  readonly className = "AveragePooling2D";
  protected readonly kind = "avg";
  constructor(args: Pooling2DArgs = {}) {
    const name = args?.name ?? `average_pooling2d_${++averageCounter}`;
    super(name, "AveragePooling2D", args);
  }
}
