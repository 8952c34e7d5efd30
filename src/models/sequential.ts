// Sequential (Keras / TensorFlow.js): a stack of Dense layers, compiled with an optimizer and a
// loss, trained by fit(), queried by predict()/evaluate(). Parameters live in WASM memory from
// compile() to dispose(); this class only holds their pointers.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { Rng, DEFAULT_SEED } from "../core/random.js";
import { Dense } from "../layers/dense.js";
import type { Param } from "../layers/layer.js";
import { getOptimizer, type Optimizer, type OptimizerSpec } from "../optimizers.js";
import { assertLossFits, getLoss, type LossName, type LossSpec, type MetricName } from "./losses.js";
import { summaryText } from "./summary.js";
import { assertCompileFits } from "./memory-needs.js";
import { fit, type FitArgs } from "./fit.js";
import { predict, evaluate, type PredictArgs } from "./inference.js";
import type { History } from "./callbacks.js";
import { getWeights, setWeights, type WeightsInput } from "./weights.js";
import type { Inputs, Labels, Matrix2D } from "../data/inputs.js";
import { save, type SaveTarget, type SaveConfig, type SaveResult } from "./save-hook.js";

export interface CompileArgs {
  optimizer: OptimizerSpec;
  loss: LossSpec;
  metrics?: MetricName[];
}

export interface SequentialArgs {
  layers?: Dense[];
  name?: string;
  /** Seed of the weight initialisers (default 42): the same seed gives the same bits everywhere. */
  seed?: number;
  /** The WASM instance to live in; the default engine unless given. */
  engine?: Engine;
}

export class Sequential {
  readonly layers: Dense[] = [];
  readonly name: string;
  /** Set to true (e.g. from a callback) to stop fit() after the current batch. */
  stopTraining = false;
  /** @internal */ engine?: Engine;
  /** @internal */ optimizer?: Optimizer;
  /** @internal */ loss?: LossName;
  /** @internal */ metrics: string[] = [];
  /** @internal True while fit() runs: a second fit() or a compile() would share its optimizer state. */ fitting = false;
  private readonly seed: number;
  private readonly requestedEngine?: Engine;
  private disposed = false;

  constructor(args: Dense[] | SequentialArgs = {}) {
    const o = Array.isArray(args) ? { layers: args } : args;
    this.name = o.name ?? "sequential";
    this.seed = o.seed ?? DEFAULT_SEED;
    this.requestedEngine = o.engine;
    try {
      for (const layer of o.layers ?? []) this.add(layer);
    } catch (e) {
      for (const layer of this.layers) layer.owner = undefined; // a model never made owns nothing
      throw e;
    }
  }

  add(layer: Dense): void {
    this.alive();
    if (!(layer instanceof Dense)) throw new ModelError(`Sequential.add expects a Dense layer, got ${String(layer)}`);
    if (this.engine) throw new ModelError("add layers before compile(); this model is already built");
    if (this.layers.includes(layer)) throw new ModelError(`${layer.name} is already in ${this.name}; create a new Dense for each place it is used`);
    if (layer.owner || layer.built) {
      const gone = layer.owner instanceof Sequential && layer.owner.disposed ? ", which was disposed (its weights are freed)," : "";
      throw new ModelError(`${layer.name} already belongs to a model ('${layer.owner?.name ?? "built elsewhere"}')${gone} and cannot also join '${this.name}'; create a new Dense for each model`);
    }
    if (this.layers.length === 0 && layer.inputUnits === undefined) {
      throw new ShapeError(`the first layer needs inputShape, e.g. new Dense({units: ${layer.units}, inputShape: [784]})`);
    }
    if (this.layers.length > 0 && layer.inputUnits !== undefined && layer.inputUnits !== this.layers.at(-1)!.units) {
      throw new ShapeError(`${layer.name} declares inputShape [${layer.inputUnits}] but the layer before it has ${this.layers.at(-1)!.units} units`);
    }
    this.layers.push(layer);
    layer.owner = this;
  }

