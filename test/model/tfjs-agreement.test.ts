// Numbers TensorFlow.js (and Keras, where they agree) give for the same model and data: the loss
// fit reports with a kernel penalty, the validationSplit cut, string regularizers. Each literal
// says where it comes from.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, ModelError, regularizers } from "../../src/index.js";
import type { Regularizer } from "../../src/layers/dense.js";
import type { ActivationName } from "../../src/layers/activations.js";
import type { LossName } from "../../src/losses/loss.js";
import { readTopology } from "../../src/io/topology.js";

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

  it("model files: Keras' L1 and L2 classes without a rate mean 0.01 (keras.regularizers.L1(l1=0.01)), as their identifiers do", () => {
    const fail = (what: string): never => { throw new Error(what); };
    const topology = (reg: object) => ({ class_name: "Sequential", config: { layers: [{ class_name: "Dense", config: { name: "d", units: 2, batch_input_shape: [null, 3], kernel_regularizer: reg } }] } });
    expect(readTopology(topology({ class_name: "L1", config: {} }), fail).layers[0].regularizer).toEqual({ l1: 0.01, l2: 0 });
    expect(readTopology(topology({ class_name: "L2", config: {} }), fail).layers[0].regularizer).toEqual({ l1: 0, l2: 0.01 });
    expect(readTopology(topology({ class_name: "L1L2", config: { l1: 0, l2: 0.3 } }), fail).layers[0].regularizer).toEqual({ l1: 0, l2: 0.3 });
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
    await expect(split(1, 0.5)).rejects.toThrow(/validationSplit 0.5 of 1 row leaves 0 training and 1 validation row \(the cut is at floor\(rows·\(1 − split\)\)/);
    await expect(split(3, 1e-17)).rejects.toThrow(/validationSplit 1e-17 of 3 rows leaves 3 training and 0 validation rows/);
  });
});

describe("categoricalCrossentropy on outputs that are not a softmax: rows divided by their sums, as TF.js and Keras", () => {
  it("a linear Dense(2) whose rows are [4, 4]: ln 2 = 0.6931 (TF.js 4.22: 0.6931471824645996), not the 1.2e-7 of clipping 4 to 1 − ε", () => {
    const model = new Sequential([new Dense({ units: 2, kernelInitializer: "ones", useBias: false, inputShape: [4] })]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    expect(model.evaluate([[1, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]], [[1, 0], [1, 0], [0, 1]])[0]).toBeCloseTo(0.6931471824645996, 6);
    model.dispose();
  });

  // TF.js 4.22 in Node (cpu backend): a 3-4-3 Sequential, tanh hidden layer, the given weights, SGD
  // lr 0.1, one batch of these 4 rows, shuffle false: the loss evaluate() gave before the step, and
  // the weights after it. relu + sparse gave the same numbers as linear + sparse (both clip the
  // negatives to ε first), sigmoid + sparse the same as sigmoid + one-hot.
  const x = [[0.5, -0.2, 0.1], [0.3, 0.8, -0.5], [-0.6, 0.4, 0.9], [0.2, 0.2, 0.2]];
  const start = [
    [0.3, -0.1, 0.2, 0.5, 0.4, 0.2, -0.3, 0.1, -0.2, 0.6, 0.1, 0.3], [0.1, 0, -0.1, 0.2],
    [0.5, 0.2, 0.3, 0.1, 0.6, 0.2, 0.3, 0.1, 0.7, 0.2, 0.4, 0.1], [0.3, -0.5, 0.1],
  ];
  const labels = [1, 0, 2, 1];
  const cases: [ActivationName, LossName, { loss: number; hidden: number[]; kernel: number[]; bias: number[] }][] = [
    ["linear", "categoricalCrossentropy", { loss: 8.48650074005127, hidden: [0.25302982330322266,-0.10963071137666702,0.012402817606925964,0.5101531147956848,0.4313134551048279,0.20642048120498657,-0.1749352216720581,0.09323126822710037,-0.12954473495483398,0.6144461035728455,0.38139575719833374,0.2847703695297241], kernel: [0.511969804763794,0.21196980774402618,0.24580161273479462,0.028960436582565308,0.5289604663848877,0.5216619968414307,0.3294139504432678,0.1294139325618744,0.5668157935142517,0.1751440018415451,0.37514400482177734,0.2125461846590042], bias: [0.17990325391292572,-0.620096743106842,0.6437894105911255] }],
    ["linear", "sparseCategoricalCrossentropy", { loss: 8.395885467529297, hidden: [0.19673913717269897,-0.1527729630470276,-0.051367148756980896,0.4680015742778778,0.4460647702217102,0.22117453813552856,-0.1785300076007843,0.11295152455568314,-0.08391181379556656,0.6645640730857849,0.4282909035682678,0.3355032205581665], kernel: [0.4961931109428406,0.20000000298023224,0.20357246696949005,0.04787743091583252,0.6000000238418579,0.5487647652626038,0.3201161324977875,0.10000000149011612,0.5730026960372925,0.15432898700237274,0.4000000059604645,0.17846405506134033], bias: [0.14728735387325287,-0.5,0.5625590682029724] }],
    ["relu", "categoricalCrossentropy", { loss: 8.60593032836914, hidden: [0.2168450951576233,-0.14507243037223816,-0.025691628456115723,0.47445207834243774,0.4468628466129303,0.22147715091705322,-0.1774159073829651,0.11336708068847656,-0.07483896613121033,0.6680372357368469,0.4399312734603882,0.3385051488876343], kernel: [0.5095482468605042,0.20000000298023224,0.21692760288715363,0.05253194272518158,0.6000000238418579,0.5534192323684692,0.3184873163700104,0.10000000149011612,0.5713738799095154,0.18438871204853058,0.4000000059604645,0.20852376520633698], bias: [0.2236134111881256,-0.5,0.6388850808143616] }],
    ["sigmoid", "categoricalCrossentropy", { loss: 1.1556775569915771, hidden: [0.2997157573699951,-0.09673652052879333,0.1952839493751526,0.5024387836456299,0.4002854824066162,0.19759510457515717,-0.2995838224887848,0.0987560823559761,-0.2008235603570938,0.6020766496658325,0.10341177880764008,0.29980507493019104], kernel: [0.5021176338195801,0.20185090601444244,0.2956138551235199,0.09632224589586258,0.5993736386299133,0.2051319181919098,0.29931917786598206,0.10195975750684738,0.6994011402130127,0.19774861633777618,0.40633469820022583,0.09751474112272263], bias: [0.2941525876522064,-0.4871962368488312,0.09639248251914978] }],
  ];
  it.each(cases)("3-4-3 with a %s output, %s: the loss and one SGD step's weights as TF.js", async (output, loss, tfjs) => {
    const model = new Sequential([new Dense({ units: 4, activation: "tanh", inputShape: [3] }), new Dense({ units: 3, activation: output })]);
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss });
    model.setWeights(start);
    const y = loss === "categoricalCrossentropy" ? labels.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0))) : labels;
    expect(model.evaluate(x, y)[0]).toBeCloseTo(tfjs.loss, 5);
    const h = await model.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(tfjs.loss, 5);
    const [hidden, , kernel, bias] = model.getWeights().map((w) => Array.from(w.data));
    for (const [got, want] of [[hidden, tfjs.hidden], [kernel, tfjs.kernel], [bias, tfjs.bias]]) got.forEach((v, i) => expect(v).toBeCloseTo(want[i], 6));
    model.dispose();
  });
});
