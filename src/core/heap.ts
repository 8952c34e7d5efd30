// The memory-ownership rule (STYLE 2.3): WASM owns the bytes, the Heap owns the policy.
// Everyone else holds pointers (plain numbers) and asks the Heap for views, which are
// re-made whenever memory has grown (a view taken before `memory.grow` is detached and
// silently reads undefined). Regions are 16-byte aligned for v128 loads; freed regions are
// reused first-fit and merged with their neighbours, so create/fit/dispose cycles do not grow
// memory without bound. A request that cannot fit under `limit` is refused (a ModelError; a
// DataError for a data set) before memory grows: memory never shrinks, so a grow that fails
// would keep its bytes for nothing.
import { counted, DataError, ModelError } from "./errors.js";

const ALIGN = 16;
const PAGE = 65536;
/** 65,536 pages of 64 KiB: the most a 32-bit WebAssembly memory can address, and what V8 (Node, Chrome) allows. */
export const WASM_MAX_BYTES = 65536 * PAGE;

/** What a buffer is for and how to need less, for the error when memory cannot hold it. */
export interface Use {
  what: string;
  fix: string;
  /** A data set (refused with a DataError) rather than a part of the model (a ModelError). */
  data?: boolean;
}

/** The Use of a data set uploaded as rows × cols values. */
export const dataUse = (what: string, rows: number, cols: number): Use => ({
  what: `${what} (${counted(rows, "row")} × ${counted(cols, "column")})`,
  fix: "pass fewer rows at a time, or pixels as a Uint8Array (1 byte a value, not 4)",
  data: true,
});

/** Megabytes (10^6 bytes) with one decimal and thousands separators, as error messages give sizes. */
export const mb = (bytes: number) => `${(bytes / 1e6).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;

export class Heap {
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);
  private u8View = new Uint8Array(0);
  private top: number;
  private readonly sizes = new Map<number, number>();
  private free: { ptr: number; size: number }[] = [];
  /** Number of `alloc` calls so far: tests use it to prove a training step allocates nothing. */
  allocations = 0;

  /**
   * @param limit The most bytes this heap lets memory grow to: 4 GiB unless the memory declares
   * less (a shared one must). A browser may refuse to grow before it: that refusal is reported
   * the same way. Tests lower it to reach it without allocating gigabytes.
   */
  constructor(readonly memory: WebAssembly.Memory, base: number, public limit = WASM_MAX_BYTES) {
    this.top = base;
  }

  get f32(): Float32Array {
    if (this.f32View.buffer !== this.memory.buffer) this.f32View = new Float32Array(this.memory.buffer);
    return this.f32View;
  }

  get i32(): Int32Array {
    if (this.i32View.buffer !== this.memory.buffer) this.i32View = new Int32Array(this.memory.buffer);
    return this.i32View;
  }

  get u8(): Uint8Array {
    if (this.u8View.buffer !== this.memory.buffer) this.u8View = new Uint8Array(this.memory.buffer);
    return this.u8View;
  }

  /**
   * Reserve `bytes` (rounded up to 16), contents unspecified. May grow memory: take views after.
   * A ModelError, with nothing grown, when memory cannot hold it; `use` names the buffer and the fix.
   */
  alloc(bytes: number, use?: Use): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const i = this.free.findIndex((r) => r.size >= size);
    if (i < 0 && !(this.top + size <= this.limit)) throw this.refusal(bytes, use); // also NaN sizes
    this.allocations++;
    let ptr: number;
    if (i >= 0) {
      const region = this.free[i];
      ptr = region.ptr;
      if (region.size === size) this.free.splice(i, 1);
      else this.free[i] = { ptr: ptr + size, size: region.size - size };
    } else {
      ptr = this.top;
      this.ensure(ptr + size, bytes, use);
      this.top = ptr + size;
    }
    this.sizes.set(ptr, size);
    return ptr;
  }

  /** Reserve and zero. */
  calloc(bytes: number, use?: Use): number {
    const ptr = this.alloc(bytes, use);
    this.u8.fill(0, ptr, ptr + Math.ceil(bytes / ALIGN) * ALIGN);
    return ptr;
  }

  /** Give a region back; it is reused by later allocations. */
  release(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) throw new Error(`Heap.release: ${ptr} is not an allocated region`);
    this.sizes.delete(ptr);
    this.free.push({ ptr, size });
    this.free.sort((a, b) => a.ptr - b.ptr);
    const merged: { ptr: number; size: number }[] = [];
    for (const r of this.free) {
      const last = merged[merged.length - 1];
      if (last && last.ptr + last.size === r.ptr) last.size += r.size;
      else merged.push({ ...r });
    }
    const last = merged[merged.length - 1];
    if (last && last.ptr + last.size === this.top) {
      this.top = last.ptr;
      merged.pop();
    }
    this.free = merged;
  }

  /** Bytes handed out and not yet released. */
  get liveBytes(): number {
    let n = 0;
    for (const s of this.sizes.values()) n += s;
    return n;
  }

  /** Bytes that allocations could still get: the free regions and the room above the top, up to `limit`. */
  get available(): number {
    return this.free.reduce((n, r) => n + r.size, 0) + Math.max(0, this.limit - this.top);
  }

  /** The error for a request memory cannot hold; `free` may count regions the request releases first. */
  refusal(bytes: number, use?: Use, note = "", free = this.available): ModelError | DataError {
    const limit = mb(this.limit) + (this.limit === WASM_MAX_BYTES ? " (4 GiB, WebAssembly's most; browsers may allow less)" : "");
    return new (use?.data ? DataError : ModelError)(
      `${use?.what ?? "a buffer"} needs ${mb(bytes)} of WebAssembly memory; ${mb(free)} of its ${limit} limit is free${note}. ` +
        `Nothing was allocated. To fit: ${use?.fix ?? "use a smaller model, batchSize or data set, or dispose() unused models"}.`,
    );
  }

  /** Grow linear memory (at least doubling, to keep growth rare, never past `limit`) until `end` fits. */
  private ensure(end: number, bytes: number, use?: Use): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const need = Math.ceil((end - have) / PAGE);
    const pages = Math.min(Math.max(need, Math.min(have / PAGE, 16384)), Math.floor((this.limit - have) / PAGE));
    try {
      this.memory.grow(Math.max(pages, need));
    } catch {
      try {
        this.memory.grow(need); // the doubling was refused: ask for just enough
      } catch (e) {
        throw this.refusal(bytes, use, `, but this runtime refused to grow memory past ${mb(this.memory.buffer.byteLength)} (${String(e)})`);
      }
    }
  }
}
