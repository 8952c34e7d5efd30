// Weight penalties (seed 001, l1/l2 in SingleLayer), in Keras' form:
//   L1: λ Σ|w|,  gradient λ · sign(w)          L2: λ Σ w²,  gradient 2 λ w
import { at } from "../f32";

/** dw[i] += l1 · sign(w[i]). */
export function addL1Grad(w: usize, dw: usize, n: i32, l1: f32): void {
  for (let i = 0; i < n; i++) {
    const wi = load<f32>(at(w, i));
    const s: f32 = wi > 0 ? 1 : wi < 0 ? -1 : 0;
    store<f32>(at(dw, i), load<f32>(at(dw, i)) + l1 * s);
  }
}

/** dw[i] += 2 · l2 · w[i]. */
export function addL2Grad(w: usize, dw: usize, n: i32, l2: f32): void {
  const k: f32 = 2 * l2;
  for (let i = 0; i < n; i++) store<f32>(at(dw, i), load<f32>(at(dw, i)) + k * load<f32>(at(w, i)));
}

/** Σ|w[i]|. */
export function l1Norm(w: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += <f64>Mathf.abs(load<f32>(at(w, i)));
  return s;
}

/** Σ w[i]². */
export function l2Norm(w: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const wi = <f64>load<f32>(at(w, i));
    s += wi * wi;
  }
  return s;
}
