// SGD with momentum, as Keras/TensorFlow.js define it (not Nesterov):
//   v = μ · v − lr · g;   w = w + v
import { at } from "../f32";

/** One momentum step; `v` is the velocity buffer, zero at the start. */
export function momentumStep(w: usize, dw: usize, v: usize, n: i32, lr: f32, momentum: f32): void {
  for (let i = 0; i < n; i++) {
    const vi = momentum * load<f32>(at(v, i)) - lr * load<f32>(at(dw, i));
    store<f32>(at(v, i), vi);
    store<f32>(at(w, i), load<f32>(at(w, i)) + vi);
  }
}
