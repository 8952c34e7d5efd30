// Seed 001, lessons 4.5–4.6: minibatch gradient descent and the multi-class network.
// MinibatchNetwork: each epoch gen_batch reshuffles the rows (seeded) and steps on batch_size
// rows at a time (the last batch holds the remainder: 364 rows in batches of 32 → 12 steps).
// MultiClassNetwork: a softmax output of one unit per class trained with cross-entropy; the
// fused kernel gives err = (a − y)/m; predict is the argmax, score the accuracy.
import { assertPositiveInteger } from "../core/errors.js";
import { shapeOf, type Inputs, type Labels } from "../data/inputs.js";
import type { LossName } from "../models/losses.js";
import { RandomInitNetwork, type DualLayerArgs } from "./dual-layer.js";

export interface MinibatchArgs extends DualLayerArgs {
  /** batch_size (default 32). */
  batchSize?: number;
}

export class MinibatchNetwork extends RandomInitNetwork {
  readonly batchSizeSetting: number;

  constructor({ batchSize = 32, ...args }: MinibatchArgs = {}) {
    super(args);
    assertPositiveInteger("batchSize", batchSize);
    this.batchSizeSetting = batchSize;
  }

  override batchSize(n: number): number {
    return Math.min(this.batchSizeSetting, n);
  }
}

/**
 * Softmax + cross-entropy over `classes` outputs; y as one-hot rows (the course's
 * to_categorical) or integer labels. The course's backprop computes the output-bias gradient as
 * np.sum(err) / m, summed over ALL axes: every class's bias gets the same update and, since each
 * row of a − y sums to 0, that update is 0: the output bias never learns. Here it is summed per
 * column (np.sum(err, axis=0) / m, the sumColumns kernel), as the course means.
 */
export class MultiClassNetwork extends MinibatchNetwork {
  protected override readonly lossName: LossName = "categoricalCrossentropy";

  override outputsFor(y: Labels): number {
    const [, cols] = shapeOf("fit: y", y);
    if (cols > 0) return cols;
    const labels = y as ArrayLike<number>;
    let max = 1;
    for (let i = 0; i < labels.length; i++) if (labels[i] > max) max = labels[i];
    return max + 1;
  }

  /** The index of the largest output of each row (argmax of z equals argmax of softmax(z)). */
  override predict(x: Inputs): Int32Array {
    const a = this.activations(x), c = this.outputUnits, out = new Int32Array(a.length / c);
    for (let r = 0; r < out.length; r++) {
      let best = 0;
      for (let j = 1; j < c; j++) if (a[r * c + j] > a[r * c + best]) best = j;
      out[r] = best;
    }
    return out;
  }
}
