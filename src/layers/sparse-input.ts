// Dense's products over the nonzeros of its input (assembly/sparse.ts), for batches that are
// mostly zeros: an MNIST batch of 64 is ~81% zero pixels. z = x·W and dW = xᵀ·dz come out with
// the dense products' bits, so whether a batch goes this way changes nothing but the time.
import type { Engine } from "../core/engine.js";

/**
 * Batches with at most this share of nonzeros go sparse. The sparse products do about half the
 * dense kernel's multiply-adds per second (one row of sums at a time, weights read from L2), plus
 * listing the nonzeros: 784→100 at batch 64 broke even near 0.4 here; 0.3 keeps a margin.
 */
export const MAX_DENSITY = 0.3;
/** Narrower inputs are not looked at: their products are too small for it to pay. */
export const MIN_COLUMNS = 32;
/**
 * Most rows a forward pass may have to go sparse. The lists take 8 bytes per input element
 * (3.2 MB for 512 rows of 784), so predict() with a batchSize of 10,000 would double its memory:
 * above this it runs dense (the same bits).
 */
export const MAX_ROWS = 512;

export class SparseInput {
  private counts = 0; private lists = 0; private colCounts = 0; private colLists = 0;
  private rowsReserved = 0;
  /** The input and rows of the last forward that went sparse (0: it ran dense). */
  private x = 0; private rows = 0;

  constructor(private readonly engine: Engine, private readonly cols: number, private readonly units: number) {}

  /** z = x·W over x's nonzeros if there are few enough; false when the dense product must run. */
  forward(x: number, rows: number, w: number, z: number): boolean {
    const k = this.engine.k, cols = this.cols;
    this.x = 0;
    if (!this.engine.sparseInputs || rows > this.rowsReserved || k.countNonzero(x, rows * cols) > MAX_DENSITY * rows * cols) return false;
    k.sparseForward(x, rows, cols, this.counts, this.lists, w, this.units, z);
    this.x = x; this.rows = rows;
    return true;
  }

  /** dW = xᵀ·dz after a sparse forward of the same x (its lists); false when the dense product must run. */
  backward(x: number, rows: number, dz: number, dw: number): boolean {
    if (!this.x || x !== this.x || rows !== this.rows) return false;
    this.engine.k.sparseBackward(x, rows, this.cols, this.counts, this.lists, this.colCounts, this.colLists, 0, this.cols, dz, this.units, dw);
    this.x = 0;
    return true;
  }

  /** Lists for batches of up to `rows` rows, allocated with the layer's own buffers (Dense.reserve). */
  reserve(rows: number): void {
    rows = Math.min(rows, MAX_ROWS);
    if (rows <= this.rowsReserved) return;
    const heap = this.engine.heap, cols = this.cols;
    this.release();
    this.counts = heap.alloc(rows * 4);
    this.lists = heap.alloc(rows * (cols + 4) * 4); // a row's room: cols + 4 (assembly/sparse.ts)
    this.colCounts = heap.alloc(cols * 4);
    this.colLists = heap.alloc(cols * rows * 4);
    this.rowsReserved = rows;
  }

  dispose(): void {
    this.release();
    this.rowsReserved = 0;
    this.x = 0;
  }

  private release(): void {
    const heap = this.engine.heap;
    for (const p of [this.counts, this.lists, this.colCounts, this.colLists]) if (p) heap.release(p);
    this.counts = this.lists = this.colCounts = this.colLists = 0;
  }
}
