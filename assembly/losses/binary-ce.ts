// Binary cross-entropy (seed 001, logistic regression), averaged over every element (Keras):
//   L = −Σ [y log a + (1 − y) log(1 − a)] / n,  a clipped to [ε, 1 − ε], ε = 1e-7
//   dL/da = (a − y) / (a (1 − a)) / n
// With a sigmoid output the two derivatives cancel:  dL/dz = (a − y) / n   (fused, no division by a).
import { at } from "../f32";
import { logf } from "../math/log";

const EPS: f32 = 1e-7;

// @ts-ignore: decorator
@inline function clip(a: f32): f32 {
  return Mathf.min(Mathf.max(a, EPS), 1 - EPS);
}

/** Mean binary cross-entropy of predictions a against targets y in [0, 1]. */
export function binaryCrossEntropy(a: usize, y: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const ai = clip(load<f32>(at(a, i))), yi = load<f32>(at(y, i));
    s -= <f64>(yi * logf(ai) + (1 - yi) * logf(1 - ai));
  }
  return n > 0 ? s / n : 0;
}

/**
 * da[i] = (a − y) / (a (1 − a)) / n for a non-sigmoid output; 0 where the clip moved a, as in
 * TF.js and Keras (tf.clipByValue passes no gradient outside [ε, 1 − ε]). NaN stays NaN.
 */
export function binaryCrossEntropyBackward(a: usize, y: usize, da: usize, n: i32): void {
  const inv: f32 = 1 / <f32>n;
  for (let i = 0; i < n; i++) {
    const ai = load<f32>(at(a, i));
    store<f32>(at(da, i), ai < EPS || ai > 1 - EPS ? 0 : (ai - load<f32>(at(y, i))) / (ai * (1 - ai)) * inv);
  }
}

/** Fused sigmoid + binary cross-entropy: dz[i] = (a[i] − y[i]) / n. Returns the loss. */
export function sigmoidCrossEntropyBackward(a: usize, y: usize, dz: usize, n: i32): f64 {
  const loss = binaryCrossEntropy(a, y, n);
  const inv: f32 = 1 / <f32>n;
  for (let i = 0; i < n; i++) store<f32>(at(dz, i), (load<f32>(at(a, i)) - load<f32>(at(y, i))) * inv);
  return loss;
}
