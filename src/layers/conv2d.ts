// Conv2D (Keras / TF.js, channels last): a = f(conv(x, K) + b), K stored [kh, kw, cin, cout] as
// TF.js stores it, i.e. flattened the (kh·kw·cin) × cout matrix that multiplies im2col's columns.
// Forward: col = im2col(x) (rows·outH·outW × kh·kw·cin), z = col·K (which IS the NHWC output
// [rows, outH, outW, cout]), z += b per position, a = f(z). Backward from dz: db = Σ dz,
// dK = colᵀ·dz, and only when dx ≠ 0, dcol = dz·Kᵀ then col2im into dx. dcol reuses col's buffer (col is
// dead once dK has it), so a layer holds one patch buffer, not two. A 1×1 kernel with stride 1 needs no
// im2col: x already is col. Few channels (MNIST's): z and dK by ./conv2d-direct.ts, the same bits.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, ShapeError, assertPositiveInteger } from "../core/errors.js";
import { convGeometry, type ConvGeometry, type ImageShape } from "../ops/conv.js";
import { getActivation, type Activation } from "./activations.js";
import { checkInitializer, initialize } from "./initializers.js";
import { Layer, sizeOf, type Param, type Shape } from "./layer.js";
import { convOptions, type Conv2DArgs } from "./conv2d-args.js";
import { DirectConv } from "./conv2d-direct.js";
import { resolveRegularizer, type Regularizer } from "../regularizers.js";

export type { Conv2DArgs };
let counter = 0;

export class Conv2D extends Layer {
  readonly className = "Conv2D";
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: "valid" | "same";
  override readonly activation: Activation;
  readonly useBias: boolean;
  readonly kernelRegularizer?: Required<Regularizer>;
  private g?: ConvGeometry;
  private w = 0; private b = 0; private dw = 0; private db = 0; private direct?: DirectConv;
  /** The im2col patches (also dcol in backward); 0 for a 1×1 stride-1 kernel. z: conv + b for swish/gelu, else 0. */
  private col = 0; private z = 0;

