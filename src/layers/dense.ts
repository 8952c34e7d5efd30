// Dense (Keras):  a = f(x·W + b),  W stored in-by-out row-major as in TensorFlow.js.
// Backward (seed 003, affine_layer_backward):  dW = xᵀ·dz,  db = Σ_rows dz,  dx = dz·Wᵀ.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, assertPositiveInteger } from "../core/errors.js";
import { getActivation, type Activation, type ActivationName } from "./activations.js";
import { checkInitializer, initialize, type InitializerSpec } from "./initializers.js";
import type { Layer, Param } from "./layer.js";
import { MIN_COLUMNS, SparseInput } from "./sparse-input.js";
import { resolveRegularizer, type Regularizer, type RegularizerSpec } from "../regularizers.js";

export type { Regularizer };

export interface DenseArgs {
  units: number;
  activation?: ActivationName;
  inputShape?: number[];
  inputDim?: number;
  useBias?: boolean;
  kernelInitializer?: InitializerSpec;
  biasInitializer?: InitializerSpec;
  kernelRegularizer?: RegularizerSpec;
  name?: string;
}

const OPTIONS = ["units", "activation", "inputShape", "inputDim", "useBias", "kernelInitializer", "biasInitializer", "kernelRegularizer", "name"];

let counter = 0;

export class Dense implements Layer {
  readonly name: string;
  readonly units: number;
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly inputUnits?: number;
  /** The kernel's penalty, resolved from args.kernelRegularizer (undefined: none). */
  readonly kernelRegularizer?: Required<Regularizer>;
  /** @internal The model this layer was added to: a layer belongs to one model. */
  owner?: { readonly name: string };
  private inUnits = 0;
  private engine?: Engine;
  private w = 0; private b = 0; private dw = 0; private db = 0;
  private a = 0; private da = 0;
  private rowsReserved = 0;
  /** The products over the input's nonzeros, for mostly-zero batches (wide inputs, when the engine allows). */
  private sparse?: SparseInput;
  /** activationBackward() already wrote db (fused with the derivative); backward() must not redo it. */
  private biasGradDone = false;

  constructor(readonly args: DenseArgs) {
    assertPositiveInteger("Dense: units", args.units);
    this.units = args.units;
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.name = args.name ?? `dense_${++counter}`;
    // TF.js' biasRegularizer, activityRegularizer, constraints...: refused, not trained without them.
    const unknown = Object.keys(args).find((key) => !OPTIONS.includes(key) && (args as unknown as Record<string, unknown>)[key] !== undefined);
    if (unknown !== undefined) throw new ModelError(`${this.name}: option '${unknown}' is not implemented in scratchnet; Dense takes ${OPTIONS.join(", ")}`);
    this.kernelRegularizer = resolveRegularizer(`${this.name}: kernelRegularizer`, args.kernelRegularizer);
    if (this.activation.name === "softmax" && this.units === 1) {
      throw new ModelError(`${this.name}: softmax over 1 unit always outputs 1; use activation 'sigmoid' for one output, or units ≥ 2 for softmax`);
    }
    if (args.inputShape !== undefined && !Array.isArray(args.inputShape)) {
      throw new ModelError(`${this.name}: inputShape must be an array such as [${Number(args.inputShape) || 2}], got ${JSON.stringify(args.inputShape)}; or give inputDim: ${String(args.inputShape)}`);
    }
    const declared = args.inputShape?.[args.inputShape.length - 1] ?? args.inputDim;
    if (declared !== undefined) assertPositiveInteger(`${this.name}: inputShape`, declared);
    this.inputUnits = declared;
    if (args.kernelInitializer !== undefined) checkInitializer(args.kernelInitializer);
    if (args.biasInitializer !== undefined) checkInitializer(args.biasInitializer);
  }

  get built(): boolean {
    return this.engine !== undefined;
  }

  build(engine: Engine, inputUnits: number, rng: Rng): void {
    if (this.engine) throw new ModelError(`${this.name} is already built; building it again would orphan its weights. Create a new Dense for each model`);
    const heap = engine.heap;
    this.engine = engine;
    this.inUnits = inputUnits;
    const n = inputUnits * this.units;
    this.w = heap.alloc(n * 4);
    this.dw = heap.calloc(n * 4);
    initialize(this.args.kernelInitializer ?? "glorotUniform", rng, heap, this.w, inputUnits, this.units);
    if (this.useBias) {
      this.b = heap.alloc(this.units * 4);
      this.db = heap.calloc(this.units * 4);
      initialize(this.args.biasInitializer ?? "zeros", rng, heap, this.b, 1, this.units);
    }
  }

