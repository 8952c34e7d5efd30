// The course network from the bytes of a pickle like sample_weight.pkl (a dict W1, b1, W2, b2,
// W3, b3 of arrays): for Node (sample-weight.ts reads the file) and pages (they fetch it).
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ShapeError } from "../core/errors.js";
import { loadPickle, type PickleDict } from "../io/numpy/pickle.js";
import { toFloat32, type NdArray } from "../io/numpy/ndarray.js";
import { GivenNetwork, type Matrix } from "./given-network.js";

/** The network pickled in `bytes` (`name` for messages), uploaded into `engine` once. */
export function sampleWeightNetwork(bytes: Uint8Array, name = "sample_weight.pkl", engine: Engine = defaultEngine()): GivenNetwork {
  const p = loadPickle(bytes) as PickleDict;
  const get = (key: string, dims: number): NdArray => {
    const a = p !== null && typeof p === "object" ? p[key] : undefined;
    if (!(a && typeof a === "object" && "dtype" in a && (a as NdArray).shape.length === dims)) {
      const shape = dims === 2 ? "[inputs, units]" : "[units]";
      throw new ShapeError(`${name}: the course network needs a dict with ${key} (${shape}), this pickle has ${describe(p, key)}`);
    }
    return a as NdArray;
  };
  const W = (key: string): Matrix => {
    const a = get(key, 2);
    return { shape: [a.shape[0], a.shape[1]], data: toFloat32(a) };
  };
  const b = (key: string) => toFloat32(get(key, 1));
  return new GivenNetwork({ W1: W("W1"), b1: b("b1"), W2: W("W2"), b2: b("b2"), W3: W("W3"), b3: b("b3") }, engine);
}

const describe = (p: unknown, key: string): string => {
  if (p === null || typeof p !== "object" || Array.isArray(p) || "dtype" in p) return "no dict";
  const v = (p as PickleDict)[key];
  return v === undefined ? `keys ${Object.keys(p).join(", ")}` : `${key} of shape [${(v as NdArray).shape ?? "?"}]`;
};
