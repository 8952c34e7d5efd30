// A copy of a model's weights taken at each epoch start, so that a diverged fit() never leaves
// non-finite weights behind. One buffer, allocated per fit(); copies stay inside WASM memory.
import type { Sequential } from "./sequential.js";
import type { Param } from "../layers/layer.js";

export class Snapshot {
  readonly ptr: number;
  private readonly params: Param[];

  constructor(private readonly model: Sequential) {
    this.params = model.params();
    this.ptr = model.engine!.heap.alloc(this.params.reduce((n, p) => n + p.size, 0) * 4);
  }

  take(): void {
    const f32 = this.model.engine!.heap.f32;
    let at = this.ptr >>> 2;
    for (const p of this.params) {
      f32.copyWithin(at, p.value >>> 2, (p.value >>> 2) + p.size);
      at += p.size;
    }
  }

  /** Put the snapshot back if any weight is NaN/Infinity; says whether it did. */
  restoreIfNonFinite(): boolean {
    const k = this.model.engine!.k;
    if (!this.params.some((p) => k.countNonFinite(p.value, p.size) > 0)) return false;
    const f32 = this.model.engine!.heap.f32;
    let at = this.ptr >>> 2;
    for (const p of this.params) {
      f32.copyWithin(p.value >>> 2, at, at + p.size);
      at += p.size;
    }
    return true;
  }
}
