// How many classes a course classifier's y asks for (one output per class): lesson 4's
// MultiClassNetwork and lesson 18's ConvolutionNetwork size their last layer from it.
import { DataError, ShapeError } from "../core/errors.js";
import { describeValue, shapeOf, type Labels } from "../data/inputs.js";

/**
 * The width of one-hot rows, or the largest integer label + 1 (at least 2). `oneColumn` ends the
 * message for a [n, 1] y, `labels` the one for a label that is not an integer ≥ 0.
 */
export function classesOf(y: Labels, oneColumn: string, labels: string): number {
  const [, cols] = shapeOf("fit: y", y);
  if (cols === 1) throw new ShapeError(`fit: y is one column ([n, 1]); ${oneColumn}`);
  if (cols > 1) return cols;
  const list = y as ArrayLike<unknown>;
  let max = 1;
  for (let i = 0; i < list.length; i++) {
    const t = list[i];
    if (typeof t !== "number" || !Number.isInteger(t) || t < 0) {
      throw new DataError(`fit: y[${i}] is ${describeValue(t)}, not a class label; labels must be integers ≥ 0 ${labels}`);
    }
    max = Math.max(max, t);
  }
  return max + 1;
}
