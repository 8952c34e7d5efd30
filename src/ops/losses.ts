// Wrappers for assembly/losses/*. Losses return a number (the mean the kernel computes);
// backward ops write da (or, fused with the output activation, dz) and return it, allocating
// a new tensor when it is omitted. The fused ops return the loss and need dz.
import type { Tensor } from "../core/tensor.js";
import type { Indices } from "./indices.js";
import { expectShape, output, sameShape } from "./shape.js";

const labelsFit = (op: string, a: Tensor, labels: Indices): void => {
  expectShape(op, "a", a, labels.length, a.cols, "one row per label");
  labels.assertBelow(op, a.cols, "a's columns (classes)");
};

/** Mean of (a − y)² over every element (Keras). */
export function mse(a: Tensor, y: Tensor): number {
  sameShape("mse", "a", a, "y", y);
  return a.engine.k.mse(a.ptr, y.ptr, a.size);
}

/** da = scale · (a − y); Keras' gradient of mse is scale = 2 / n (the default); ½Σ(a − y)² is scale = 1. */
export function mseBackward(a: Tensor, y: Tensor, da?: Tensor, scale = 2 / Math.max(1, a.size)): Tensor {
  sameShape("mseBackward", "a", a, "y", y);
  const o = output("mseBackward", da, a.rows, a.cols, a, "the shape of a");
  a.engine.k.mseBackward(a.ptr, y.ptr, o.ptr, a.size, scale);
  return o;
}

/** Mean binary cross-entropy of probabilities a against targets y in [0, 1]. */
export function binaryCrossEntropy(a: Tensor, y: Tensor): number {
  sameShape("binaryCrossEntropy", "a", a, "y", y);
  return a.engine.k.binaryCrossEntropy(a.ptr, y.ptr, a.size);
}

/** da = (a − y) / (a (1 − a)) / n, a clipped to [1e-7, 1 − 1e-7]. */
export function binaryCrossEntropyBackward(a: Tensor, y: Tensor, da?: Tensor): Tensor {
  sameShape("binaryCrossEntropyBackward", "a", a, "y", y);
  const o = output("binaryCrossEntropyBackward", da, a.rows, a.cols, a, "the shape of a");
  a.engine.k.binaryCrossEntropyBackward(a.ptr, y.ptr, o.ptr, a.size);
  return o;
}

/** Fused sigmoid + binary cross-entropy: dz = (a − y) / n; returns the loss. */
export function sigmoidCrossEntropyBackward(a: Tensor, y: Tensor, dz: Tensor): number {
  sameShape("sigmoidCrossEntropyBackward", "a", a, "y", y);
  expectShape("sigmoidCrossEntropyBackward", "dz", dz, a.rows, a.cols, "the shape of a");
  return a.engine.k.sigmoidCrossEntropyBackward(a.ptr, y.ptr, dz.ptr, a.size);
}

/** Mean over rows of −Σ y log a (one-hot or probability rows y). */
export function categoricalCrossEntropy(a: Tensor, y: Tensor): number {
  sameShape("categoricalCrossEntropy", "a", a, "y", y);
  return a.engine.k.categoricalCrossEntropy(a.ptr, y.ptr, a.rows, a.cols);
}

/** Mean over rows of −log a[r, labels[r]]. */
export function sparseCategoricalCrossEntropy(a: Tensor, labels: Indices): number {
  labelsFit("sparseCategoricalCrossEntropy", a, labels);
  return a.engine.k.sparseCategoricalCrossEntropy(a.ptr, labels.ptr, a.rows, a.cols);
}

/** Keras' loss of rows that are not a softmax: mean of −Σ y log clip(a / Σa); writes dL/da into `da` when given. */
export function categoricalCrossEntropyScaled(a: Tensor, y: Tensor, da?: Tensor): number {
  sameShape("categoricalCrossEntropyScaled", "a", a, "y", y);
  if (da) expectShape("categoricalCrossEntropyScaled", "da", da, a.rows, a.cols, "the shape of a");
  return a.engine.k.categoricalCrossEntropyScaled(a.ptr, y.ptr, da?.ptr ?? 0, a.rows, a.cols, 0);
}

/** TF.js' sparse form of it: q = clip(a), mean of −log clip(q[label] / Σq); writes dL/da into `da` when given. */
export function sparseCategoricalCrossEntropyScaled(a: Tensor, labels: Indices, da?: Tensor): number {
  labelsFit("sparseCategoricalCrossEntropyScaled", a, labels);
  if (da) expectShape("sparseCategoricalCrossEntropyScaled", "da", da, a.rows, a.cols, "the shape of a");
  return a.engine.k.sparseCategoricalCrossEntropyScaled(a.ptr, labels.ptr, da?.ptr ?? 0, a.rows, a.cols, 1);
}

/** Fused softmax + cross-entropy (seed 003: dy = (y_hat − t) / batch_num): dz = (a − y) / m; returns the loss. */
export function softmaxCrossEntropyBackward(a: Tensor, y: Tensor, dz: Tensor): number {
  sameShape("softmaxCrossEntropyBackward", "a", a, "y", y);
  expectShape("softmaxCrossEntropyBackward", "dz", dz, a.rows, a.cols, "the shape of a");
  return a.engine.k.softmaxCrossEntropyBackward(a.ptr, y.ptr, dz.ptr, a.rows, a.cols);
}

/** Fused softmax + sparse cross-entropy: dz = (a − onehot(labels)) / m; returns the loss. */
export function softmaxSparseCrossEntropyBackward(a: Tensor, labels: Indices, dz: Tensor): number {
  labelsFit("softmaxSparseCrossEntropyBackward", a, labels);
  expectShape("softmaxSparseCrossEntropyBackward", "dz", dz, a.rows, a.cols, "the shape of a");
  return a.engine.k.softmaxSparseCrossEntropyBackward(a.ptr, labels.ptr, dz.ptr, a.rows, a.cols);
}
