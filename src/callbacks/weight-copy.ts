// A copy of a model's weights kept inside WASM memory (EarlyStopping's best weights): taken and put
// back with copyWithin, never through JS arrays. Allocated on the first take, freed by release().
import type { Model } from "../models/model.js";

export class WeightCopy {
  private ptr = 0;
  private model?: Model;

  /** Whether a copy is held. */
  get held(): boolean {
    return this.ptr !== 0;
  }

  /** Copy every weight of `model` (trainable and not, as Keras' get_weights). */
  take(model: Model): void {
    if (this.model !== model) this.release();
    const weights = model.weights();
    if (!this.ptr) this.ptr = model.engine!.heap.alloc(weights.reduce((n, w) => n + w.size, 0) * 4);
    const f32 = model.engine!.heap.f32; // after the alloc: a grown memory detaches the view taken before it
    this.model = model;
    let at = this.ptr >>> 2;
    for (const w of weights) {
      f32.copyWithin(at, w.value >>> 2, (w.value >>> 2) + w.size);
      at += w.size;
    }
  }

  /** Put the copy back into the model it was taken from. */
  restore(): void {
    const f32 = this.model!.engine!.heap.f32;
    let at = this.ptr >>> 2;
    for (const w of this.model!.weights()) {
      f32.copyWithin(w.value >>> 2, at, at + w.size);
      at += w.size;
    }
  }

  release(): void {
    if (this.ptr) this.model!.engine!.heap.release(this.ptr);
    this.ptr = 0;
    this.model = undefined;
  }
}