  reserve(rows: number): void {
    if (rows <= this.rowsReserved) return;
    const heap = this.live().heap;
    if (this.a) { heap.release(this.a); heap.release(this.da); }
    this.a = heap.alloc(rows * this.units * 4);
    this.da = heap.alloc(rows * this.units * 4);
    this.rowsReserved = rows;
    if (this.inUnits >= MIN_COLUMNS) { // used while engine.sparseInputs is true
      this.sparse ??= new SparseInput(this.live(), this.inUnits, this.units);
      this.sparse.reserve(rows);
    }
  }

  /** @internal Rows the per-batch buffers hold (models/memory-needs.ts checks a bigger batch fits before reserve). */
  get rowsHeld(): number { return this.rowsReserved; }

  /** Pointer of the last forward's output a = f(xW + b). */
  get output(): number {
    return this.a;
  }

  get outputGrad(): number {
    return this.da;
  }

  forward(x: number, rows: number): number {
    const k = this.live().k;
    if (!this.sparse?.forward(x, rows, this.w, this.a)) k.gemm(x, this.w, this.a, rows, this.inUnits, this.units, 0);
    this.biasGradDone = false;
    if (this.useBias) k.addRowVector(this.a, this.b, this.a, rows, this.units);
    this.activation.forward(k, this.a, this.a, rows, this.units);
    return this.a;
  }

  /** Turn dL/da (in outputGrad) into dL/dz in place; the loss calls this only when it did not fuse. */
  activationBackward(rows: number): void {
    const k = this.live().k, fused = this.activation.fused;
    if (this.useBias && fused >= 0) { // db = Σ_rows dz in the same pass, same bits as sumColumns
      k.activationBiasBackward(this.a, this.da, this.da, this.db, rows, this.units, fused);
      this.biasGradDone = true;
      return;
    }
    this.activation.backward(k, this.a, this.da, this.da, rows, this.units);
  }

  /** Parameter (and optionally input) gradients from dL/dz, which must already be in outputGrad. */
  backward(x: number, rows: number, dx: number): void {
    const k = this.live().k;
    if (!this.sparse?.backward(x, rows, this.da, this.dw)) k.gemmTN(x, this.da, this.dw, this.inUnits, rows, this.units, 0);
    if (this.useBias && !this.biasGradDone) k.sumColumns(this.da, this.db, rows, this.units, 0);
    this.biasGradDone = false;
    if (dx) k.gemmNT(this.da, this.w, dx, rows, this.units, this.inUnits, 0);
    const reg = this.kernelRegularizer;
    if (reg?.l1) k.addL1Grad(this.w, this.dw, this.inUnits * this.units, reg.l1);
    if (reg?.l2) k.addL2Grad(this.w, this.dw, this.inUnits * this.units, reg.l2);
  }

  /** The regularisation term this layer adds to the loss. */
  penalty(): number {
    const reg = this.kernelRegularizer;
    if (!reg) return 0;
    const k = this.live().k, n = this.inUnits * this.units;
    return (reg.l1 ? reg.l1 * k.l1Norm(this.w, n) : 0) + (reg.l2 ? reg.l2 * k.l2Norm(this.w, n) : 0);
  }

  params(): Param[] {
    this.live();
    const kernel = { name: `${this.name}/kernel`, value: this.w, grad: this.dw, shape: [this.inUnits, this.units], size: this.inUnits * this.units };
    if (!this.useBias) return [kernel];
    return [kernel, { name: `${this.name}/bias`, value: this.b, grad: this.db, shape: [this.units], size: this.units }];
  }

  get inputSize(): number {
    return this.inUnits;
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, units: this.units, activation: this.activation.name, useBias: this.useBias };
  }

  dispose(): void {
    if (!this.engine) return;
    const heap = this.engine.heap;
    for (const p of [this.w, this.dw, this.b, this.db, this.a, this.da]) if (p) heap.release(p);
    this.w = this.dw = this.b = this.db = this.a = this.da = 0;
    this.rowsReserved = 0;
    this.sparse?.dispose();
    this.sparse = undefined;
    this.engine = undefined;
  }

  private live(): Engine {
    if (!this.engine) throw new ModelError(`${this.name} is not built (or was disposed): add it to a model and compile first`);
    return this.engine;
  }
}
