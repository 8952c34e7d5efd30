// Errors that name the problem and the fix. Each class lets a caller catch one kind.

/** Operands whose shapes do not fit together. */
export class ShapeError extends Error {
  override name = "ShapeError";
}

/** Input data that cannot be trained on: NaN/Infinity, labels out of range, empty sets. */
export class DataError extends Error {
  override name = "DataError";
}

/** A model used wrongly: unknown names, fit before compile, after dispose, bad options. */
export class ModelError extends Error {
  override name = "ModelError";
}

/** Training that went wrong: the loss became NaN or infinite. */
export class TrainingError extends Error {
  override name = "TrainingError";
}

/** Throw a ModelError unless `value` is an integer ≥ 1. */
export function assertPositiveInteger(what: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new ModelError(`${what} must be a positive integer, got ${String(value)}`);
  }
}

/** "1 row", "2 rows": the counts messages quote are often 1 (one sample, one column, one unit). */
export const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
