// Flatten (Keras / TF.js): each sample's shape [d1, d2, …] becomes [d1·d2·…]. No weights; the
// bytes do not move (layers/rearrange.ts).
import { ShapeError } from "../core/errors.js";
import { checkLayerArgs, type BaseLayerArgs } from "./args.js";
import { sizeOf, type Shape } from "./layer.js";
import { Rearrange } from "./rearrange.js";

export type FlattenArgs = BaseLayerArgs;

let counter = 0;

export class Flatten extends Rearrange {
  readonly className = "Flatten";

  constructor(args: FlattenArgs = {}) {
    const name = args.name ?? `flatten_${++counter}`;
    super(name, checkLayerArgs(name, "Flatten", args, []));
  }

  computeOutputShape(inputShape: Shape): Shape {
    if (inputShape.length === 0) throw new ShapeError(`${this.name}: Flatten needs samples of at least one dimension, got a scalar shape []`);
    return [sizeOf(inputShape)];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true };
  }
}
