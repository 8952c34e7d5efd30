// Integer indices in WASM memory (i32): class labels, argmax results, minibatch row numbers.
// Like Tensor, a pointer and a length; `data` is a fresh view on every call.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ModelError } from "../core/errors.js";

export class Indices {
  private disposed = false;

  constructor(readonly engine: Engine, readonly ptr: number, readonly length: number) {}

  /** `length` zeros. */
  static zeros(length: number, engine: Engine = defaultEngine()): Indices {
    return new Indices(engine, engine.heap.calloc(Math.max(1, length) * 4), length);
  }

  /** Integers copied into WASM once; each must be an integer in [0, 2³¹). */
  static from(values: ArrayLike<number>, engine: Engine = defaultEngine()): Indices {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) throw new DataError(`Indices.from: value ${i} is ${v}, not a non-negative integer`);
    }
    const t = new Indices(engine, engine.heap.alloc(Math.max(1, values.length) * 4), values.length);
    t.data.set(values);
    return t;
  }

  /** The values as an Int32Array view of WASM memory, valid until the next allocation. */
  get data(): Int32Array {
    if (this.disposed) throw new ModelError("these indices were disposed; their memory may hold other data now");
    return this.engine.heap.i32.subarray(this.ptr >>> 2, (this.ptr >>> 2) + this.length);
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** Throw a DataError naming `op` unless every value is below `bound` (kernels index with them unchecked). */
  assertBelow(op: string, bound: number, what: string): void {
    const d = this.data;
    for (let i = 0; i < d.length; i++) {
      if (d[i] >= bound) throw new DataError(`${op}: index ${i} is ${d[i]}, but ${what} has only ${bound}; use values in 0..${bound - 1}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.engine.heap.release(this.ptr);
  }
}
