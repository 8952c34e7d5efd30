// Lesson 11 (Saito 6.2.2, ch06/weight_init_activation_histogram.py): the activations of a deep
// net with no bias on random inputs, layer by layer, for a choice of initial weight scale. The
// book draws x ~ N(0, 1) of 1,000 × 100, then 5 times a = x·W (W ~ σ·N(0, 1), 100 × 100), z = f(a).
// Here the net is a Sequential of Dense layers (useBias false, randomNormal σ, the activation), the
// inputs come from the seeded generator, and one forward pass leaves every layer's output in WASM,
// read once after it.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { withScope } from "../core/scope.js";
import { Tensor } from "../core/tensor.js";
import { Dense } from "../layers/dense.js";
import { Sequential } from "../models/sequential.js";
import { forward, reserve } from "../models/stack.js";

export interface ActivationHistogramArgs {
  activation: "sigmoid" | "tanh" | "relu";
  /** σ of every weight (the book's 1, 0.01, √(1/n) Xavier, √(2/n) He). */
  weightStd: number;
  /** Hidden layers (default 5), nodes per layer (default 100), input rows (default 1,000). */
  layers?: number;
  nodes?: number;
  rows?: number;
  seed?: number;
}

/** Each layer's activations (rows × nodes values, row-major), first layer first. */
export function layerActivations(args: ActivationHistogramArgs, engine: Engine = defaultEngine()): Float32Array[] {
  const { activation, weightStd, layers = 5, nodes = 100, rows = 1000, seed = DEFAULT_SEED } = args;
  if (!(weightStd > 0 && weightStd < Infinity)) {
    throw new ModelError(`layerActivations: weightStd must be a positive number, got ${weightStd}`);
  }
  for (const [name, n] of [["layers", layers], ["nodes", nodes], ["rows", rows]] as const) {
    if (!(Number.isInteger(n) && n > 0)) throw new ModelError(`layerActivations: ${name} must be a positive integer, got ${String(n)}`);
  }
  const model = new Sequential({
    layers: Array.from({ length: layers }, (_, i) => new Dense({
      units: nodes, inputShape: i === 0 ? [nodes] : undefined, useBias: false, activation,
      kernelInitializer: { name: "randomNormal", mean: 0, stddev: weightStd },
    })),
    seed, engine,
  });
  try {
    model.ready();
    return withScope(engine, (s) => {
      const x = s.track(Tensor.zeros(rows, nodes, engine));
      s.track(new Rng(engine, seed + 1)).normal(x.ptr, rows * nodes, 0, 1); // the inputs: another stream than the weights'
      reserve(model, rows);
      forward(model, x.ptr, rows, false);
      const f32 = engine.heap.f32;
      return model.layers.map((layer) => f32.slice(layer.output >>> 2, (layer.output >>> 2) + rows * nodes));
    });
  } finally {
    model.dispose();
  }
}
