// Gradient descent (seed 003, update_params):  W = W − learning_rate · dW
import { at } from "../f32";

/** w[i] −= lr · dw[i]. */
export function sgdStep(w: usize, dw: usize, n: i32, lr: f32): void {
  for (let i = 0; i < n; i++) store<f32>(at(w, i), load<f32>(at(w, i)) - lr * load<f32>(at(dw, i)));
}
