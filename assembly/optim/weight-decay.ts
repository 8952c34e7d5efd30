// AdamW's decoupled weight decay, as Keras applies it before the update (keras/src/optimizers/
// base_optimizer.py, _apply_weight_decay):  w = w − (w·wd)·lr;  then the Adam step (adam.ts).
import { at } from "../f32";

/** w[i] −= (w[i]·wd)·lr. */
export function weightDecayStep(w: usize, n: i32, lr: f32, wd: f32): void {
  for (let i = 0; i < n; i++) {
    const wi = load<f32>(at(w, i));
    store<f32>(at(w, i), wi - wi * wd * lr);
  }
}
