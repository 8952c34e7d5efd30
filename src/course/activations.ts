// Lesson 2, activation functions as array functions (seeds 003, 004): numbers in, a
// Float32Array out, each computed by the activation table Dense layers use (layers/activations.ts).
//   step(x)     = 1 if x > 0 else 0           step'(x)     = 0 (where it exists)
//   identity(x) = x                           identity'(x) = 1
//   sigmoid(x)  = 1 / (1 + e^(−x))            sigmoid'(x)  = σ(x)(1 − σ(x))
//   tanh(x)                                   tanh'(x)     = 1 − tanh²(x)
//   relu(x)     = max(0, x)                   relu'(x)     = 1 if x > 0 else 0 (0 at 0, as seed 000's relu_d)
//   softmax(a)ₖ = e^(aₖ − c) / Σᵢ e^(aᵢ − c),  c = max(a)
// Seed 004's "improved" softmax computes c = np.max(a) and then forgets to subtract it
// (exp_a = np.exp(a)), so softmax([1010, 1000, 990]) still overflows to nan there. The kernel
// subtracts the row max: here it is ≈ [0.99995, 4.54e-5, 2.06e-9].
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError } from "../core/errors.js";
import { Tensor } from "../core/tensor.js";
import { withScope, type Scope } from "../core/scope.js";
import type { ActivationName } from "../layers/activations.js";
import { activate, activateBackward } from "../ops/activations.js";

export type Values = ArrayLike<number>;

/** a = f(t) in place, as a layer's forward ends. */
const apply = (f: ActivationName, t: Tensor): Tensor => activate(f, t, t);
/** dz = f'·dy from f's output a, as a layer's backward begins; written into dy. */
const backward = (f: ActivationName, a: Tensor, dy: Tensor): Tensor => activateBackward(f, a, dy, dy);

/** Run `body` on `x` copied into WASM as rows×cols; returns a copy of what it leaves in the tensor. Frees everything. */
function onKernel(what: string, x: Values, cols: number, body: (t: Tensor, scope: Scope) => Tensor, engine: Engine): Float32Array {
  if (!(Number.isInteger(cols) && cols >= 0) || (cols === 0 ? x.length !== 0 : x.length % cols !== 0)) {
    throw new DataError(`${what}: ${x.length} values do not split into rows of ${cols}`);
  }
  return withScope(engine, (s) => body(s.track(Tensor.from(x, cols ? x.length / cols : 0, cols, engine)), s).toArray());
}

const forward = (f: ActivationName) => (x: Values, engine: Engine = defaultEngine()): Float32Array =>
  onKernel(f, x, x.length, (t) => apply(f, t), engine);

/** f'(x): the backward kernel from a = f(x) with an upstream gradient of ones. */
const derivative = (f: ActivationName) => (x: Values, engine: Engine = defaultEngine()): Float32Array =>
  onKernel(`${f}Derivative`, x, x.length, (t, s) => {
    const ones = s.track(Tensor.from(new Float32Array(t.size).fill(1), t.rows, t.cols, engine));
    return backward(f, apply(f, t), ones);
  }, engine);

/** 1 where x > 0, else 0 (the course's step_function). */
export const step = forward("step");
export const identity = forward("identity");
export const sigmoid = forward("sigmoid");
export const tanh = forward("tanh");
export const relu = forward("relu");

/** 0 everywhere (the step has no slope where it is differentiable). */
export const stepDerivative = derivative("step");
export const identityDerivative = derivative("identity");
export const sigmoidDerivative = derivative("sigmoid");
export const tanhDerivative = derivative("tanh");
export const reluDerivative = derivative("relu");

/** Softmax of each row of `cols` values (default: all of x is one row), the row max subtracted first. */
export function softmax(x: Values, cols = x.length, engine: Engine = defaultEngine()): Float32Array {
  return onKernel("softmax", x, cols, (t) => apply("softmax", t), engine);
}

/**
 * The softmax Jacobian J[i][j] = ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ) of one row x (n values), as n×n row-major.
 * One softmaxBackward call: n copies of y against the identity as upstream gradients.
 */
export function softmaxJacobian(x: Values, engine: Engine = defaultEngine()): Float32Array {
  const n = x.length;
  const rows = new Float32Array(n * n);
  for (let i = 0; i < n; i++) rows.set(Array.from(x), i * n);
  return onKernel("softmaxJacobian", rows, n, (t, s) => {
    const eye = s.track(Tensor.zeros(n, n, engine));
    const d = eye.data;
    for (let i = 0; i < n; i++) d[i * n + i] = 1;
    return backward("softmax", apply("softmax", t), eye); // row i = Jᵀeᵢ = row i of J (J is symmetric)
  }, engine);
}
