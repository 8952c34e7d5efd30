// A Dense layer holding numbers the course gives rather than draws: the perceptron's hand-set
// gates, lesson 2's init_network and stored sample_weight, the average digit used as a weight
// vector. The course's forward passes then run the library's layer code (Dense.forward).
import type { Scope } from "../core/scope.js";
import { Rng } from "../core/random.js";
import { ShapeError } from "../core/errors.js";
import { Dense } from "../layers/dense.js";
import type { ActivationName } from "../layers/activations.js";

/**
 * A built Dense of `bias.length` units over `inputs` inputs, its kernel (inputs × units,
 * row-major) and bias copied from the arguments, buffers for `rows` rows; `scope` frees it.
 */
export function denseOf(scope: Scope, kernel: ArrayLike<number>, bias: ArrayLike<number>, inputs: number, activation: ActivationName, rows: number): Dense {
  const units = bias.length;
  if (kernel.length !== inputs * units) throw new ShapeError(`${kernel.length} weights do not make a ${inputs}×${units} matrix (inputs × units)`);
  const engine = scope.engine, heap = engine.heap;
  const layer = scope.track(new Dense({ name: "given", units, inputDim: inputs, activation, kernelInitializer: "zeros" }));
  layer.build(engine, [inputs], scope.track(new Rng(engine, 0))); // zeros draw nothing: the numbers come next
  const [w, b] = layer.params();
  heap.f32.set(kernel, w.value >>> 2);
  heap.f32.set(bias, b.value >>> 2);
  layer.reserve(Math.max(1, rows));
  return layer;
}
