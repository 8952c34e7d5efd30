// predictLayers(): every layer's output for x, what a TF.js user gets from a model whose outputs are
// all the layers' (tf.model({ inputs: m.inputs, outputs: m.layers.map((l) => l.output) }).predict(x)):
// the feature maps the filters page draws. The pass is predict()'s, so the last entry equals
// predict(x) bit for bit. Outputs are taken from what each forward() returns, not layer.output:
// Flatten and Reshape return their input itself.
import { assertPositiveInteger } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import type { Inputs } from "../data/inputs.js";
import { inputsFor, type Resident } from "../data/resident.js";
import { sizeOf } from "../layers/layer.js";
import { forChunks, type PredictArgs } from "./inference.js";
import type { Model } from "./model.js";
import { reserve } from "./stack.js";

/** One layer's output for every row of x: shape [rows, ...the layer's output shape], row-major. */
export interface LayerOutput {
  /** The layer's name and class, as model.layers lists them. */
  name: string;
  className: string;
  shape: number[];
  data: Float32Array;
}

/** Every layer's output for x, in model.layers' order (the last is predict(x)); the model needs no compile. */
export function predictLayers(model: Model, x: Inputs | Resident, { batchSize = 256 }: PredictArgs = {}): LayerOutput[] {
  const engine = model.ready();
  assertPositiveInteger("predictLayers: batchSize", batchSize);
  return withScope(engine, (s) => {
    const inputs = inputsFor(s, "predictLayers: x", x, model.inputUnits, model.inputShape);
    const sizes = model.outputShapes.map(sizeOf);
    const outputs = model.layers.map((l, i): LayerOutput => ({
      name: l.name, className: l.className, shape: [inputs.rows, ...model.outputShapes[i]], data: new Float32Array(inputs.rows * sizes[i]),
    }));
    reserve(model, Math.min(batchSize, inputs.rows));
    forChunks(engine, inputs, batchSize, (xb, _idx, start, count) => {
      let a = xb;
      for (let i = 0; i < model.layers.length; i++) {
        a = model.layers[i].forward(a, count, false);
        const from = a >>> 2, n = sizes[i];
        outputs[i].data.set(engine.heap.f32.subarray(from, from + count * n), start * n);
      }
    });
    return outputs;
  });
}
