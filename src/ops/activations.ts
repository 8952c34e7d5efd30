// Wrappers for assembly/activations/* and assembly/softmax.ts: one function per kernel.
// Forward: out = f(x); `out` may be `x` (in place); omitted, a new tensor is returned (caller disposes).
// Backward takes the forward's OUTPUT a (not z): σ' = a(1 − a), tanh' = 1 − a², relu' = [a > 0]
// (0 at 0), step' = 0, identity' = 1; dz may be dy (in place).
import type { Tensor } from "../core/tensor.js";
import { output, sameShape } from "./shape.js";

type Elementwise = "identity" | "step" | "sigmoid" | "tanh" | "relu";

const forward = (f: Elementwise, x: Tensor, out?: Tensor): Tensor => {
  const o = output(f, out, x.rows, x.cols, x, "the shape of x");
  x.engine.k[f](x.ptr, o.ptr, x.size);
  return o;
};

const backward = (f: Elementwise, a: Tensor, dy: Tensor, dz?: Tensor): Tensor => {
  sameShape(`${f}Backward`, "a", a, "dy", dy);
  const o = output(`${f}Backward`, dz, a.rows, a.cols, a, "the shape of a");
  a.engine.k[`${f}Backward`](a.ptr, dy.ptr, o.ptr, a.size);
  return o;
};

/** out = x. */
export const identity = (x: Tensor, out?: Tensor): Tensor => forward("identity", x, out);
/** dz = dy. */
export const identityBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => backward("identity", a, dy, dz);
/** out = 1 where x > 0, else 0. */
export const step = (x: Tensor, out?: Tensor): Tensor => forward("step", x, out);
/** dz = 0: the step's derivative is 0 wherever it exists. */
export const stepBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => backward("step", a, dy, dz);
/** out = 1 / (1 + e^(−x)). */
export const sigmoid = (x: Tensor, out?: Tensor): Tensor => forward("sigmoid", x, out);
/** dz = dy · a · (1 − a), with a = sigmoid(z). */
export const sigmoidBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => backward("sigmoid", a, dy, dz);
/** out = tanh(x). */
export const tanh = (x: Tensor, out?: Tensor): Tensor => forward("tanh", x, out);
/** dz = dy · (1 − a²), with a = tanh(z). */
export const tanhBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => backward("tanh", a, dy, dz);
/** out = max(0, x). */
export const relu = (x: Tensor, out?: Tensor): Tensor => forward("relu", x, out);
/** dz = dy where a > 0, else 0 (the derivative at 0 is taken as 0). */
export const reluBackward = (a: Tensor, dy: Tensor, dz?: Tensor): Tensor => backward("relu", a, dy, dz);

/** Row softmax with the row max subtracted (finite for inputs like 1010, 1000, 990). */
export function softmax(x: Tensor, out?: Tensor): Tensor {
  const o = output("softmax", out, x.rows, x.cols, x, "the shape of x");
  x.engine.k.softmax(x.ptr, o.ptr, x.rows, x.cols);
  return o;
}

/** dz = a · (dy − Σ dy·a) per row, for a general upstream dy (use the fused loss op with cross-entropy). */
export function softmaxBackward(a: Tensor, dy: Tensor, dz?: Tensor): Tensor {
  sameShape("softmaxBackward", "a", a, "dy", dy);
  const o = output("softmaxBackward", dz, a.rows, a.cols, a, "the shape of a");
  a.engine.k.softmaxBackward(a.ptr, dy.ptr, o.ptr, a.rows, a.cols);
  return o;
}
