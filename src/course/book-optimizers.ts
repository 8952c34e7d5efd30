// Lesson 10 (Saito ch. 6.1): the book's optimizer classes (common/optimizer.py) by its names and
// arguments, new Momentum(lr, momentum) with update(params, grads), as adapters on the engine's
// optimizers: each holds one (`optimizer`, the kernel of assembly/optim/) and steps it over
// params[key] with grads[key]; a Sequential can be compiled with that same `optimizer`.
// Where the book's forms differ from the engine's (Keras/TF.js), in exact arithmetic:
//  - SGD, Momentum (v = αv − lr·g; w += v), Nesterov (the book's w += μ²v − (1+μ)·lr·g, then v
//    updated, is Keras's w += μ·v' − lr·g): the same update.
//  - AdaGrad: the book's h starts at 0 and divides by √h + 1e-7; the engine's (TF.js) by √(h + 1e-7).
//  - RMSprop: the book's decay_rate is Keras's rho; ε again outside (book) vs inside (TF.js) the root.
//  - Adam: the book's lr_t = lr·√(1 − β2^t)/(1 − β1^t) with √v + 1e-7 is Keras's "efficient" form;
//    TF.js (the engine) adds ε to √v̂ after the bias correction: ε scaled by √(1 − β2^t).
// These differ only where |g| is near √ε (3e-4); test/course/book-optimizers.test.ts checks each
// against the book's formula in float64.
import { ModelError, ShapeError } from "../core/errors.js";
import type { Tensor } from "../core/tensor.js";
import type { Param } from "../layers/layer.js";
import type { Optimizer } from "../optimizers/optimizer.js";
import { SGD as EngineSGD } from "../optimizers/sgd.js";
import { Adagrad } from "../optimizers/adagrad.js";
import { RMSprop as EngineRMSprop } from "../optimizers/rmsprop.js";
import { Adam as EngineAdam } from "../optimizers/adam.js";

/** The book's dicts: a name per parameter. */
export type ParamDict = Record<string, Tensor>;

/** Adagrad whose accumulator starts at 0, as the book's h = np.zeros_like(val) (TF.js needs > 0: 0.1 by default). */
class ZeroStartAdagrad extends Adagrad {
  override get initialState() { return 0; }
}

/** What every book optimizer does: bind the engine optimizer to params on the first update, then step it. */
abstract class BookOptimizer {
  private bound: (Param & { grad: number })[] = [];
  private keys: string[] = [];

  /**
   * @param name the book's class name, for messages
   * @param optimizer the engine optimizer this adapter steps (model.compile({optimizer: opt.optimizer}) trains with it too)
   */
  constructor(readonly name: string, readonly optimizer: Optimizer) {}

  /** params[key] −= (the book's step from grads[key]) for every key, in place. */
  update(params: ParamDict, grads: ParamDict): void {
    const name = this.name, keys = Object.keys(params ?? {});
    if (keys.length === 0) throw new ModelError(`${name}.update: params is empty; give a dict of Tensors, e.g. network.params`);
    if (this.keys.length === 0) this.bind(params, keys);
    else if (keys.length !== this.keys.length || keys.some((k, i) => k !== this.keys[i] || params[k].ptr !== this.bound[i].value)) {
      throw new ModelError(`${name}.update: params are not the ones its state was made for (${this.keys.join(", ")}); `
        + `use a new ${name} per network`);
    }
    this.bound.forEach((p, i) => {
      const g = grads?.[keys[i]], w = params[keys[i]];
      if (!g || typeof g.ptr !== "number") {
        throw new ModelError(`${name}.update: grads has no Tensor '${keys[i]}'; give one gradient per parameter`);
      }
      if (g.rows !== w.rows || g.cols !== w.cols) {
        throw new ShapeError(`${name}.update: grads['${keys[i]}'] is ${g.rows} × ${g.cols} `
          + `but params['${keys[i]}'] is ${w.rows} × ${w.cols}`);
      }
      p.grad = g.ptr; // the book's grads are new arrays each time
    });
    this.optimizer.step();
  }

  /** Free the optimizer's state (its moments); the params are the caller's. */
  dispose(): void {
    this.optimizer.unbind();
    this.bound = [];
    this.keys = [];
  }

  private bind(params: ParamDict, keys: string[]): void {
    const engine = params[keys[0]].engine;
    this.bound = keys.map((name) => {
      const w = params[name];
      if (!w || typeof w.ptr !== "number") throw new ModelError(`${this.name}.update: params['${name}'] is not a Tensor`);
      if (w.engine !== engine) {
        throw new ModelError(`${this.name}.update: params['${name}'] lives in another engine than params['${keys[0]}']`);
      }
      return { name, value: w.ptr, grad: 0, shape: [w.rows, w.cols], size: w.size };
    });
    this.optimizer.build(engine, this.bound, this);
    this.keys = keys;
  }
}

/** w −= lr·g. */
export class SGD extends BookOptimizer {
  constructor(readonly lr = 0.01) { super("SGD", new EngineSGD({ learningRate: lr })); }
}

/** v = momentum·v − lr·g; w += v. */
export class Momentum extends BookOptimizer {
  constructor(readonly lr = 0.01, readonly momentum = 0.9) { super("Momentum", new EngineSGD({ learningRate: lr, momentum })); }
}

/** Nesterov's accelerated gradient: w += μ²·v − (1 + μ)·lr·g; v = μ·v − lr·g. */
export class Nesterov extends BookOptimizer {
  constructor(readonly lr = 0.01, readonly momentum = 0.9) {
    super("Nesterov", new EngineSGD({ learningRate: lr, momentum, nesterov: true }));
  }
}

/** h += g²; w −= lr·g / √h (ε = 1e-7; h starts at 0). */
export class AdaGrad extends BookOptimizer {
  constructor(readonly lr = 0.01) { super("AdaGrad", new ZeroStartAdagrad({ learningRate: lr })); }
}

/** h = decay·h + (1 − decay)·g²; w −= lr·g / √h (ε = 1e-7). */
export class RMSprop extends BookOptimizer {
  constructor(readonly lr = 0.01, readonly decayRate = 0.99) { super("RMSprop", new EngineRMSprop({ learningRate: lr, rho: decayRate })); }
}

/** Adam: m, v the moving means of g and g², bias-corrected (ε = 1e-7). */
export class Adam extends BookOptimizer {
  constructor(readonly lr = 0.001, readonly beta1 = 0.9, readonly beta2 = 0.999) {
    super("Adam", new EngineAdam({ learningRate: lr, beta1, beta2, epsilon: 1e-7 }));
  }
}
