// DeepNeuralNet's engine side: its Dense layers as a CourseModel, and the course's layout as views
// made on demand (never per training step). The course holds W as units × inputs and samples as
// columns; Dense holds Wᵀ (inputs × units) and samples as rows. Each element of a product is one
// in-order sum in either layout (assembly/matmul.ts), so transposing gives the course's bits.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { Tensor } from "../core/tensor.js";
import { Dense } from "../layers/dense.js";
import { halfSquaredError } from "../losses/squared-error.js";
import { forward, reserve } from "../models/stack.js";
import { transpose } from "../ops/linear.js";
import { CourseModel } from "./course-model.js";

/** Per-batch-size buffers: the input and targets as rows, and Z, A, E in the course's layout (index 0 unused). */
export interface Workspace { m: number; x: Tensor; y: Tensor; Z: Tensor[]; A: Tensor[]; E: Tensor }

export class DeepLayers {
  /** The layers, the loss (E = Y − A: gradient scale −1) and SGD, as the engine trains them. */
  readonly model: CourseModel;
  /** W in the course's layout; `lent`: handed out, so copied back into the kernels before their next use. */
  private readonly courseW: Tensor[];
  private lent = false;
  /** Owner of the views on the layers' buffers: a view used after dispose() throws. */
  private readonly lifetime: Tensor;
  private work: Workspace | undefined;
  /** The workspace whose input the layers last ran forward (backprop reads their outputs). */
  ranOn: Workspace | undefined;

  /** One Dense per layer (no bias, `activations[l]`), W uniform in [-1, 1) drawn in the course's order. */
  constructor(readonly engine: Engine, readonly netArch: number[], activations: string[], propagate: Dense["propagate"], rng: Rng) {
    const layers = activations.map((activation, l) =>
      new Dense({ units: netArch[l + 1], inputDim: netArch[l], activation: activation as Dense["activation"]["name"], useBias: false, kernelInitializer: "zeros", name: `W${l + 1}` }));
    layers.forEach((layer, l) => {
      layer.propagate = propagate;
      layer.build(engine, [netArch[l]], rng); // zeros: nothing drawn
    });
    this.model = new CourseModel(engine, layers, halfSquaredError(-1), 1);
    this.lifetime = Tensor.zeros(1, 1, engine);
    this.courseW = layers.map((layer) => Tensor.zeros(layer.units, layer.inputSize, engine));
    for (const w of this.courseW) rng.uniform(w.ptr, w.size, -1, 1); // 2·rand − 1, layer by layer
    this.lent = true; // the draws go into the kernels before their first use
  }

  /** W in the course's layout, transposed from the kernels; `lend`: the caller may write to it. */
  courseWeights(lend: boolean): Tensor[] {
    this.weightsIn();
    this.model.layers.forEach((_, l) => transpose(this.kernel(l), this.courseW[l]));
    this.lent = lend;
    return this.courseW;
  }

  /** Copy W, if it was handed out, into the kernels (the caller may have written to it). */
  weightsIn(): void {
    if (!this.lent) return;
    this.lent = false;
    this.model.layers.forEach((_, l) => transpose(this.courseW[l], this.kernel(l)));
  }

  /** Run the layers forward on `rows` rows at x (the workspace's input when `w` is given). */
  forward(x: number, rows: number, w?: Workspace): number {
    this.weightsIn();
    reserve(this.model, rows);
    const a = forward(this.model, x, rows, true);
    this.ranOn = w;
    return a;
  }

  /** Views on layer l's kernel (inputs × units), its output and output gradient (rows × units). */
  kernel(l: number): Tensor {
    const p = this.model.layers[l].params()[0];
    return new Tensor(this.engine, p.value, p.shape[0], p.shape[1], this.lifetime);
  }
  output(l: number, rows: number): Tensor {
    return new Tensor(this.engine, this.model.layers[l].output, rows, this.netArch[l + 1], this.lifetime);
  }
  gradient(l: number, rows: number): Tensor {
    return new Tensor(this.engine, this.model.layers[l].outputGrad, rows, this.netArch[l + 1], this.lifetime);
  }

  /** Buffers for m samples, made once and kept while m stays the same (no allocation per epoch); the layers' for m rows too. */
  workspace(m: number): Workspace {
    if (this.work?.m === m) return this.work;
    this.freeWork();
    reserve(this.model, m);
    const e = this.engine, arch = this.netArch, units = arch[arch.length - 1];
    const unused = Tensor.zeros(1, 1, e); // index 0: the input layer has no Z (A[0] is the caller's)
    const make = () => [unused, ...arch.slice(1).map((n) => Tensor.zeros(n, m, e))];
    this.work = { m, x: Tensor.zeros(m, arch[0], e), y: Tensor.zeros(m, units, e), Z: make(), A: make(), E: Tensor.zeros(units, m, e) };
    return this.work;
  }

  dispose(): void {
    this.freeWork();
    this.model.dispose();
    for (const t of [...this.courseW, this.lifetime]) t.dispose();
  }

  private freeWork(): void {
    if (!this.work) return;
    const { x, y, Z, A, E } = this.work;
    for (const t of [x, y, E, Z[0], ...Z.slice(1), ...A.slice(1)]) t.dispose();
    this.work = this.ranOn = undefined;
  }
}
