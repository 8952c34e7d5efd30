// What Flatten and Reshape share: the samples' bytes are already in the order the new shape reads
// them (row-major), so forward hands on its input pointer itself and keeps no output buffer; only
// outputGrad is allocated, and backward copies it down into dx (the layer before owns dx).
import { Layer, sizeOf, type Shape } from "./layer.js";

export abstract class Rearrange extends Layer {
  private held = 0;

  override reserve(rows: number): void {
    if (rows <= this.held) return;
    const heap = this.live().heap;
    this.releaseBatch();
    this.dy = heap.alloc(rows * sizeOf(this.outputShape) * 4);
    this.held = rows;
  }

  override get rowsHeld(): number { return this.held; }

  override batchBytes(rows: number, inputShape: Shape): number {
    return rows * sizeOf(this.computeOutputShape(inputShape)) * 4;
  }

  forward(x: number, _rows: number, _training = false): number {
    this.live();
    return (this.y = x); // `output` is the input buffer: the layer after reads it as its x
  }

  backward(_x: number, rows: number, dx: number, _fused = false): void {
    if (dx) this.live().k.identityBackward(0, this.dy, dx, rows * sizeOf(this.outputShape)); // a copy (memory.copy)
  }

  protected override releaseBatch(): void {
    const heap = this.live().heap;
    if (this.dy) heap.release(this.dy);
    this.y = this.dy = 0;
    this.held = 0;
  }
}
