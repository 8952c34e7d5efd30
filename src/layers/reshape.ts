// Reshape (Keras / TF.js): each sample's shape becomes targetShape, which may hold one -1 (that
// dimension is inferred from the size). No weights; the bytes do not move (layers/rearrange.ts).
import { ModelError, ShapeError } from "../core/errors.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import { sizeOf, type Shape } from "./layer.js";
import { Rearrange } from "./rearrange.js";

export interface ReshapeArgs extends BaseLayerArgs {
  /** The per-sample output shape (the batch dimension left out); one entry may be -1. */
  targetShape: number[];
}

let counter = 0;

export class Reshape extends Rearrange {
  readonly className = "Reshape";
  readonly targetShape: readonly number[];

  constructor(args: ReshapeArgs) {
    const name = args?.name ?? `reshape_${++counter}`;
    const t = args?.targetShape;
    const dims = Array.isArray(t) && t.length > 0 && t.every((d) => d === -1 || (Number.isInteger(d) && d >= 1));
    if (!dims || t.filter((d) => d === -1).length > 1) {
      throw new ModelError(`${name}: targetShape must be a non-empty array of positive integers with at most one -1, ` +
        `e.g. [28, 28] or [-1, 4]; got ${JSON.stringify(t)}`);
    }
    super(name, checkLayerArgs(name, "Reshape", args, ["targetShape"]));
    this.targetShape = [...t];
    if (this.declaredInputShape) this.computeOutputShape(this.declaredInputShape); // refused here, not at add()
  }

  computeOutputShape(inputShape: Shape): Shape {
    const size = sizeOf(inputShape), known = sizeOf(this.targetShape.filter((d) => d !== -1));
    const free = this.targetShape.indexOf(-1);
    if (free < 0 ? known !== size : size % known !== 0) {
      throw new ShapeError(`${this.name}: cannot reshape [${inputShape}] (${size} values a sample) to [${this.targetShape}]` +
        `${free < 0 ? ` (${known} values)` : ` (${size} is not a multiple of ${known})`}; make the target's size ${size}`);
    }
    return free < 0 ? [...this.targetShape] : this.targetShape.map((d) => (d === -1 ? size / known : d));
  }

  getConfig(): Record<string, unknown> {
    return { targetShape: [...this.targetShape], name: this.name, trainable: true };
  }
}
