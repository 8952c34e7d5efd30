// Data that stays in WASM memory, as TensorFlow.js users hold tensors: resident(x) checks and
// copies once, then fit/evaluate/predict read it in place on every call until dispose(). Without
// it each call converts and uploads its arrays again (11 ms for 10,000 MNIST rows of floats).
// Inputs are used as stored (bytes stay bytes, scaled on gather). A data set does not know the
// model or loss it will meet, so labels are stored as values and the form a loss trains on (i32
// class indices, one-hot rows, byte rows as floats) is made on first use and kept with the set.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { counted, DataError, ModelError, ShapeError } from "../core/errors.js";
import { HeapBuffer } from "../core/heap-buffer.js";
import { dataUse } from "../core/heap.js";
import { withScope, type Disposable, type Scope } from "../core/scope.js";
import { takesIntegerLabels, type LossObjectName } from "../losses/loss.js";
import { isMatrix, shapeOf, uploadInputs, type DeviceInputs, type Inputs, type Labels } from "./inputs.js";
import { uploadTargets, type DeviceTargets } from "./labels.js";
import { f32Scale, scaleInPlace } from "./scale.js";

export interface ResidentOptions {
  /** The WASM instance to live in: the one the models that use it were built on (default engine unless given). */
  engine?: Engine;
}

/** A data set in WASM memory (made by resident()); pass it to fit, evaluate and predict instead of arrays. */
export class Resident extends HeapBuffer {
  /** Forms made for a loss on first use (key → pointer), freed with the set. */
  private readonly derived = new Map<string, number>();
  private range?: { min: number; max: number; integral: boolean };
  /** Running fit() calls reading this set: dispose() waits for none of them, it refuses. */
  private users = 0;

  /** @internal `cols` is 0 for a flat list of labels; `bytes`: u8 values, `scale` as given. */
  constructor(engine: Engine, ptr: number, readonly rows: number, readonly cols: number, readonly bytes: boolean, readonly scale?: number) {
    super(engine, ptr);
  }

  /** [rows] for a flat list of labels, else [rows, cols]. */
  get shape(): number[] { return this.cols === 0 ? [this.rows] : [this.rows, this.cols]; }

  /** @internal The set as inputs of a model with `cols` inputs, in place. */
  asInputs(engine: Engine, what: string, cols: number): DeviceInputs {
    this.check(engine, what);
    if (this.cols === 0) throw new ShapeError(`${what} is a resident flat list of ${counted(this.rows, "number")}, not rows; `
        + `make inputs with resident(tensor2d(data, [rows, ${cols}]))`);
    if (this.cols !== cols) {
      throw new ShapeError(`${what} has ${counted(this.cols, "column")} but the model's input layer expects ${cols}; `
          + `make it again from data with ${counted(cols, "value")} a row`);
    }
    return { ptr: this.ptr, rows: this.rows, cols, bytes: this.bytes, scale: this.bytes ? f32Scale(this.scale ?? 1 / 255) : 1 };
  }

  /** @internal The set as targets of `rows` samples for an output of `units` trained by `loss`: the rules of uploadTargets. */
  asTargets(engine: Engine, what: string, rows: number, units: number, loss: LossObjectName): DeviceTargets {
    this.check(engine, what);
    if (this.rows !== rows) throw new ShapeError(`${what} has ${counted(this.rows, "row")} but the inputs have ${rows}; `
        + `give one label (or target row) per sample`);
    const width = Math.max(this.cols, 1);
    if (units > 1 && (this.cols === 0 || (this.cols === 1 && takesIntegerLabels(loss)))) {
      this.assertClasses(what, units);
      const values = this.floats(), heap = this.engine.heap;
      const labels = this.derive("classes", rows, 1, (p) => heap.i32.set(heap.f32.subarray(values >>> 2, (values >>> 2) + rows), p >>> 2));
      if (takesIntegerLabels(loss)) return { ptr: labels, sparse: true, rows };
      return { ptr: this.derive(`oneHot${units}`, rows, units, (p) => this.engine.k.oneHot(labels, p, rows, units)), sparse: false, rows };
    }
    if (width !== units) {
      throw new ShapeError(`${what} has ${counted(width, "column")} but the output layer has ${counted(units, "unit")}; `
          + `give integer labels or rows of ${counted(units, "target")}`);
    }
    if (loss === "binaryCrossentropy" || takesIntegerLabels(loss)) this.assertProbabilities(what, loss);
    return { ptr: this.floats(), sparse: false, rows };
  }

  /** @internal Mark the set in use until the returned handle is disposed (a running fit holds it). */
  hold(): Disposable {
    this.users++;
    let held = true;
    return {
      dispose: () => {
        if (held) this.users--; // once per hold, however often the handle is disposed
        held = false;
      },
    };
  }

  /** Free the set's WASM memory; using it afterwards throws. Refused while a fit() reads it. Twice is harmless. */
  override dispose(): void {
    if (this.users > 0) throw new ModelError("this resident data set is in use by a running fit(); await the fit before dispose()");
    if (this.isDisposed) return;
    for (const p of this.derived.values()) this.engine.heap.release(p);
    this.derived.clear();
    super.dispose();
  }

