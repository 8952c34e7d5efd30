// A model's chain of layers: where a layer joins (its per-sample input shape is the layer before's
// output, or what the first layer declares; its output shape is checked before it joins, as Keras
// checks at add()), and building them all in order from one seeded generator.
import type { Engine } from "../core/engine.js";
import { counted, ShapeError } from "../core/errors.js";
import { Rng } from "../core/random.js";
import { sizeOf, type Layer, type Shape } from "../layers/layer.js";

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** `layer`'s input and output shapes after a layer whose output is `before` (undefined: it comes first). */
export function chain(layer: Layer, before: Shape | undefined): { input: Shape; output: Shape } {
  const declared = layer.declaredInputShape;
  if (!before && declared === undefined) {
    throw new ShapeError(`the first layer needs inputShape, e.g. new Dense({units: 8, inputShape: [784]})`);
  }
  if (before && declared !== undefined && !sameShape(declared, before)) {
    throw new ShapeError(`${layer.name} declares inputShape [${declared}] but the layer before it outputs [${before}] (${counted(sizeOf(before), "unit")})`);
  }
  const input = before ?? declared!;
  return { input, output: layer.computeOutputShape(input) };
}

/** Build every layer on the shapes chain() gave (inputs[i] is layer i's), weights drawn in order from `seed`. */
export function buildChain(layers: readonly Layer[], inputs: readonly Shape[], engine: Engine, seed: number): void {
  const rng = new Rng(engine, seed);
  const fresh: Layer[] = [];
  try {
    layers.forEach((layer, i) => {
      if (!layer.built) fresh.push(layer); // a layer built elsewhere throws and is left alone
      layer.build(engine, inputs[i], rng);
    });
  } catch (e) {
    for (const layer of fresh) layer.dispose(); // nothing half-built stays allocated
    throw e;
  } finally {
    rng.dispose();
  }
}
