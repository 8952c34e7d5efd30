// The model's weights (trainable and not: BatchNormalization's moving statistics too) AND its optimizer's state (velocity, Adam's m, v, step count and β^t), copied
// at each epoch start, so that a diverged fit() leaves the model as it was before that epoch:
// retrying with a smaller learning rate then starts from sane weights and a sane optimizer.
// One buffer, allocated per fit(); copies stay inside WASM memory.
import type { Model } from "./model.js";

export class Snapshot {
  readonly ptr: number;
  /** The weights first (`weightCount` of them, params then state per layer), then the optimizer's state buffers. */
  private readonly regions: { ptr: number; size: number }[];
  private readonly weightCount: number;
  private scalars: number[] = [];

  constructor(private readonly model: Model) {
    const params = model.weights().map((w) => ({ ptr: w.value, size: w.size }));
    this.weightCount = params.length;
    this.regions = [...params, ...model.optimizer!.stateBuffers()];
    this.ptr = model.engine!.heap.alloc(this.regions.reduce((n, r) => n + r.size, 0) * 4);
  }

  take(): void {
    this.copy(true);
    this.scalars = this.model.optimizer!.scalars();
  }

  restore(): void {
    this.copy(false);
    this.model.optimizer!.setScalars(this.scalars);
  }

  /** Whether any weight is NaN or ±Infinity. */
  weightsNonFinite(): boolean {
    const k = this.model.engine!.k;
    for (let i = 0; i < this.weightCount; i++) if (k.countNonFinite(this.regions[i].ptr, this.regions[i].size) > 0) return true;
    return false;
  }

  private copy(out: boolean): void {
    const f32 = this.model.engine!.heap.f32;
    let at = this.ptr >>> 2;
    for (const r of this.regions) {
      const live = r.ptr >>> 2;
      if (out) f32.copyWithin(at, live, live + r.size);
      else f32.copyWithin(live, at, at + r.size);
      at += r.size;
    }
  }
}
