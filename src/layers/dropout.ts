// Dropout (Keras / TF.js): in training, each value is kept with probability 1 − rate and scaled
// by 1/(1 − rate), else zeroed (inverted dropout, tf.dropout's arithmetic: assembly/dropout.ts);
// in inference (predict, evaluate) it is the identity. Backward multiplies by the same mask.
//
// The masks come from the layer's own seeded generator, in WASM, so they are the same bits in
// Node, Chromium and on any number of threads. Its seed is `seed` when given, else the next 32
// bits the model's generator would draw at build, read from a copy so the model's stream is not
// advanced: adding a Dropout changes no other layer's initial weights. Training pass t draws its
// mask from the generator seeded by mix(seed, t), so a pass's mask depends on (seed, t) alone: a
// loaded model continues at t = the optimizer's saved step count (io/load-model.ts), and a
// resumed fit draws the masks an unbroken one would have. model.json holds `seed` only when given
// (as TF.js writes it: a seeded TF.js Dropout draws the same mask every step); without it, loadModel's
// `seed` option (the model's) gives the same masks back.
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import { Layer, sizeOf, type Shape } from "./layer.js";

export interface DropoutArgs extends BaseLayerArgs {
  /** The fraction of values dropped, 0 ≤ rate < 1. */
  rate: number;
  /** Seed of the masks (an integer; default: drawn from the model's seed at build). */
  seed?: number;
  /** The mask's shape with the batch first (null: the input's dimension); a 1 shares one mask value along that axis. */
  noiseShape?: (number | null)[];
}

let counter = 0;

/** A 32-bit seed for pass `t` of a generator seeded `seed` (murmur3's finaliser, a bijection of t for each seed). */
function mix(seed: number, t: number): number {
  let h = (seed ^ Math.imul(t ^ (t >>> 16), 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Dropout extends Layer {
  readonly className = "Dropout";
  readonly rate: number;
  readonly noiseShape?: readonly (number | null)[];
  /** The masks' seed: `args.seed`, or the one build() drew (undefined until then). */
  seed?: number;
  /** Training passes so far: pass t's mask is drawn from mix(seed, t). */
  passes = 0;
  private rngState = 0; // the generator's 16 bytes
  private mask = 0;
  /** For each axis (the batch first), the values a mask block after it holds, for repeatAxis. */
  private inner: number[] = [];

  constructor(readonly args: DropoutArgs) {
    const name = args?.name ?? `dropout_${++counter}`;
    const rate = args?.rate;
    if (typeof rate !== "number" || !(rate >= 0 && rate < 1)) {
      throw new ModelError(`${name}: rate must be a number with 0 ≤ rate < 1 (the fraction dropped, e.g. 0.5), got ${String(rate)}`);
    }
    if (args.seed !== undefined && !(Number.isInteger(args.seed) && args.seed >= 0 && args.seed < 2 ** 32)) {
      throw new ModelError(`${name}: seed must be an integer in [0, 2³²), got ${String(args.seed)}`);
    }
    const ns = args.noiseShape;
    if (ns !== undefined && (!Array.isArray(ns) || !ns.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 1)))) {
      throw new ModelError(`${name}: noiseShape must be an array of positive integers or null, batch first, e.g. [null, 1]; ` +
        `got ${JSON.stringify(ns)}`);
    }
    super(name, checkLayerArgs(name, "Dropout", args, ["rate", "seed", "noiseShape"]));
    this.rate = rate;
    this.seed = args.seed;
    this.noiseShape = ns ? [...ns] : undefined;
  }

  computeOutputShape(inputShape: Shape): Shape {
    const ns = this.noiseShape;
    if (!ns) return inputShape;
    const fits = ns.length === inputShape.length + 1 && (ns[0] === null || ns[0] === 1)
      && ns.slice(1).every((d, i) => d === null || d === 1 || d === inputShape[i]);
    if (!fits) {
      throw new ShapeError(`${this.name}: noiseShape [${ns.map(String)}] does not fit the input [null, ${inputShape}]: ` +
        "give one entry per axis, batch first, " +
        `each null, 1 or the input's size (the batch: null or 1), e.g. [null, ${inputShape.map(() => 1)}]`);
    }
    return inputShape;
  }

  protected override buildWeights(engine: Engine, rng: Rng): void {
    this.rngState = this.allocate(4);
    if (this.seed === undefined) {
      engine.k.identity(rng.state, this.rngState, 4); // a copy of the model's generator: its own stream is not advanced
      this.seed = engine.k.rngNext(this.rngState) >>> 0;
    }
    const ns = this.noiseShape, dims = this.inputShape;
    this.inner = dims.map((_, i) => sizeOf(dims.slice(i).map((d, j) => (ns && ns[i + j + 1] !== null ? (ns[i + j + 1] as number) : d))));
    this.inner.push(1);
  }

  override batchBytes(rows: number, inputShape: Shape): number {
    return 3 * rows * sizeOf(this.computeOutputShape(inputShape)) * 4;
  }

  protected override reserveMore(rows: number): void {
    this.mask = this.live().heap.alloc(rows * sizeOf(this.outputShape) * 4);
  }

  forward(x: number, rows: number, training = false): number {
    const k = this.live().k, n = rows * sizeOf(this.outputShape);
    if (!training) return x; // identity in inference: no copy
    if (this.rate === 0) { // TF.js and Keras skip the mask at rate 0
      k.identity(x, this.y, n);
      return this.y;
    }
    k.rngSeed(this.rngState, mix(this.seed!, this.passes++));
    const ns = this.noiseShape;
    if (!ns) k.dropoutMask(this.rngState, this.mask, n, this.rate);
    else this.broadcastMask(rows, ns);
    k.applyMask(x, this.mask, this.y, n);
    return this.y;
  }

  /** Draw the mask at the noise shape, then repeat it along each axis whose noise size is 1. */
  private broadcastMask(rows: number, ns: readonly (number | null)[]): void {
    const k = this.live().k, dims = this.inputShape, batch = ns[0] === 1 ? 1 : rows;
    k.dropoutMask(this.rngState, this.mask, batch * this.inner[0], this.rate);
    let outer = 1;
    for (let axis = 0; axis < ns.length; axis++) { // no allocation: numbers only
      const full = axis === 0 ? rows : dims[axis - 1];
      if (ns[axis] === 1 && full > 1) k.repeatAxis(this.mask, outer, full, this.inner[axis]);
      outer *= full;
    }
  }

  backward(_x: number, rows: number, dx: number, _fused = false): void {
    if (!dx) return;
    const k = this.live().k, n = rows * sizeOf(this.outputShape);
    if (this.rate === 0) k.identityBackward(0, this.dy, dx, n);
    else k.applyMask(this.dy, this.mask, dx, n);
  }

  protected override releaseBatch(): void {
    if (this.mask) this.live().heap.release(this.mask);
    this.mask = 0;
    super.releaseBatch();
  }

  getConfig(): Record<string, unknown> {
    const noiseShape = this.noiseShape ? [...this.noiseShape] : null;
    return { rate: this.rate, noiseShape, seed: this.args.seed ?? null, name: this.name, trainable: true };
  }
}
