// BatchNormalization's config as TF.js and Keras write it in model.json (BatchNormalization.getConfig()
// is the writing side): its weights are gamma and beta (when scale and center), then moving_mean and
// moving_variance, as TF.js names and orders them. Regularizers and constraints are refused, not dropped.
import { BatchNormalization } from "../layers/batch-normalization.js";

/** The reader's result; io/topology.ts' LayerSpec (kept structural here: topology.ts imports this file). */
export interface BatchNormalizationSpec {
  className: "BatchNormalization";
  name: string;
  create(inputShape?: number[]): BatchNormalization;
  weights(inputs: number): { name: string; shape: number[]; trainable: boolean }[];
}

export function readBatchNormalization(c: Record<string, unknown>, name: string, fail: (what: string) => never): BatchNormalizationSpec {
  // Keras 2 writes the axis as a list of one ([1] or [-1]); TF.js and Keras 3 as a number. The layer checks that a
  // positive one is the last of its input (1 for flat rows, 3 for images [h, w, c]: the channels).
  const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : c.axis ?? -1;
  if (axis !== -1 && !(Number.isInteger(axis) && axis >= 1)) {
    return fail(`${name}: axis ${JSON.stringify(c.axis)} is not the features' axis (-1 or 1 for flat rows); `
      + "scratchnet normalizes the last axis (-1, or 3 for images [h, w, c])");
  }
  const number = (key: string, fallback: number) => {
    const v = c[key] ?? fallback;
    return typeof v === "number" && Number.isFinite(v) ? v : fail(`${name}: ${key} ${JSON.stringify(v)} is not a number`);
  };
  for (const key of ["beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"]) {
    if (c[key] !== null && c[key] !== undefined) {
      return fail(`${name}: ${key} is not implemented in scratchnet; set it to null in model.json to load the model without it`);
    }
  }
  const momentum = number("momentum", 0.99), epsilon = number("epsilon", 1e-3), center = c.center !== false, scale = c.scale !== false;
  const create = (inputShape?: number[]) =>
    new BatchNormalization({ axis: axis as number, momentum, epsilon, center, scale, name, ...(inputShape ? { inputShape } : {}) });
  const weights = (inputs: number) => [
    ...(scale ? [{ name: "gamma", shape: [inputs], trainable: true }] : []),
    ...(center ? [{ name: "beta", shape: [inputs], trainable: true }] : []),
    { name: "moving_mean", shape: [inputs], trainable: false },
    { name: "moving_variance", shape: [inputs], trainable: false },
  ];
  return { className: "BatchNormalization", name, create, weights };
}
