// Conv2D's direct path (assembly/conv/direct.ts) for images with few channels, MNIST's one: z and
// dK without im2col, over the nonzero pixels of x only, with the bits of im2col + GEMM. It holds
// the packed kernel (also dK's sums in backward) for the layer's life, and the batch's bits of
// nonzero pixels (one u64 an image row, so w ≤ 64) per batch size.
import type { Engine } from "../core/engine.js";
import type { ConvGeometry } from "../ops/conv.js";

/** Inputs with at most this many channels take the direct path: a window row is then a short run of x. */
export const MAX_DIRECT_CHANNELS = 4;
/** Widest image row: its nonzero pixels are the bits of one u64 (assembly/conv/masks.ts). */
export const MAX_DIRECT_WIDTH = 64;

export class DirectConv {
  private packed = 0; private masks = 0;

  /** Whether images of [h, w, c] go this way with a [kh, kw] kernel (not 1×1 stride 1, which needs no im2col anyway). */
  static fits([, w, c]: readonly number[], [, kw]: readonly number[], pointwise: boolean): boolean {
    return !pointwise && c <= MAX_DIRECT_CHANNELS && w <= MAX_DIRECT_WIDTH && kw <= MAX_DIRECT_WIDTH / 2; // shifts of a u64 stay < 64
  }

  /** Bytes per batch of `rows` images of height h: the masks. */
  static batchBytes(rows: number, h: number): number {
    return rows * h * 8;
  }

  constructor(private readonly engine: Engine, private readonly g: ConvGeometry, private readonly filters: number) {
    const patch = g.kh * g.kw * g.c;
    this.packed = engine.heap.calloc((patch + 1) * engine.k.convPackedColumns(filters) * 4); // K, then the bias
  }

  /**
   * z = conv(x, K) for `rows` images, the same bits as gemm(im2col(x), K); then + b (b ≠ 0) and ReLU
   * (relu) with addRowVector's and relu's bits.
   */
  forward(x: number, rows: number, w: number, b: number, relu: boolean, z: number): void {
    const { k } = this.engine, g = this.g;
    k.convPackKernel(w, b, g.kh * g.kw * g.c, this.filters, this.packed);
    k.convForward(x, rows, g.h, g.w, g.c, g.kh, g.kw, g.stride, g.strideW ?? g.stride, g.padTop, g.padLeft, g.outH, g.outW, this.packed,
      this.filters, z, this.masks, (b ? 1 : 0) | (relu ? 2 : 0));
  }

  /**
   * dK = im2col(x)ᵀ·dz into dw, after forward of the same x: the same bits as gemmTN. With y ≠ 0 (the
   * ReLU's output) dz is dL/da, and dK and db (≠ 0) come from dz·[y > 0] as after activationBiasBackward.
   */
  filterGrad(x: number, rows: number, dz: number, dw: number, y: number, db: number): void {
    const g = this.g;
    this.engine.k.convFilterGrad(x, rows, g.h, g.w, g.c, g.kh, g.kw, g.stride, g.strideW ?? g.stride, g.padTop, g.padLeft, g.outH, g.outW,
      this.masks, dz, this.filters, this.packed, dw, 0, this.filters, y, db);
  }

  /** The masks for batches of `rows` images (Conv2D.reserveMore). */
  reserve(rows: number): void {
    this.release();
    this.masks = this.engine.heap.alloc(DirectConv.batchBytes(rows, this.g.h));
  }

  release(): void {
    if (this.masks) this.engine.heap.release(this.masks);
    this.masks = 0;
  }

  dispose(): void {
    this.release();
    if (this.packed) this.engine.heap.release(this.packed);
    this.packed = 0;
  }
}