  constructor(readonly args: Conv2DArgs) {
    const name = args.name ?? `conv2d_${++counter}`;
    super(name, args.inputShape ? [...args.inputShape] : undefined);
    const { kernel, strides, padding } = convOptions(name, args);
    assertPositiveInteger(`${name}: filters`, args.filters);
    this.filters = args.filters;
    [this.kernelSize, this.strides, this.padding] = [kernel, strides, padding];
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelRegularizer = resolveRegularizer(`${name}: kernelRegularizer`, args.kernelRegularizer);
    if (args.kernelInitializer !== undefined) checkInitializer(args.kernelInitializer);
    if (args.biasInitializer !== undefined) checkInitializer(args.biasInitializer, true);
    if (args.inputShape !== undefined && !Array.isArray(args.inputShape)) {
      throw new ModelError(`${name}: inputShape must be an array [height, width, channels], got ${JSON.stringify(args.inputShape)}`);
    }
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape); // refused here, not at compile()
  }

  private geometry(inputShape: Shape): ConvGeometry {
    if (inputShape.length !== 3 || !inputShape.every((d) => Number.isInteger(d) && d > 0)) {
      const rank = inputShape.length;
      const hint = rank === 2 ? `; a grey image is [${inputShape}, 1]` : rank === 1 ? "; give inputShape [h, w, c] of the images" : "";
      throw new ShapeError(`${this.name}: Conv2D takes images of shape [height, width, channels], e.g. [28, 28, 1], `
        + `got [${inputShape.join(", ")}]${hint}`);
    }
    return convGeometry(this.name, inputShape as ImageShape, this.kernelSize, this.strides, this.padding);
  }

  computeOutputShape(inputShape: Shape): Shape {
    const g = this.geometry(inputShape);
    return [g.outH, g.outW, this.filters];
  }

  /** kh·kw·cin: the length of one patch (a row of col, a column of the flattened kernel). */
  private patchOf(inputShape: Shape): number {
    return this.kernelSize[0] * this.kernelSize[1] * inputShape[2];
  }

  /** No im2col: each input pixel is its own patch. */
  private get pointwise(): boolean { return [...this.kernelSize, ...this.strides].every((d) => d === 1); }

  override paramCount(inputShape: Shape): number {
    return this.patchOf(inputShape) * this.filters + (this.useBias ? this.filters : 0);
  }

  protected override buildWeights(engine: Engine, rng: Rng): void {
    if (typeof (engine.k as unknown as Record<string, unknown>).im2col !== "function") {
      throw new ModelError(`${this.name}: this engine's module has no convolution kernels (scratchnet-core.wasm leaves them out); `
        + "import 'scratchnet' (or 'scratchnet/extras' and `await init(url of scratchnet.wasm)`) to use Conv2D");
    }
    const g = (this.g = this.geometry(this.inputShape)), n = this.patchOf(this.inputShape) * this.filters;
    this.w = this.allocate(n);
    this.dw = this.allocate(n, true);
    initialize(this.args.kernelInitializer ?? "glorotUniform", rng, engine.heap, this.w, [g.kh, g.kw, g.c, this.filters]);
    if (this.useBias) {
      this.b = this.allocate(this.filters);
      this.db = this.allocate(this.filters, true);
      initialize(this.args.biasInitializer ?? "zeros", rng, engine.heap, this.b, [this.filters]);
    }
    if (DirectConv.fits(this.inputShape, this.kernelSize, this.pointwise)) this.direct = new DirectConv(engine, g, this.filters);
  }

  protected override reserveMore(rows: number): void {
    const heap = this.live().heap, positions = rows * this.g!.outH * this.g!.outW;
    if (!this.pointwise) this.col = heap.alloc(positions * this.patchOf(this.inputShape) * 4);
    if (this.activation.fromInput) this.z = heap.alloc(positions * this.filters * 4);
    this.direct?.reserve(rows);
  }

  /** Output, its gradient, z for swish/gelu, and the patch buffer. */
  override batchBytes(rows: number, inputShape: Shape): number {
    const out = sizeOf(this.computeOutputShape(inputShape)), positions = out / this.filters;
    const patches = this.pointwise ? 0 : rows * positions * this.patchOf(inputShape);
    const masks = DirectConv.fits(inputShape, this.kernelSize, this.pointwise) ? DirectConv.batchBytes(rows, inputShape[0]) : 0;
    return ((this.activation.fromInput ? 3 : 2) * rows * out + patches) * 4 + masks;
  }

  /** im2col of x into col (or x itself when pointwise). */
  private patches(x: number, rows: number): number {
    if (this.pointwise) return x;
    const { h, w, c, kh, kw, stride, strideW = stride, padTop, padLeft, outH, outW } = this.g!;
    this.live().k.im2col(x, rows, h, w, c, kh, kw, stride, strideW, padTop, padLeft, outH, outW, this.col);
    return this.col;
  }

  forward(x: number, rows: number, _training = false): number {
    const k = this.live().k, a = this.y, z = this.z || a, positions = rows * this.g!.outH * this.g!.outW;
    const f = this.activation.kernels.forward, fused = this.direct && z === a && (f === "relu" || f === "identity");
    if (fused) this.direct!.forward(x, rows, this.w, this.b, f === "relu", a); // + b and ReLU in its stores
    else if (this.direct) this.direct.forward(x, rows, this.w, 0, false, z);
    else k.gemm(this.patches(x, rows), this.w, z, positions, this.patchOf(this.inputShape), this.filters, 0);
    if (this.b && !fused) k.addRowVector(z, this.b, z, positions, this.filters);
    if (!fused) this.activation.forward(k, z, a, positions, this.filters);
    return a;
  }

  /** From col as the last forward of x left it (the loop's order: forward(training), then backward). */
  backward(x: number, rows: number, dx: number, fused = false): void {
    const k = this.live().k, dz = this.dy, kind = this.activation.fusedKind(k), g = this.g!;
    const positions = rows * g.outH * g.outW, patch = this.patchOf(this.inputShape), units = this.filters;
    // No dx and ReLU: f' and db inside the direct filter gradient's pass, dz never written.
    const inPass = !!this.direct && !dx && !fused && this.activation.kernels.forward === "relu";
    let db = inPass ? 0 : this.db;
    if (!inPass && !fused && db && kind >= 0) { // dz = dL/da · f'(a) and db = Σ dz in one pass, as Dense
      k.activationBiasBackward(this.y, dz, dz, db, positions, units, kind);
      db = 0;
    } else if (!inPass && !fused) this.activation.backward(k, this.z || this.y, dz, dz, positions, units);
    if (db) k.sumColumns(dz, db, positions, units, 0);
    const col = this.pointwise ? x : this.col;
    if (this.direct) this.direct.filterGrad(x, rows, dz, this.dw, inPass ? this.y : 0, inPass ? this.db : 0);
    else k.gemmTN(col, dz, this.dw, patch, positions, units, 0);
    if (dx && this.pointwise) k.gemmNT(dz, this.w, dx, positions, units, patch, 0);
    else if (dx) {
      k.gemmNT(dz, this.w, col, positions, units, patch, 0); // dcol over col: dK above was col's last use
      k.col2im(col, rows, g.h, g.w, g.c, g.kh, g.kw, g.stride, g.strideW ?? g.stride, g.padTop, g.padLeft, g.outH, g.outW, dx, 0);
    }
    const reg = this.kernelRegularizer, n = patch * units;
    if (reg?.l1) k.addL1Grad(this.w, this.dw, n, reg.l1); if (reg?.l2) k.addL2Grad(this.w, this.dw, n, reg.l2);
  }

  override penalty(): number {
    const reg = this.kernelRegularizer;
    if (!reg) return 0;
    const k = this.live().k, n = this.patchOf(this.inputShape) * this.filters;
    return (reg.l1 ? reg.l1 * k.l1Norm(this.w, n) : 0) + (reg.l2 ? reg.l2 * k.l2Norm(this.w, n) : 0);
  }

  override params(): Param[] {
    this.live();
    const { kh, kw, c } = this.g!, n = kh * kw * c * this.filters;
    const kernel = { name: `${this.name}/kernel`, value: this.w, grad: this.dw, shape: [kh, kw, c, this.filters], size: n };
    if (!this.useBias) return [kernel];
    return [kernel, { name: `${this.name}/bias`, value: this.b, grad: this.db, shape: [this.filters], size: this.filters }];
  }

  getConfig(): Record<string, unknown> {
    const reg = this.kernelRegularizer;
    return {
      filters: this.filters, kernelSize: [...this.kernelSize], strides: [...this.strides], padding: this.padding,
      dataFormat: "channelsLast", dilationRate: [1, 1],
      activation: this.activation.savedName, useBias: this.useBias,
      kernelInitializer: this.args.kernelInitializer ?? "glorotUniform",
      biasInitializer: this.args.biasInitializer ?? "zeros",
      kernelRegularizer: reg && (reg.l1 || reg.l2) ? reg : null,
      biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
      name: this.name, trainable: true,
    };
  }

  protected override releaseBatch(): void {
    super.releaseBatch();
    const heap = this.live().heap;
    if (this.col) heap.release(this.col);
    if (this.z) heap.release(this.z);
    this.direct?.release();
    this.col = this.z = 0;
  }

  override dispose(): void {
    super.dispose();
    this.direct?.dispose(); this.direct = undefined;
    this.w = this.dw = this.b = this.db = 0;
  }
}