  /** Build the layers (weights from the seeded initialisers) and bind the optimizer and loss. */
  compile(args: CompileArgs): void {
    this.alive();
    if (this.layers.length === 0) throw new ModelError("compile(): the model has no layers; add a Dense layer first");
    if (this.fitting) throw new ModelError("compile() while fit() is running would replace the optimizer it steps; await fit() first");
    const loss = getLoss(args.loss);
    assertLossFits(loss, this.layers.at(-1)!.name, this.outputUnits);
    for (const m of args.metrics ?? []) {
      if (m !== "accuracy" && m !== "acc") throw new ModelError(`unknown metric '${m}'; scratchnet computes 'accuracy'`);
    }
    const optimizer = getOptimizer(args.optimizer);
    optimizer.assertFreeFor(this); // before anything changes
    assertCompileFits(this, optimizer, this.engine ?? this.requestedEngine ?? defaultEngine()); // before anything is allocated
    const engine = this.ready();
    if (this.optimizer !== optimizer) this.optimizer?.unbind();
    optimizer.build(engine, this.params(), this);
    this.optimizer = optimizer;
    this.loss = loss;
    this.metrics = (args.metrics ?? []).map(() => "accuracy");
  }

  /** @internal Build the layers once (weights from the seeded initialisers); predict needs no compile. */
  ready(): Engine {
    this.alive();
    if (this.engine) return this.engine;
    if (this.layers.length === 0) throw new ModelError(`${this.name} has no layers; add a Dense layer first`);
    const engine = this.requestedEngine ?? defaultEngine();
    const rng = new Rng(engine, this.seed);
    const fresh: Dense[] = [];
    try {
      let units = this.layers[0].inputUnits!;
      for (const layer of this.layers) {
        if (!layer.built) fresh.push(layer); // a layer built elsewhere throws and is left alone
        layer.build(engine, units, rng);
        units = layer.units;
      }
    } catch (e) {
      for (const layer of fresh) layer.dispose(); // nothing half-built stays allocated
      throw e;
    } finally {
      rng.dispose();
    }
    return (this.engine = engine);
  }

  get inputUnits(): number {
    return this.layers[0].inputUnits!;
  }

  get outputUnits(): number {
    return this.layers.at(-1)!.units;
  }

  /** @internal Every trainable buffer, kernel then bias, layer by layer (TensorFlow.js order). */
  params(): Param[] {
    return this.layers.flatMap((l) => l.params());
  }

  countParams(): number {
    this.ready();
    return this.params().reduce((n, p) => n + p.size, 0);
  }

  /** The table Keras prints: layer, output shape, parameter count, totals. */
  summary(print: (line: string) => void = console.log): string {
    this.ready();
    const text = summaryText(this);
    print(text);
    return text;
  }

  fit(x: Inputs, y: Labels, args: FitArgs = {}): Promise<History> {
    if (!this.optimizer) return Promise.reject(new ModelError(`${this.name} is not compiled: call model.compile({optimizer, loss}) before fit()`)); // e.g. loaded without a trainingConfig
    return fit(this, x, y, args);
  }

  predict(x: Inputs, args: PredictArgs = {}): Matrix2D & { data: Float32Array } {
    return predict(this, x, args);
  }

  /** [loss, accuracy] (accuracy when compiled with metrics: ['accuracy']). */
  evaluate(x: Inputs, y: Labels, args: PredictArgs = {}): number[] {
    return evaluate(this, x, y, args);
  }

  /** Copies of the weights in TensorFlow.js order and layout: kernel [in, out] row-major, then bias. */
  getWeights(): { shape: number[]; data: Float32Array }[] {
    return getWeights(this);
  }

  /** Replace every weight; shapes are checked before anything is written. */
  setWeights(weights: WeightsInput): void {
    setWeights(this, weights);
  }

  /** Save as TensorFlow.js' layers-model (and, by default, the optimizer's state) to a URL, folder or handler. */
  save(target: SaveTarget, config?: SaveConfig): Promise<SaveResult> {
    return save(this, target, config);
  }

  /** Free the model's WASM memory; the model cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.optimizer?.unbind();
    for (const layer of this.layers) layer.dispose(); // each keeps its owner: a freed layer never joins another model (as in TF.js)
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
