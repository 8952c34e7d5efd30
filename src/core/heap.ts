// The memory-ownership rule (STYLE 2.3): WASM owns the bytes, the Heap owns the policy.
// Everyone else holds pointers (plain numbers) and asks the Heap for views, which are
// re-made whenever memory has grown (a view taken before `memory.grow` is detached and
// silently reads undefined). Regions are 16-byte aligned for v128 loads; freed regions are
// reused first-fit and merged with their neighbours, so create/fit/dispose cycles do not grow
// memory without bound.

const ALIGN = 16;
const PAGE = 65536;

export class Heap {
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);
  private u8View = new Uint8Array(0);
  private top: number;
  private readonly sizes = new Map<number, number>();
  private free: { ptr: number; size: number }[] = [];
  /** Number of `alloc` calls so far: tests use it to prove a training step allocates nothing. */
  allocations = 0;

  constructor(readonly memory: WebAssembly.Memory, base: number) {
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

  /** Reserve `bytes` (rounded up to 16), contents unspecified. May grow memory: take views after. */
  alloc(bytes: number): number {
    this.allocations++;
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const i = this.free.findIndex((r) => r.size >= size);
    let ptr: number;
    if (i >= 0) {
      const region = this.free[i];
      ptr = region.ptr;
      if (region.size === size) this.free.splice(i, 1);
      else this.free[i] = { ptr: ptr + size, size: region.size - size };
    } else {
      ptr = this.top;
      this.ensure(ptr + size);
      this.top = ptr + size;
    }
    this.sizes.set(ptr, size);
    return ptr;
  }

  /** Reserve and zero. */
  calloc(bytes: number): number {
    const ptr = this.alloc(bytes);
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

  /** Grow linear memory (at least doubling, to keep growth rare) until `end` fits. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const need = Math.ceil((end - have) / PAGE);
    const pages = Math.max(need, Math.min(have / PAGE, 16384));
    try {
      this.memory.grow(pages);
    } catch {
      this.memory.grow(need); // near the 4 GiB limit: ask for just enough, or let it say why not
    }
  }
}
