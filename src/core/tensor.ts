// A matrix in WASM memory: a pointer and a shape. `data` is a fresh view on every call (so it
// survives memory growth); the hot path never touches it, kernels take `ptr`. A tensor owns its
// memory, or is a view of rows of an owner (view()): see heap-buffer.ts for the rule.
import { ShapeError } from "./errors.js";
import { engine as defaultEngine, type Engine } from "./engine.js";
import { HeapBuffer } from "./heap-buffer.js";

export class Tensor extends HeapBuffer {
  /**
   * A tensor over rows×cols floats at `ptr`, which it owns: dispose() releases `ptr`. To look at
   * part of another tensor without owning it, use view() (`parent` is for view() alone).
   */
  constructor(engine: Engine, ptr: number, readonly rows: number, readonly cols: number, parent?: Tensor) {
    super(engine, ptr, parent);
  }

  /** A rows×cols tensor of zeros. */
  static zeros(rows: number, cols: number, engine: Engine = defaultEngine()): Tensor {
    return new Tensor(engine, engine.heap.calloc(rows * cols * 4), rows, cols);
  }

  /** A tensor holding `values` (row-major), copied into WASM once. */
  static from(values: ArrayLike<number>, rows: number, cols: number, engine: Engine = defaultEngine()): Tensor {
    if (values.length !== rows * cols) {
      throw new ShapeError(`Tensor.from: ${values.length} values do not fill a ${rows}×${cols} matrix (${rows * cols} needed)`);
    }
    const t = new Tensor(engine, engine.heap.alloc(rows * cols * 4), rows, cols);
    t.data.set(values);
    return t;
  }

  get size(): number {
    return this.rows * this.cols;
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /**
   * Rows rowStart … rowStart + rows − 1 of this tensor, sharing its memory (numpy's x[a:b]): no
   * copy, no allocation. The view owns nothing: its dispose() frees nothing, and once this tensor
   * (or the owner it views) is disposed, using the view throws.
   */
  view(rowStart: number, rows: number): Tensor {
    if (!(Number.isInteger(rowStart) && Number.isInteger(rows) && rowStart >= 0 && rows >= 0 && rowStart + rows <= this.rows)) {
      throw new ShapeError(`Tensor.view(${rowStart}, ${rows}): needs integers with 0 ≤ rowStart and rowStart + rows ≤ ${this.rows} (the rows)`);
    }
    return new Tensor(this.engine, this.ptr + rowStart * this.cols * 4, rows, this.cols, this);
  }

  /** The values as a Float32Array view of WASM memory, valid until the next allocation. */
  get data(): Float32Array {
    const p = this.ptr >>> 2;
    return this.engine.heap.f32.subarray(p, p + this.size);
  }

  /** A copy of the values that outlives the tensor. */
  toArray(): Float32Array {
    return this.data.slice();
  }

  /** Rows as plain arrays (for printing and small examples). */
  toRows(): number[][] {
    const d = this.data;
    return Array.from({ length: this.rows }, (_, r) => Array.from(d.subarray(r * this.cols, (r + 1) * this.cols)));
  }

  protected goneMessage(ownerGone: boolean): string {
    return ownerGone
      ? "this tensor is a view of a tensor that was disposed; its memory may hold other data now"
      : "this tensor was disposed; its memory may hold other data now";
  }
}
