// ZeroPadding2D (Keras / TF.js): each [h, w, c] image gets rows of zeros above and below and
// columns left and right. The book's DeepConvNet pads a 3×3 convolution by 2 (Saito ch. 8), which
// neither 'valid' nor 'same' gives; ZeroPadding2D then a 'valid' Conv2D does. No kernel of its own:
// im2col with a 1×1 window and the padding as its offset writes exactly the padded image, and col2im
// of the same geometry crops the gradient back (assembly/conv/im2col.ts).
import type { Engine } from "../core/engine.js";
import type { Rng } from "../core/random.js";
import { ModelError, ShapeError } from "../core/errors.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import { Layer, type Shape } from "./layer.js";

/** One number for all four sides, [rows, columns] (each on both sides), or [[top, bottom], [left, right]] as TF.js writes it. */
export type ZeroPadding = number | [number, number] | [[number, number], [number, number]];

export interface ZeroPadding2DArgs extends BaseLayerArgs {
  /** Default 1 (TF.js'). */
  padding?: ZeroPadding;
  /** Only 'channelsLast' (scratchnet's images are NHWC). */
  dataFormat?: "channelsLast";
}

let counter = 0;

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** [[top, bottom], [left, right]] from any of TF.js' forms; a clear error for anything else. */
function normalize(name: string, p: unknown): [[number, number], [number, number]] {
  if (isCount(p)) return [[p, p], [p, p]];
  if (Array.isArray(p) && p.length === 2 && p.every(isCount)) return [[p[0], p[0]], [p[1], p[1]]];
  if (Array.isArray(p) && p.length === 2 && p.every((s) => Array.isArray(s) && s.length === 2 && s.every(isCount))) {
    return [[p[0][0], p[0][1]], [p[1][0], p[1][1]]];
  }
  throw new ModelError(`${name}: padding must be a non-negative integer, [rows, columns] or [[top, bottom], [left, right]], `
    + `e.g. 1 or [[1, 1], [2, 2]]; got ${JSON.stringify(p)}`);
}

export class ZeroPadding2D extends Layer {
  readonly className = "ZeroPadding2D";
  /** [[top, bottom], [left, right]], as TF.js' getConfig() gives it. */
  readonly padding: [[number, number], [number, number]];

  constructor(args: ZeroPadding2DArgs = {}) {
    const name = args.name ?? `zero_padding2d_${++counter}`;
    super(name, checkLayerArgs(name, "ZeroPadding2D", args, ["padding", "dataFormat"]));
    if (args.dataFormat !== undefined && args.dataFormat !== "channelsLast") {
      throw new ModelError(`${name}: dataFormat '${String(args.dataFormat)}' is not implemented; scratchnet's images are `
        + "channelsLast ([h, w, c]): leave dataFormat out");
    }
    this.padding = normalize(name, args.padding ?? 1);
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape);
  }

  computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length !== 3) {
      throw new ShapeError(`${this.name}: ZeroPadding2D takes images [h, w, c], e.g. inputShape [28, 28, 1], got [${inputShape}]`);
    }
    const [[top, bottom], [left, right]] = this.padding, [h, w, c] = inputShape;
    return [h + top + bottom, w + left + right, c];
  }

  protected override buildWeights(engine: Engine, _rng: Rng): void {
    if (typeof engine.k.im2col !== "function") {
      throw new ModelError(`${this.name}: this engine's .wasm has no im2col kernel (scratchnet/core's module leaves it out); `
        + "import from 'scratchnet', or init() scratchnet.wasm with 'scratchnet/extras'");
    }
  }

  forward(x: number, rows: number, _training = false): number {
    const k = this.live().k, [h, w, c] = this.inputShape, [outH, outW] = this.outputShape;
    k.im2col(x, rows, h, w, c, 1, 1, 1, 1, this.padding[0][0], this.padding[1][0], outH, outW, this.y);
    return this.y;
  }

  backward(_x: number, rows: number, dx: number, _fused = false): void {
    if (!dx) return;
    const k = this.live().k, [h, w, c] = this.inputShape, [outH, outW] = this.outputShape;
    k.col2im(this.dy, rows, h, w, c, 1, 1, 1, 1, this.padding[0][0], this.padding[1][0], outH, outW, dx, 0);
  }

  getConfig(): Record<string, unknown> {
    return { padding: this.padding.map((s) => [...s]), dataFormat: "channelsLast", name: this.name, trainable: true };
  }
}
