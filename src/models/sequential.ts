// Sequential (Keras / TensorFlow.js): a stack of layers (any Layer: src/layers/layer.ts), compiled
// with an optimizer and a loss, trained by fit(), queried by predict()/evaluate(). Parameters live
// in WASM memory from compile() to dispose(); this class only holds their pointers. Shapes are
// checked as layers are added, from each layer's computeOutputShape.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { DEFAULT_SEED } from "../core/random.js";
import { Layer, sizeOf, type Param, type Shape, type Weight } from "../layers/layer.js";
import { getOptimizer, type Optimizer } from "../optimizers.js";
import type { Loss } from "../losses/loss.js";
import { losses } from "../losses/losses.js";
import type { Model } from "./model.js";
import { buildChain, chain } from "./shapes.js";
import { compileArgs, type CompileArgs } from "./compile-args.js";
import { summaryText } from "./summary.js";
import { assertCompileFits } from "./memory-needs.js";
import { fit, type FitArgs } from "./fit.js";
import { predict, evaluate, type PredictArgs } from "./inference.js";
import type { History } from "./callbacks.js";
import { getWeights, setWeights, type WeightsInput } from "./weights.js";
import type { Inputs, Labels, Matrix2D } from "../data/inputs.js";
import type { Resident } from "../data/resident.js";
import { save, type SaveTarget, type SaveConfig, type SaveResult } from "./save-hook.js";

export type { CompileArgs };

export interface SequentialArgs {
  layers?: Layer[];
  name?: string;
  /** Seed of the weight initialisers (default 42): the same seed gives the same bits everywhere. */
  seed?: number;
  /** The WASM instance to live in; the default engine unless given. */
  engine?: Engine;
}

let counter = 0;

export class Sequential implements Model {
  readonly layers: Layer[] = [];
  /** Per-sample input shape (the first layer's inputShape) and each layer's output shape. */
  inputShape: Shape = [];
  readonly outputShapes: Shape[] = [];
  readonly name: string;
  /** Set to true (e.g. from a callback) to stop fit() after the current batch. */
  stopTraining = false;
  /** @internal */ engine?: Engine;
  /** @internal */ optimizer?: Optimizer;
  /** @internal */ loss?: Loss;
  /** @internal */ metrics: string[] = [];
  /** @internal True while fit() runs: a second fit() or a compile() would share its optimizer state. */ fitting = false;
  private readonly seed: number;
  private readonly requestedEngine?: Engine;
  private disposed = false;
  /** predict()'s few-row input buffer (inputBuffer) and the rows it holds. */
  private input = 0;
  private inputRows = 0;

  constructor(args: Layer[] | SequentialArgs = {}) {
    const o = Array.isArray(args) ? { layers: args } : args;
    this.name = o.name ?? `sequential_${++counter}`; // TF.js' names: two models' errors tell them apart
    this.seed = o.seed ?? DEFAULT_SEED;
    this.requestedEngine = o.engine;
    try {
      for (const layer of o.layers ?? []) this.add(layer);
    } catch (e) {
      for (const layer of this.layers) layer.owner = undefined; // a model never made owns nothing
      throw e;
    }
  }

  add(layer: Layer): void {
    this.alive();
    if (!(layer instanceof Layer)) throw new ModelError(`Sequential.add expects a layer such as new Dense({units: 8}), got ${String(layer)}`);
    if (this.engine) throw new ModelError("add layers before compile(); this model is already built");
    if (this.layers.includes(layer)) throw new ModelError(`${layer.name} is already in ${this.name}; create a new ${layer.className} for each place it is used`);
    if (layer.owner || layer.built) {
      const gone = layer.owner instanceof Sequential && layer.owner.disposed ? ", which was disposed (its weights are freed)," : "";
      throw new ModelError(`${layer.name} already belongs to a model ('${layer.owner?.name ?? "built elsewhere"}')${gone} and cannot also join '${this.name}'; create a new ${layer.className} for each model`);
    }
    const { input, output } = chain(layer, this.outputShapes.at(-1)); // throws before the layer joins
    if (this.layers.length === 0) this.inputShape = input;
    this.outputShapes.push(output);
    this.layers.push(layer);
    layer.owner = this;
  }

