// Tensor wrappers for the activations' kernels (assembly/activations/*, assembly/softmax.ts).
// `activate` and `activateBackward` take any name in the activation table (core/activations.ts),
// so a new activation needs nothing here; the named ones below are the course's.
// Forward: out = f(x); `out` may be `x` (in place); omitted, a new tensor is returned (caller disposes).
// Backward takes the forward's OUTPUT a (not z): σ' = a(1 − a), tanh' = 1 − a², relu' = [a > 0]
// (0 at 0), step' = 0, identity' = 1; dz may be dy (in place). Entries with `fromInput` (swish,
// gelu) take the forward's input z there instead.
import type { Tensor } from "../core/tensor.js";
import { getActivation, type ActivationName } from "../layers/activations.js";
import { output, sameShape } from "./shape.js";

/** out = f(x) for the activation called `name` (softmax: row by row). */
export function activate(name: ActivationName, x: Tensor, out?: Tensor): Tensor {
  const f = getActivation(name), o = output(name, out, x.rows, x.cols, x, "the shape of x");
  f.forward(x.engine.k, x.ptr, o.ptr, x.rows, x.cols);
  return o;
}

/** dz = dL/dz from dy = dL/da and a = f(z) (z itself for swish and gelu), for the activation called `name`. */
export function activateBackward(name: ActivationName, a: Tensor, dy: Tensor, dz?: Tensor): Tensor {
  const f = getActivation(name), op = `${name}Backward`;
  sameShape(op, "a", a, "dy", dy);
  const o = output(op, dz, a.rows, a.cols, a, "the shape of a");
  f.backward(a.engine.k, a.ptr, dy.ptr, o.ptr, a.rows, a.cols);
  return o;
}

/** out = x. */
export const identity = (x: Tensor, out?: Tensor): Tensor => activate("identity", x, out);
/** dz = dy. */
export const identityBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => activateBackward("identity", a, dy, dz);
/** out = 1 where x > 0, else 0. */
export const step = (x: Tensor, out?: Tensor): Tensor => activate("step", x, out);
/** dz = 0: the step's derivative is 0 wherever it exists. */
export const stepBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => activateBackward("step", a, dy, dz);
/** out = 1 / (1 + e^(−x)). */
export const sigmoid = (x: Tensor, out?: Tensor): Tensor => activate("sigmoid", x, out);
/** dz = dy · a · (1 − a), with a = sigmoid(z). */
export const sigmoidBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => activateBackward("sigmoid", a, dy, dz);
/** out = tanh(x). */
export const tanh = (x: Tensor, out?: Tensor): Tensor => activate("tanh", x, out);
/** dz = dy · (1 − a²), with a = tanh(z). */
export const tanhBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => activateBackward("tanh", a, dy, dz);
/** out = max(0, x). */
export const relu = (x: Tensor, out?: Tensor): Tensor => activate("relu", x, out);
/** dz = dy where a > 0, else 0 (the derivative at 0 is taken as 0). */
export const reluBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => activateBackward("relu", a, dy, dz);
/** Row softmax with the row max subtracted (finite for inputs like 1010, 1000, 990). */
export const softmax = (x: Tensor, out?: Tensor): Tensor => activate("softmax", x, out);
/** dz = a · (dy − Σ dy·a) per row, for a general upstream dy (use the fused loss op with cross-entropy). */
export const softmaxBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => activateBackward("softmax", a, dy, dz);
