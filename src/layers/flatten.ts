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
    // TF.js' rule (input ndim ≥ 3 with the batch): a flat sample has nothing to flatten, and a model.json with
    // such a Flatten would not load in TF.js. Keras allows it; files from Keras with one are refused by this message.
    if (inputShape.length < 2) {
      throw new ShapeError(`${this.name}: Flatten needs samples of 2 or more dimensions, e.g. inputShape [28, 28], ` +
        `got [${inputShape}]; a [n] sample is already flat, so leave the Flatten out`);
    }
    return [sizeOf(inputShape)];
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, trainable: true };
  }
}
