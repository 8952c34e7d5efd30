// Numbers TensorFlow.js (and Keras, where they agree) give for the same model and data: the loss
// fit reports with a kernel penalty, the validationSplit cut, string regularizers. Each literal
// says where it comes from.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, regularizers } from "../../src/index.js";
import type { Regularizer } from "../../src/layers/dense.js";

/**
 * tfjs-layers src/engine/training_test.ts, 'Using custom regularizer' / 'Using string regularizer':
 * one Dense(1), kernel ones, no bias, 4 inputs, xs = ones([5, 4]), ys = ones([5, 1]), SGD (lr
 * 0.01), meanSquaredError. Its golden values come from the PyKeras run quoted in the test.
 */
function onesModel(kernelRegularizer: Regularizer | string) {
  const model = new Sequential([new Dense({ units: 1, kernelInitializer: "ones", useBias: false, inputShape: [4], kernelRegularizer: kernelRegularizer as Regularizer })]);
  model.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: "meanSquaredError" });
  const x = Array.from({ length: 5 }, () => [1, 1, 1, 1]), y = Array.from({ length: 5 }, () => [1]);
  return { model, x, y };
}

async function fitOnes(kernelRegularizer: Regularizer | string, batchSize: number) {
  const { model, x, y } = onesModel(kernelRegularizer);
  const batches: number[] = [];
  const h = await model.fit(x, y, { batchSize, epochs: 2, shuffle: false, verbose: 0, callbacks: { onBatchEnd: async (_b, logs) => void batches.push(logs!.loss) } });
  const w = Array.from(model.getWeights()[0].data);
  model.dispose();
  return { loss: h.history.loss, batches, w };
}

describe("the loss fit reports with a kernel penalty: data loss and penalty both before the step", () => {
  it("l1l2({l1: 1, l2: 1}), one batch of 5: [17, 13.92] and kernel 0.829, as TF.js's training_test.ts", async () => {
    const { loss, batches, w } = await fitOnes(regularizers.l1l2({ l1: 1, l2: 1 }), 5);
    // training_test.ts: toBeCloseTo(17), toBeCloseTo(13.92); TF.js 4.22 in Node gives [17, 13.922000885]:
    // 9 + (4 + 4) before the first step, 2.64² + 4·0.91 + 4·0.91² before the second.
    expect(loss[0]).toBeCloseTo(17, 5);
    expect(loss[1]).toBeCloseTo(13.922, 5);
    expect(batches).toEqual(loss); // one batch per epoch: the batch's figure is the epoch's
    for (const v of w) expect(v).toBeCloseTo(0.829, 6);
  });

  it("per batch (batchSize 2, no shuffle): the running mean of TF.js's per-batch losses", async () => {
    const { loss, batches } = await fitOnes(regularizers.l1l2({ l1: 1, l2: 1 }), 2);
    // TF.js 4.22 (Node, cpu backend), same model and data, batchSize 2, shuffle false:
    // onBatchEnd losses 17, 13.922001, 11.428820 | 9.409344, 7.773569, 6.448591 (each batch alone),
    // history.loss [14.654564, 8.162883] (batch sizes 2, 2, 1). Keras' progress bar shows the
    // running mean over the epoch's rows, which scratchnet reports per batch.
    const tfjsBatches = [17, 13.922000885009766, 11.42881965637207, 9.409343719482422, 7.773569107055664, 6.4485907554626465];
    const mean = (xs: number[]) => (xs.length === 3 ? (2 * xs[0] + 2 * xs[1] + xs[2]) / 5 : xs.reduce((s, v) => s + v, 0) / xs.length);
    const expected = [0, 1, 2, 3, 4, 5].map((i) => mean(tfjsBatches.slice(i < 3 ? 0 : 3, i + 1)));
    batches.forEach((b, i) => expect(b).toBeCloseTo(expected[i], 5));
    expect(loss[0]).toBeCloseTo(14.654563903808594, 5);
    expect(loss[1]).toBeCloseTo(8.162882804870605, 5);
  });
});
