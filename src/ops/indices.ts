// Integer indices in WASM memory (i32): class labels, argmax results, minibatch row numbers.
// Like Tensor, a pointer and a length; `data` is a fresh view on every call. It owns its memory or
// views part of an owner's (view()): core/heap-buffer.ts has the rule.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ShapeError } from "../core/errors.js";
import { HeapBuffer } from "../core/heap-buffer.js";

export class Indices extends HeapBuffer {
  /** `length` integers at `ptr`, which these indices own (dispose() releases it); view() shares instead. */
  constructor(engine: Engine, ptr: number, readonly length: number, parent?: Indices) {
    super(engine, ptr, parent);
  }

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
    const p = this.ptr >>> 2;
    return this.engine.heap.i32.subarray(p, p + this.length);
  }

  /** Values start … start + length − 1, sharing this memory (no copy); the view frees nothing when disposed. */
  view(start: number, length: number): Indices {
    if (!(Number.isInteger(start) && Number.isInteger(length) && start >= 0 && length >= 0 && start + length <= this.length)) {
      throw new ShapeError(`Indices.view(${start}, ${length}): needs integers with 0 ≤ start and start + length ≤ ${this.length} (the values)`);
    }
    return new Indices(this.engine, this.ptr + start * 4, length, this);
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

  protected goneMessage(ownerGone: boolean): string {
    return ownerGone
      ? "these indices are a view of indices that were disposed; their memory may hold other data now"
      : "these indices were disposed; their memory may hold other data now";
  }
}
