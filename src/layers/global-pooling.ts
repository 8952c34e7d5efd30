// GlobalAveragePooling2D and GlobalMaxPooling2D (Keras / TF.js): an image [h, w, c] becomes [c],
// each channel's mean (or maximum) over all h·w pixels. One window the size of the image, so the
// kernels are pooling's (assembly/conv/pool.ts): the mean's backward spreads dy / (h·w).
// GlobalMaxPooling2D keeps maxPool's NaN rule (NaN never wins), where TF.js' tf.max returns NaN.
import { ModelError } from "../core/errors.js";
import { poolGeometry, type PoolGeometry } from "../ops/pool.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import type { Shape } from "./layer.js";
import { checkDataFormat, imageShape, PoolingBase } from "./pooling.js";

export interface GlobalPooling2DArgs extends BaseLayerArgs {
  /** Only 'channelsLast' (NHWC, TF.js' default). */
  dataFormat?: "channelsLast";
}

abstract class GlobalPooling2D extends PoolingBase {
  protected constructor(name: string, className: string, args: GlobalPooling2DArgs) {
    if (args === null || typeof args !== "object") throw new ModelError(`${name}: args must be an object such as {}`);
    super(name, checkLayerArgs(name, className, args, ["dataFormat"]));
    checkDataFormat(name, args.dataFormat);
  }

  protected geometry(inputShape: Shape): PoolGeometry {
    const [h, w, c] = imageShape(this, inputShape);
    return poolGeometry(this.name, [h, w, c], [h, w], [1, 1], "valid");
  }

  computeOutputShape(inputShape: Shape): Shape {
    return [this.geometry(inputShape).c];
  }

  getConfig(): Record<string, unknown> {
    return { dataFormat: "channelsLast", name: this.name, trainable: true };
  }
}

let averageCounter = 0, maxCounter = 0;

/** Each channel's mean over the image (TF.js' tf.layers.globalAveragePooling2d). */
export class GlobalAveragePooling2D extends GlobalPooling2D {
  readonly className = "GlobalAveragePooling2D";
  protected readonly kind = "avg";
  constructor(args: GlobalPooling2DArgs = {}) {
    super(args?.name ?? `global_average_pooling2d_${++averageCounter}`, "GlobalAveragePooling2D", args);
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape);
  }
}

/** Each channel's maximum over the image (TF.js' tf.layers.globalMaxPooling2d); backward routes dy to the argmax. */
export class GlobalMaxPooling2D extends GlobalPooling2D {
  readonly className = "GlobalMaxPooling2D";
  protected readonly kind = "max";
  constructor(args: GlobalPooling2DArgs = {}) {
    super(args?.name ?? `global_max_pooling2d_${++maxCounter}`, "GlobalMaxPooling2D", args);
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape);
  }
}
