// A matrix in WASM memory: a pointer and a shape. `data` is a fresh view on every call (so it
// survives memory growth); the hot path never touches it, kernels take `ptr`.
import { ShapeError, ModelError } from "./errors.js";
import { engine as defaultEngine, type Engine } from "./engine.js";

export class Tensor {
  private disposed = false;

  constructor(readonly engine: Engine, readonly ptr: number, readonly rows: number, readonly cols: number) {}

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

  /** The values as a Float32Array view of WASM memory, valid until the next allocation. */
  get data(): Float32Array {
    if (this.disposed) throw new ModelError("this tensor was disposed; its memory may hold other data now");
    return this.engine.heap.f32.subarray(this.ptr >>> 2, (this.ptr >>> 2) + this.size);
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

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.heap.release(this.ptr);
  }
}
