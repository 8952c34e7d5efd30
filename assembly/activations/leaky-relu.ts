// LeakyReLU (Keras' layer; TF.js' tf.leakyRelu):  f(x) = x < 0 ? αx : x.
// Its own layer, not an entry of the activation table: α is an argument. The backward takes the
// forward's INPUT x (a negative α flips signs, so the output cannot tell which side x was on),
// as TF.js' gradient does: dx = x > 0 ? dy : α·dy.
import { at } from "../f32";

/** out[i] = x[i] < 0 ? α·x[i] : x[i]; `out` may be `x`. α·x is taken in f64 and rounded once, as TF.js' CPU kernel does. */
export function leakyRelu(x: usize, out: usize, n: i32, alpha: f64): void {
  for (let i = 0; i < n; i++) {
    const v = load<f32>(at(x, i));
    store<f32>(at(out, i), v < 0 ? <f32>(alpha * <f64>v) : v);
  }
}

/** dx[i] = x[i] > 0 ? dy[i] : α·dy[i] (in f32, TF.js' mul(dy, alpha)); dx may be dy. */
export function leakyReluBackward(x: usize, dy: usize, dx: usize, n: i32, alpha: f64): void {
  const a = <f32>alpha;
  for (let i = 0; i < n; i++) {
    const g = load<f32>(at(dy, i));
    store<f32>(at(dx, i), load<f32>(at(x, i)) > 0 ? g : a * g);
  }
}
