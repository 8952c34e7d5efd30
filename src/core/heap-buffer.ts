// What Tensor and Indices share: a pointer into WASM memory that either OWNS its bytes (dispose()
// gives them back to the Heap) or VIEWS part of an owner's (made by view(): dispose() frees
// nothing, so a view can never free its parent). Reading `ptr` (every op and kernel call does)
// or `data` after the owner was disposed throws a ModelError instead of touching memory that
// another tensor may own by then: one boolean test, no allocation.
import type { Engine } from "./engine.js";
import { ModelError } from "./errors.js";

export abstract class HeapBuffer {
  private disposed = false;
  /** The buffer whose memory this one views (always an owner, never a view); undefined for an owner. */
  readonly parent?: HeapBuffer;

  /** @param parent Set by view() only: the owner this views. */
  protected constructor(readonly engine: Engine, private readonly address: number, parent?: HeapBuffer) {
    this.parent = parent?.parent ?? parent;
  }

  /** The byte address in WASM memory. Throws once this buffer, or the owner it views, is disposed. */
  get ptr(): number {
    if (this.disposed || (this.parent !== undefined && this.parent.disposed)) throw this.gone();
    return this.address;
  }

  /** True once dispose() was called on this buffer or on the owner it views (TensorFlow.js' name). */
  get isDisposed(): boolean {
    return this.disposed || (this.parent !== undefined && this.parent.disposed);
  }

  /** An owner gives its memory back (its views die with it); a view only ends itself. Twice is harmless. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.parent === undefined) this.engine.heap.release(this.address);
  }

  /** The error for a use after dispose; `ownerGone`: this is a live view whose owner was disposed. */
  protected abstract goneMessage(ownerGone: boolean): string;

  private gone(): ModelError {
    return new ModelError(this.goneMessage(!this.disposed));
  }
}
