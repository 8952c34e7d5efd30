// Dense (Keras):  a = f(x·W + b),  W stored in-by-out row-major as in TensorFlow.js.
// Backward (seed 003, affine_layer_backward):  dW = xᵀ·dz,  db = Σ_rows dz,  dx = dz·Wᵀ, where
// dz = dL/da · f'(a) unless the loss fused f' in already; f' and db run as one pass. The affine
// part is ./affine.ts, which lesson 7's affineForward/affineBackward run too.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, ShapeError, assertPositiveInteger, counted } from "../core/errors.js";
import { getActivation, type Activation, type ActivationName } from "./activations.js";
import { checkInitializer, initialize, type InitializerSpec } from "./initializers.js";
import { Layer, sizeOf, type Param, type Shape } from "./layer.js";
import { affine, affineGradients } from "./affine.js";
import { MAX_ROWS, MIN_COLUMNS, SparseInput } from "./sparse-input.js";
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

const OPTIONS = [
  "units", "activation", "inputShape", "inputDim", "useBias", "kernelInitializer", "biasInitializer", "kernelRegularizer", "name",
];

let counter = 0;

export class Dense extends Layer {
  readonly className = "Dense";
  readonly units: number;
  override readonly activation: Activation;
  readonly useBias: boolean;
  /** The inputs per sample declared by inputShape or inputDim (undefined: taken from the layer before). */
  readonly inputUnits?: number;
  /** The kernel's penalty, resolved from args.kernelRegularizer (undefined: none). */
  readonly kernelRegularizer?: Required<Regularizer>;
  private inUnits = 0;
  private w = 0; private b = 0; private dw = 0; private db = 0;
  /** x·W + b kept for an activation whose backward reads it (swish, gelu); else 0 and z is computed in place in the output. */
  private z = 0;
  /**
   * What backward passes down: "gradient", dL/dx = dL/dz·Wᵀ; "error", dL/da·Wᵀ, before f' (seed
   * 000's DeepNeuralNet, rule "course": not a gradient). A scratchnet option, not saved.
   */
  propagate: "gradient" | "error" = "gradient";
  /** The products over the input's nonzeros, for mostly-zero batches (wide inputs, when the engine allows). */
  private sparse?: SparseInput;

  constructor(readonly args: DenseArgs) {
    const name = args.name ?? `dense_${++counter}`;
    if (args.inputShape !== undefined && !Array.isArray(args.inputShape)) {
      throw new ModelError(`${name}: inputShape must be an array such as [${Number(args.inputShape) || 2}], `
        + `got ${JSON.stringify(args.inputShape)}; or give inputDim: ${String(args.inputShape)}`);
    }
    const declared = args.inputShape ? [...args.inputShape] : args.inputDim === undefined ? undefined : [args.inputDim];
    super(name, declared);
    assertPositiveInteger("Dense: units", args.units);
    this.units = args.units;
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    // TF.js' biasRegularizer, activityRegularizer, constraints...: refused, not trained without them.
    const given = args as unknown as Record<string, unknown>;
    const unknown = Object.keys(args).find((key) => !OPTIONS.includes(key) && given[key] !== undefined);
    if (unknown !== undefined) throw new ModelError(`${this.name}: option '${unknown}' is not implemented in scratchnet; `
        + `Dense takes ${OPTIONS.join(", ")}`);
    this.kernelRegularizer = resolveRegularizer(`${this.name}: kernelRegularizer`, args.kernelRegularizer);
    if (this.activation.name === "softmax" && this.units === 1) {
      throw new ModelError(`${this.name}: softmax over 1 unit always outputs 1; `
          + `use activation 'sigmoid' for one output, or units ≥ 2 for softmax`);
    }
    declared?.forEach((d) => assertPositiveInteger(`${this.name}: inputShape`, d));
    if (declared !== undefined) this.computeOutputShape(declared); // [28, 28] is refused here, not cut to its last 28
    this.inputUnits = declared?.[0];
    if (args.kernelInitializer !== undefined) checkInitializer(args.kernelInitializer);
    if (args.biasInitializer !== undefined) checkInitializer(args.biasInitializer, true);
  }

  computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 1) {
      const flatten = inputShape.length > 1 ? `; flatten each sample to ${counted(sizeOf(inputShape), "value")}` : "";
      throw new ShapeError(`${this.name}: Dense takes inputShape [n], e.g. [784], got [${inputShape.join(", ")}]${flatten}`);
    }
    return [this.units];
  }

  override paramCount(inputShape: Shape): number {
    return inputShape[0] * this.units + (this.useBias ? this.units : 0);
  }

  protected override buildWeights(engine: Engine, rng: Rng): void {
    const heap = engine.heap, inputs = (this.inUnits = this.inputShape[0]), n = inputs * this.units;
    this.w = this.allocate(n);
    this.dw = this.allocate(n, true);
    initialize(this.args.kernelInitializer ?? "glorotUniform", rng, heap, this.w, [inputs, this.units]);
    if (this.useBias) {
      this.b = this.allocate(this.units);
      this.db = this.allocate(this.units, true);
      initialize(this.args.biasInitializer ?? "zeros", rng, heap, this.b, [this.units]);
    }
  }

  protected override reserveMore(rows: number): void {
    if (this.activation.fromInput) this.z = this.live().heap.alloc(rows * this.units * 4);
    if (this.inUnits < MIN_COLUMNS) return; // used while engine.sparseInputs is true
    this.sparse ??= new SparseInput(this.live(), this.inUnits, this.units);
    this.sparse.reserve(rows);
  }

  /** Its output and output gradient, and the nonzero lists of a wide input (SparseInput.reserve). */
  override batchBytes(rows: number, inputShape: Shape): number {
    const inputs = inputShape[0];
    if (rows === 0) return 0;
    const r = Math.min(rows, MAX_ROWS), lists = inputs >= MIN_COLUMNS ? r + r * (inputs + 4) + inputs + inputs * r : 0;
    return ((this.activation.fromInput ? 3 : 2) * rows * this.units + lists) * 4;
  }

  forward(x: number, rows: number, _training = false): number {
    const engine = this.live(), a = this.y, z = this.z || a; // z apart only for swish/gelu, whose f' needs it
    affine(engine, x, this.w, this.b, z, rows, this.inUnits, this.units, this.sparse); // b is 0 without a bias
    this.activation.forward(engine.k, z, a, rows, this.units);
    return a;
  }

  backward(x: number, rows: number, dx: number, fused = false): void {
    const engine = this.live(), k = engine.k, dz = this.dy, kind = this.activation.fusedKind(k);
    if (dx && this.propagate === "error") { // before dz overwrites dL/da in place
      k.gemmNT(dz, this.w, dx, rows, this.units, this.inUnits, 0);
      dx = 0;
    }
    let db = this.db; // 0 without a bias; 0 once computed here
    if (!fused && db && kind >= 0) { // dz = dL/da · f'(a) and db = Σ_rows dz in one pass, sumColumns' bits
      k.activationBiasBackward(this.y, dz, dz, db, rows, this.units, kind);
      db = 0;
    } else if (!fused) this.activation.backward(k, this.z || this.y, dz, dz, rows, this.units); // fused: outputGrad holds dL/dz already
    affineGradients(engine, x, this.w, dz, this.dw, db, dx, rows, this.inUnits, this.units, this.sparse);
    const reg = this.kernelRegularizer;
    if (reg?.l1) k.addL1Grad(this.w, this.dw, this.inUnits * this.units, reg.l1);
    if (reg?.l2) k.addL2Grad(this.w, this.dw, this.inUnits * this.units, reg.l2);
  }

  override penalty(): number {
    const reg = this.kernelRegularizer;
    if (!reg) return 0;
    const k = this.live().k, n = this.inUnits * this.units;
    return (reg.l1 ? reg.l1 * k.l1Norm(this.w, n) : 0) + (reg.l2 ? reg.l2 * k.l2Norm(this.w, n) : 0);
  }

  override params(): Param[] {
    this.live();
    const [inputs, units] = [this.inUnits, this.units];
    const kernel = { name: `${this.name}/kernel`, value: this.w, grad: this.dw, shape: [inputs, units], size: inputs * units };
    if (!this.useBias) return [kernel];
    return [kernel, { name: `${this.name}/bias`, value: this.b, grad: this.db, shape: [this.units], size: this.units }];
  }

  getConfig(): Record<string, unknown> {
    const reg = this.kernelRegularizer;
    return {
      units: this.units,
      activation: this.activation.savedName,
      useBias: this.useBias,
      kernelInitializer: this.args.kernelInitializer ?? "glorotUniform",
      biasInitializer: this.args.biasInitializer ?? "zeros",
      kernelRegularizer: reg && (reg.l1 || reg.l2) ? reg : null,
      biasRegularizer: null, activityRegularizer: null, kernelConstraint: null, biasConstraint: null,
      name: this.name,
      trainable: true,
    };
  }

  protected override releaseBatch(): void {
    super.releaseBatch();
    if (this.z) this.live().heap.release(this.z);
    this.z = 0;
    this.sparse?.dispose();
  }

  override dispose(): void {
    super.dispose();
    this.sparse = undefined;
    this.w = this.dw = this.b = this.db = 0;
  }
}
