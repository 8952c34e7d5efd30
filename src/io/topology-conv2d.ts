// Conv2D's config as TF.js and Keras write it in model.json (Conv2D.getConfig() is the writing side):
// filters, kernel_size [kh, kw], strides, padding, data_format 'channels_last', dilation_rate, and the
// keys Dense shares (io/kernel-options.ts). Its weights are kernel [kh, kw, cin, filters] and bias
// [filters], as TF.js names them. What scratchnet does not implement is refused by name: channels_first,
// a dilation ≠ 1, Keras' groups ≠ 1, constraints.
import { Conv2D } from "../layers/conv2d.js";
import type { Layer } from "../layers/layer.js";
import { kernelOptions, refuseSet } from "./kernel-options.js";
import { checkChannelsLast } from "./topology-pooling.js";

type Fail = (what: string) => never;

/** The reader's result; io/topology.ts' LayerSpec (kept structural here: topology.ts imports this file). */
export interface Conv2DSpec {
  className: "Conv2D";
  name: string;
  create(inputShape?: number[]): Layer;
  weights(inputs: number): { name: string; shape: number[]; trainable: boolean }[];
}

const isOne = (v: unknown) => v === undefined || v === null || v === 1 || (Array.isArray(v) && v.every((d) => d === 1));

export function readConv2D(c: Record<string, unknown>, name: string, fail: Fail): Conv2DSpec {
  checkChannelsLast(c, name, "Conv2D", fail);
  if (!isOne(c.dilation_rate)) {
    return fail(`${name}: dilation_rate ${JSON.stringify(c.dilation_rate)} is not implemented; scratchnet's Conv2D has dilation 1 `
      + "(TF.js' default)");
  }
  if (!isOne(c.groups)) return fail(`${name}: groups ${JSON.stringify(c.groups)} is not implemented; scratchnet's Conv2D has groups 1`);
  refuseSet(c, name, ["kernel_constraint", "bias_constraint"], fail);
  const { activation, useBias, args } = kernelOptions(c, name, fail);
  const options = { filters: c.filters as number, kernelSize: c.kernel_size as [number, number], activation, useBias, name, ...args,
    ...(c.strides != null ? { strides: c.strides as [number, number] } : {}),
    ...(c.padding != null ? { padding: c.padding as "same" } : {}) };
  const make = (inputShape?: number[]) => new Conv2D({ ...options, ...(inputShape ? { inputShape } : {}) });
  let probe: Conv2D;
  try {
    probe = make(); // the constructor's checks (filters, kernel_size, strides, padding) become the file's errors
  } catch (e) {
    return fail(`${name}: ${(e as Error).message.replace(`${name}: `, "")}`);
  }
  const [kh, kw] = probe.kernelSize, filters = probe.filters;
  const weights = (inputs: number) => [{ name: "kernel", shape: [kh, kw, inputs, filters], trainable: true },
    ...(useBias ? [{ name: "bias", shape: [filters], trainable: true }] : [])];
  return { className: "Conv2D", name, create: make, weights };
}
