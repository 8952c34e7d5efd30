// Numbers TensorFlow.js (and Keras, where they agree) give for the same model and data: the loss
// fit reports with a kernel penalty, the validationSplit cut, string regularizers. Each literal
// says where it comes from.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, ModelError, regularizers } from "../../src/index.js";
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

describe("regularizers: TF.js' defaults (tfjs-layers regularizers.ts: each rate 0.01 unless given)", () => {
  it("l1l2() is l1 = l2 = 0.01; a missing rate is 0.01, not 0; l1() and l2() are the pure forms", () => {
    expect(regularizers.l1l2()).toEqual({ l1: 0.01, l2: 0.01 });
    expect(regularizers.l1l2({ l2: 0.05 })).toEqual({ l1: 0.01, l2: 0.05 });
    expect(regularizers.l1l2({ l1: 0 })).toEqual({ l1: 0, l2: 0.01 });
    expect(regularizers.l1()).toEqual({ l1: 0.01, l2: 0 });
    expect(regularizers.l2({ l2: 0.3 })).toEqual({ l1: 0, l2: 0.3 });
  });

  it("'l1l2' (a string, as TF.js takes it): [9.08, 7.68] and kernel 0.884, as TF.js's training_test.ts", async () => {
    const { loss, w } = await fitOnes("l1l2", 5);
    // training_test.ts 'Using string regularizer': toBeCloseTo(9.08), toBeCloseTo(7.68), kernel 0.884;
    // TF.js 4.22 in Node gives [9.080000877, 7.683887482] and 0.8842361.
    expect(loss[0]).toBeCloseTo(9.080000877380371, 5);
    expect(loss[1]).toBeCloseTo(7.683887481689453, 5);
    for (const v of w) expect(v).toBeCloseTo(0.8842360973358154, 6);
    expect(await fitOnes(regularizers.l1l2(), 5)).toEqual(await fitOnes("l1l2", 5));
  });

  it("'l1' and 'l2' (Keras' identifiers; TF.js 4.22 refuses them as unknown) mean l1() and l2()", async () => {
    const l1 = await fitOnes("l1", 5), l2 = await fitOnes("l2", 5);
    expect(l1).toEqual(await fitOnes(regularizers.l1(), 5));
    expect(l2).toEqual(await fitOnes(regularizers.l2(), 5));
    expect(l1.loss[0]).toBeCloseTo(9 + 0.01 * 4, 6); // (4 − 1)² + 0.01·Σ|1|
    expect(l2.loss[0]).toBeCloseTo(9 + 0.01 * 4, 6); // (4 − 1)² + 0.01·Σ1²
  });

  it("a plain {l1, l2} object is the penalty itself: a missing rate is 0", () => {
    expect(new Dense({ units: 1, kernelRegularizer: { l2: 0.01 } }).kernelRegularizer).toEqual({ l1: 0, l2: 0.01 });
  });

  it("anything not understood is refused with a ModelError naming it, never trained without its penalty", () => {
    const refused = (args: Record<string, unknown>, message: RegExp) =>
      expect(() => new Dense({ units: 2, name: "d", ...args } as ConstructorParameters<typeof Dense>[0])).toThrow(message);
    refused({ kernelRegularizer: "l3" }, /d: kernelRegularizer 'l3' is not one scratchnet knows; use 'l1', 'l2' or 'l1l2'/);
    refused({ kernelRegularizer: "toString" }, /'toString' is not one scratchnet knows/);
    refused({ kernelRegularizer: { L2: 0.1 } }, /d: kernelRegularizer: unknown key 'L2'; a regularizer is \{l1, l2\}/);
    refused({ kernelRegularizer: { l2: -0.1 } }, /d: kernelRegularizer: l2 must be a finite number ≥ 0, got -0.1/);
    refused({ kernelRegularizer: { l1: Number.NaN } }, /l1 must be a finite number ≥ 0, got NaN/);
    refused({ kernelRegularizer: { l1: "0.1" } }, /l1 must be a finite number ≥ 0, got '0.1'/);
    refused({ kernelRegularizer: 0.01 }, /d: kernelRegularizer must be \{l1, l2\}, regularizers.l1l2\(\{l1, l2\}\) or 'l1l2', got 0.01/);
    refused({ biasRegularizer: "l2" }, /d: option 'biasRegularizer' is not implemented in scratchnet; Dense takes units, .*kernelRegularizer/);
    refused({ activityRegularizer: regularizers.l1() }, /option 'activityRegularizer' is not implemented/);
    refused({ kernelConstraint: "maxNorm" }, /option 'kernelConstraint' is not implemented/);
    expect(new Dense({ units: 2, biasRegularizer: undefined } as ConstructorParameters<typeof Dense>[0]).kernelRegularizer).toBeUndefined();
    expect(() => regularizers.l1l2({ l1: -1 })).toThrow(/regularizers.l1l2: l1 must be a finite number ≥ 0, got -1/);
    expect(() => regularizers.l2({ l2: Infinity })).toThrow(/regularizers.l2: l2 must be a finite number ≥ 0, got Infinity/);
    expect(() => regularizers.l1l2({ l3: 1 } as never)).toThrow(/regularizers.l1l2: unknown option 'l3'; it takes l1 and l2/);
    expect(() => regularizers.l2(0.1 as never)).toThrow(/regularizers.l2 takes an object such as \{l2: 0.01\}, got 0.1/);
  });
});

describe("validationSplit cuts at floor(rows·(1 − split)), as TF.js (training.ts splitAt) and Keras", () => {
  const ramp = (n: number) => Array.from({ length: n }, (_, i) => [i / n, 1 - i / n]);
  async function split(n: number, validationSplit: number) {
    const model = new Sequential({ seed: 5, layers: [new Dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const x = ramp(n), y = x.map((r) => [r[0] - r[1]]);
    try {
      const h = await model.fit(x, y, { epochs: 1, batchSize: 100, verbose: 0, validationSplit });
      const tail = model.evaluate(x.slice(h.params.samples as number), y.slice(h.params.samples as number))[0];
      return { train: h.params.samples, valLoss: h.history.val_loss?.[0], tail };
    } finally {
      model.dispose();
    }
  }

  // TF.js 4.22 in Node, fit with validationSplit: 5 rows at 0.01 trained on 4 rows (one batch of 4)
  // and reported a val_loss; 10 rows at 0.15 trained on 8 (so 2 validate). floor(n·split) gave 5 and 9.
  it.each([[5, 0.01, 4], [10, 0.15, 8], [10, 0.1, 9], [40, 0.25, 30]])("%i rows at %f: %i train, the rest validate", async (n, s, train) => {
    const r = await split(n, s);
    expect(r.train).toBe(train);
    expect(r.valLoss).toBeCloseTo(r.tail, 6); // val_loss is the loss of exactly the rows after the cut
  });

  it("a split that leaves no training or no validation rows is a ModelError (Keras refuses both; TF.js 4.22 trains nothing, or throws a TypeError)", async () => {
    await expect(split(1, 0.5)).rejects.toThrow(ModelError);
    await expect(split(1, 0.5)).rejects.toThrow(/validationSplit 0.5 of 1 rows leaves 0 training and 1 validation rows \(the cut is at floor\(rows·\(1 − split\)\)/);
    await expect(split(3, 1e-17)).rejects.toThrow(/validationSplit 1e-17 of 3 rows leaves 3 training and 0 validation rows/);
  });
});
