// Seed 001, lessons 4.5–4.6: minibatch gradient descent and the multi-class network.
// MinibatchNetwork: each epoch gen_batch reshuffles the rows (seeded) and steps on batch_size
// rows at a time (the last batch holds the remainder: 364 rows in batches of 32 → 12 steps).
// MultiClassNetwork: a softmax output of one unit per class trained with cross-entropy; the
// fused kernel gives err = (a − y)/m; predict is the argmax, score the accuracy.
import { assertPositiveInteger } from "../core/errors.js";
import type { Inputs, Labels } from "../data/inputs.js";
import type { LossName } from "../losses/loss.js";
import { RandomInitNetwork, type DualLayerArgs } from "./dual-layer.js";
import { classesOf } from "./class-count.js";

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

  /** One output per class: the width of one-hot rows, or the largest integer label + 1 (at least 2). */
  override outputsFor(y: Labels): number {
    return classesOf(y, "a MultiClassNetwork needs at least 2 classes: give one-hot rows of ≥ 2 columns (one per class) "
      + "or a flat array of integer labels", "(0, 1, 2, … one per class)");
  }

  /** The index of the largest output of each row, the first on ties (np.argmax; argmax of z equals argmax of softmax(z)). */
  override predict(x: Inputs): Int32Array {
    const a = this.activations(x), units = this.outputUnits, out = new Int32Array(a.length / units);
    for (let r = 0; r < out.length; r++) {
      let max = a[r * units];
      for (let c = 1; c < units; c++) {
        if (a[r * units + c] > max) {
          max = a[r * units + c];
          out[r] = c;
        }
      }
    }
    return out;
  }
}