  protected goneMessage(): string {
    return "this resident data set was disposed; its memory may hold other data now. Make it again with resident(data)";
  }

  private check(engine: Engine, what: string): void {
    if (this.isDisposed) throw new ModelError(`${what} is a resident data set that was disposed; make it again with resident(data)`);
    if (engine !== this.engine) throw new ModelError(`${what} lives in another engine's memory than the model; `
      + `make it with resident(data, { engine }), giving the engine the model was built on`);
  }

  /** The values as f32 rows: the set itself, or (bytes) a copy scaled by the explicit scale only, as uploadTargets does. */
  private floats(): number {
    if (!this.bytes) return this.ptr;
    const heap = this.engine.heap, n = this.rows * this.cols;
    return this.derive("floats", this.rows, this.cols, (p) => {
      heap.f32.set(heap.u8.subarray(this.ptr, this.ptr + n), p >>> 2);
      if (this.scale !== undefined) scaleInPlace(heap.f32, p >>> 2, n, this.scale);
      if (this.engine.k.countNonFinite(p, n) > 0) throw new DataError(`bytes × scale ${this.scale} go beyond float32's range ±3.4e38 `
        + `as targets; give a smaller scale`);
    });
  }

  private derive(key: string, rows: number, cols: number, fill: (ptr: number) => void): number {
    let p = this.derived.get(key);
    if (p === undefined) {
      p = withScope(this.engine, (s) => {
        const made = s.alloc(rows * cols * 4, dataUse(`resident labels as ${key}`, rows, cols));
        fill(made);
        return s.keep(made);
      });
      this.derived.set(key, p);
    }
    return p;
  }

  /** Smallest and largest value (as f32), and whether all are integers; one pass, once. */
  private stats(): { min: number; max: number; integral: boolean } {
    if (!this.range) {
      const f32 = this.engine.heap.f32, base = this.floats() >>> 2, n = this.rows * Math.max(this.cols, 1);
      let min = Infinity, max = -Infinity, integral = true;
      for (let i = base; i < base + n; i++) {
        const v = f32[i];
        if (v < min) min = v;
        if (v > max) max = v;
        if (integral && !Number.isInteger(v)) integral = false;
      }
      this.range = { min, max, integral };
    }
    return this.range;
  }

  // The errors give the range rather than the first bad row: the stats say it without another pass.
  private assertClasses(what: string, units: number): void {
    const { min, max, integral } = this.stats();
    if (integral && min >= 0 && max < units) return;
    const held = integral ? `labels from ${min} to ${max}` : "values that are not integers";
    throw new DataError(`${what} holds ${held}, not class indices in 0..${units - 1}; `
      + `the output layer has ${counted(units, "unit")}, so labels must be integers below ${units}`);
  }

  private assertProbabilities(what: string, loss: LossObjectName): void {
    const { min, max } = this.stats();
    if (min < 0 || max > 1) throw new DataError(`${what} holds values from ${min} to ${max}; `
        + `${loss} needs targets in [0, 1] (probabilities or one-hot rows)`);
  }
}

/**
 * Copy inputs or labels into WASM memory once and keep them there (TensorFlow.js' tensors):
 * fit/evaluate/predict then read them in place. Free them with dispose().
 */
export function resident(data: Inputs | Labels, { engine = defaultEngine() }: ResidentOptions = {}): Resident {
  const what = "resident: data";
  const [rows, cols] = shapeOf(what, data);
  if (cols === 0) {
    if (isMatrix(data)) throw new ShapeError(`${what}: shape [${rows}, 0] has no columns; `
        + `give [rows, cols] with cols ≥ 1, or labels as a flat list`);
    const t = uploadTargets(engine, what, data as Labels, rows, 1, "meanSquaredError"); // a flat list: one f32 each, checked as numbers
    return new Resident(engine, t.ptr, rows, 0, false);
  }
  const x = uploadInputs(engine, what, data as Inputs, cols);
  return new Resident(engine, x.ptr, rows, cols, x.bytes, isMatrix(data) ? data.scale : undefined);
}

/** Inputs for one call: a resident set in place (held until `scope` ends), else uploaded and freed with `scope`. */
export function inputsFor(scope: Scope, what: string, x: Inputs | Resident, cols: number, shape?: readonly number[]): DeviceInputs {
  if (x instanceof Resident) {
    const inputs = x.asInputs(scope.engine, what, cols);
    scope.track(x.hold());
    return inputs;
  }
  const inputs = uploadInputs(scope.engine, what, x, cols, shape);
  scope.track(inputs.ptr);
  return inputs;
}

/** Targets for one call, as inputsFor. */
export function targetsFor(scope: Scope, what: string, y: Labels | Resident, rows: number, units: number,
  loss: LossObjectName): DeviceTargets {
  if (y instanceof Resident) {
    const targets = y.asTargets(scope.engine, what, rows, units, loss);
    scope.track(y.hold());
    return targets;
  }
  const targets = uploadTargets(scope.engine, what, y, rows, units, loss);
  scope.track(targets.ptr);
  return targets;
}
