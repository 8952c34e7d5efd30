// model.json readers of the image layers without weights: MaxPooling2D, AveragePooling2D,
// GlobalAveragePooling2D, GlobalMaxPooling2D and ZeroPadding2D, with TF.js' config keys (pool_size,
// strides, padding, data_format 'channels_last') and Keras' (its keepdims). What scratchnet does not
// implement (channels_first, keepdims) is refused by name; each layer's constructor checks the rest.
import { MaxPooling2D, AveragePooling2D, type Pooling2DArgs } from "../layers/pooling.js";
import { GlobalAveragePooling2D, GlobalMaxPooling2D } from "../layers/global-pooling.js";
import { ZeroPadding2D, type ZeroPadding } from "../layers/zero-padding2d.js";
import { spec, shapeArg, type Config, type Fail, type Spec } from "./layer-readers.js";

/** Refuse any data_format but channels last (TF.js writes 'channels_last'; absent or null is the default). */
export function checkChannelsLast(c: Config, name: string, className: string, fail: Fail): void {
  const format = c.data_format;
  if (format !== undefined && format !== null && format !== "channels_last" && format !== "channelsLast") {
    fail(`${name}: ${className} with data_format ${JSON.stringify(format)} is not implemented; scratchnet's images are `
      + "channels_last [h, w, c]: save the model with data_format 'channels_last'");
  }
}

function readPooling(className: "MaxPooling2D" | "AveragePooling2D", c: Config, name: string, fail: Fail): Spec {
  checkChannelsLast(c, name, className, fail);
  const args: Pooling2DArgs = { name, poolSize: (c.pool_size ?? undefined) as Pooling2DArgs["poolSize"],
    strides: (c.strides ?? undefined) as Pooling2DArgs["strides"], padding: (c.padding ?? undefined) as Pooling2DArgs["padding"] };
  const Layer = className === "MaxPooling2D" ? MaxPooling2D : AveragePooling2D;
  return spec(className, name, fail, (s) => new Layer({ ...args, ...shapeArg(s) }));
}

function readGlobalPooling(className: "GlobalAveragePooling2D" | "GlobalMaxPooling2D", c: Config, name: string, fail: Fail): Spec {
  checkChannelsLast(c, name, className, fail);
  if (c.keepdims === true) { // Keras' option: the output [1, 1, c] instead of [c]
    return fail(`${name}: ${className} with keepdims true is not implemented; scratchnet's gives [c] (keepdims false), `
      + "so set keepdims to false (a Reshape to [1, 1, c] after it gives the kept dims)");
  }
  const Layer = className === "GlobalAveragePooling2D" ? GlobalAveragePooling2D : GlobalMaxPooling2D;
  return spec(className, name, fail, (s) => new Layer({ name, ...shapeArg(s) }));
}

function readZeroPadding2D(c: Config, name: string, fail: Fail): Spec {
  checkChannelsLast(c, name, "ZeroPadding2D", fail);
  const padding = (c.padding ?? undefined) as ZeroPadding | undefined;
  return spec("ZeroPadding2D", name, fail, (s) => new ZeroPadding2D({ name, padding, ...shapeArg(s) }));
}

type Reader = (c: Config, name: string, fail: Fail) => Spec;

/** The readers by TF.js class name (arrows, not calls: a call at module level would keep these layers in scratchnet/core). */
export const poolingReaders: Record<string, Reader> = {
  MaxPooling2D: (c, name, fail) => readPooling("MaxPooling2D", c, name, fail),
  AveragePooling2D: (c, name, fail) => readPooling("AveragePooling2D", c, name, fail),
  GlobalAveragePooling2D: (c, name, fail) => readGlobalPooling("GlobalAveragePooling2D", c, name, fail),
  GlobalMaxPooling2D: (c, name, fail) => readGlobalPooling("GlobalMaxPooling2D", c, name, fail),
  ZeroPadding2D: readZeroPadding2D,
};