  /** Build the layers (weights from the seeded initialisers) and bind the optimizer and loss. */
  compile(args: CompileArgs): void {
    this.alive();
    if (this.layers.length === 0) throw new ModelError("compile(): the model has no layers; add a layer first");
    if (this.fitting) throw new ModelError("compile() while fit() is running would replace the optimizer it steps; await fit() first");
    const given = compileArgs(args), loss = losses[given.loss];
    loss.assertFits(this.layers.at(-1)!.name, this.outputUnits);
    const optimizer = getOptimizer(args.optimizer);
    optimizer.assertFreeFor(this); // before anything changes
    assertCompileFits(this, optimizer, this.engine ?? this.requestedEngine ?? defaultEngine()); // before anything is allocated
    const engine = this.ready();
    if (this.optimizer !== optimizer) this.optimizer?.unbind();
    optimizer.build(engine, this.params(), this);
    this.optimizer = optimizer;
    this.loss = loss;
    this.metrics = [...given.metrics];
  }

  /** @internal Build the layers once (weights from the seeded initialisers); predict needs no compile. */
  ready(): Engine {
    this.alive();
    if (this.engine) return this.engine;
    if (this.layers.length === 0) throw new ModelError(`${this.name} has no layers; add a layer first`);
    const engine = this.requestedEngine ?? defaultEngine();
    buildChain(this.layers, [this.inputShape, ...this.outputShapes], engine, this.seed);
    return (this.engine = engine);
  }

  /** Values per input sample. */
  get inputUnits(): number { return sizeOf(this.inputShape); }

  /** Values per output sample. */
  get outputUnits(): number { return sizeOf(this.outputShapes.at(-1)!); }

  /** @internal Every trainable buffer, kernel then bias, layer by layer (TensorFlow.js order). */
  params(): Param[] { return this.layers.flatMap((l) => l.params()); }

  /**
   * @internal Every weight in TensorFlow.js' model order: every layer's trainable ones, then every
   * layer's non-trainable ones (BatchNormalization's moving statistics come after the last kernel).
   */
  weights(): Weight[] { return [...this.params(), ...this.layers.flatMap((l) => l.state())]; }

  /** @internal predict()'s few-row input buffer (models/model.ts). */
  inputBuffer(rows: number, grow: boolean): number {
    if (rows > this.inputRows && grow) {
      const heap = this.ready().heap;
      if (this.input) heap.release(this.input);
      [this.input, this.inputRows] = [heap.alloc(rows * this.inputUnits * 4), rows];
    }
    return rows <= this.inputRows ? this.input : 0;
  }

  /** Every weight's values counted, trainable or not (Keras' countParams). */
  countParams(): number {
    this.ready();
    return this.weights().reduce((n, p) => n + p.size, 0);
  }

  /** The table Keras prints: layer, output shape, parameter count, totals. */
  summary(print: (line: string) => void = console.log): string {
    this.ready();
    const text = summaryText(this);
    print(text);
    return text;
  }

  /** x and y: arrays, or resident() sets read in place (no upload per call). */
  fit(x: Inputs | Resident, y: Labels | Resident, args: FitArgs = {}): Promise<History> {
    if (!this.optimizer) return Promise.reject(new ModelError(`${this.name} is not compiled: call model.compile({optimizer, loss}) before fit()`)); // e.g. loaded without a trainingConfig
    return fit(this, x, y, args);
  }

  predict(x: Inputs | Resident, args: PredictArgs = {}): Matrix2D & { data: Float32Array } {
    return predict(this, x, args);
  }

  /** [loss, …each of compile()'s metrics in its order] (TF.js' order). */
  evaluate(x: Inputs | Resident, y: Labels | Resident, args: PredictArgs = {}): number[] { return evaluate(this, x, y, args); }

  /** Copies of the weights in TensorFlow.js order and layout: kernel [in, out] row-major, then bias. */
  getWeights(): { shape: number[]; data: Float32Array }[] {
    return getWeights(this);
  }

  /** Replace every weight; shapes are checked before anything is written. */
  setWeights(weights: WeightsInput): void { setWeights(this, weights); }

  /** Save as TensorFlow.js' layers-model (and, by default, the optimizer's state) to a URL, folder or handler. */
  save(target: SaveTarget, config?: SaveConfig): Promise<SaveResult> { return save(this, target, config); }

  /** Free the model's WASM memory; the model cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.optimizer?.unbind();
    for (const layer of this.layers) layer.dispose(); // each keeps its owner: a freed layer never joins another model (as in TF.js)
    if (this.input) this.engine!.heap.release(this.input);
    this.disposed = true;
  }

  /** @internal The engine, once compiled and not disposed. */
  built(): Engine {
    this.alive();
    if (!this.engine) throw new ModelError(`${this.name} is not compiled: call model.compile({optimizer, loss}) first`);
    return this.engine;
  }

  private alive(): void {
    if (this.disposed) throw new ModelError(`${this.name} was disposed; its memory is freed. Build a new model`);
  }
}
