// BatchNormalization through the engine: finite-difference gradients of the training-mode loss
// (γ, β and the Dense before it, which gets dx through the batch statistics), inference from the
// moving statistics, Sequential's summary/getWeights/setWeights/snapshot, the same bits on 1–3
// threads, and its argument and shape errors.
import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { engine, Sequential, Dense, BatchNormalization, SGD, Adam, ModelError, ShapeError, Rng, type Engine, type BatchNormalizationArgs,
  type ActivationName } from "../../src/index.js";
import { forward, trainStep } from "../../src/models/stack.js";
import { tensorOf, i32Of, readF32, seededValues, gradientCheck, GRADIENT_TOLERANCE, maxAbsDiff } from "../helpers.js";
import { toyClasses, weightBytes } from "../model/util.js";
import { threadedEngines } from "../parallel/engines.js";
import * as ref from "../reference/batch-norm.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";

const data = toyClasses(48, 4, 3, 21);

/** Dense(units, activation) on 4 inputs → BatchNormalization(args) → Dense(3, softmax), on `engine`. */
function net(seed: number, units: number, activation?: ActivationName, args: BatchNormalizationArgs = {}, e?: Engine): Sequential {
  return new Sequential({ seed, engine: e, layers: [new Dense({ units, activation, inputShape: [4] }), new BatchNormalization(args),
    new Dense({ units: 3, activation: "softmax" })] });
}
const info = { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" as const } };

describe("BatchNormalization: trainStep's gradients match central differences of the training-mode loss", () => {
  /** One trainStep, its gradients, then central differences of the loss of a training forward (batch statistics) at the weights before. */
  function check(model: Sequential, rows = 6) {
    model.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "sparseCategoricalCrossentropy" });
    const heap = engine().heap, params = model.params(), last = model.layers[model.layers.length - 1];
    const xs = data.x.slice(0, rows), labels = data.y.slice(0, rows);
    const xb = tensorOf(xs.flat(), rows, model.inputUnits), y = { ptr: i32Of(labels), sparse: true };
    for (const layer of model.layers) layer.reserve(rows);
    const before = params.map((p) => readF32(p.value, p.size));
    trainStep(model, xb.ptr, y, rows);
    const analytic = params.map((p) => readF32(p.grad, p.size));
    params.forEach((p, i) => heap.f32.set(before[i], p.value >>> 2));
    // The moving statistics change with each training forward, but the training-mode loss never reads them.
    const loss = () => model.loss!.gradient(engine(), forward(model, xb.ptr, rows, true), y, last.outputGrad, rows, model.outputUnits,
      last.activation.name);
    params.forEach((p, i) => {
      const result = gradientCheck((w) => (heap.f32.set(w, p.value >>> 2), loss()), before[i], analytic[i]);
      heap.f32.set(before[i], p.value >>> 2);
      expect(result.error, p.name).toBeLessThan(GRADIENT_TOLERANCE);
    });
    model.dispose();
  }

  it("Dense(tanh) → BatchNormalization → Dense(softmax): kernel, bias (≈ 0: the mean removes it), γ, β", () => {
    const gammaInitializer = { name: "randomUniform", minval: 0.5, maxval: 1.5 } as const;
    check(net(3, 5, "tanh", { gammaInitializer, betaInitializer: { name: "randomUniform" } }));
  });

  it("first layer (no dx), then Dense(relu) → BatchNormalization without center and scale → Dense(softmax)", () => {
    check(new Sequential({ seed: 5, layers: [new BatchNormalization({ inputShape: [4], epsilon: 0.01 }),
      new Dense({ units: 6, activation: "sigmoid" }), new BatchNormalization({ center: false, scale: false }),
      new Dense({ units: 3, activation: "softmax" })] }), 8);
  });
});

describe("BatchNormalization in Sequential", () => {
  it("predict and evaluate use the moving statistics and leave them; fit moves them; summary counts them as non-trainable", async () => {
    const m = net(2, 5, "relu", { momentum: 0.5 });
    m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const summary = m.summary(() => {});
    expect(summary).toMatch(/batch_normalization_\d+ \(BatchNormalization\) +\[null,5\] +20\b/);
    expect(summary).toMatch(/Total params: 63\nTrainable params: 53\nNon-trainable params: 10/);
    const stats = () => m.getWeights().slice(6).map((w) => Array.from(w.data));
    expect(stats()).toEqual([[0, 0, 0, 0, 0], [1, 1, 1, 1, 1]]);
    m.predict(data.x);
    m.evaluate(data.x, data.y);
    expect(stats()).toEqual([[0, 0, 0, 0, 0], [1, 1, 1, 1, 1]]);
    const history = await m.fit(data.x, data.y, { epochs: 10, batchSize: 16, verbose: 0 });
    expect(history.history.loss[9]).toBeLessThan(history.history.loss[0]);
    const [movingMean, movingVariance] = stats(), w = m.getWeights();
    expect(movingMean.some((v) => v !== 0) && movingVariance.some((v) => v !== 1)).toBe(true);
    // predict = the reference normalization of the hidden layer's output with the moving statistics.
    const hidden = new Sequential({ layers: [new Dense({ units: 5, activation: "relu", inputShape: [4] })] });
    hidden.setWeights([w[0], w[1]]);
    const h = hidden.predict(data.x).data, bn = m.layers[1] as BatchNormalization;
    const expected = ref.normalize(h, w[2].data, w[3].data, movingMean, movingVariance, data.x.length, 5, bn.epsilon);
    m.layers[1].forward(m.layers[0].forward(tensorOf(data.x.flat(), 48, 4).ptr, 48, false), 48, false);
    expect(maxAbsDiff(readF32(m.layers[1].output, 48 * 5), expected)).toBeLessThan(1e-5);
    // setWeights writes the moving statistics too, and predict follows them.
    const p = Array.from(m.predict(data.x).data);
    m.setWeights(w.map((x, i) => (i === 7 ? { shape: [5], data: Array.from(x.data, (v) => 4 * v) } : x)));
    expect(Array.from(m.predict(data.x).data)).not.toEqual(p);
    m.setWeights(w);
    expect(Array.from(m.predict(data.x).data)).toEqual(p);
    hidden.dispose();
    m.dispose();
  });

  it("validation and predict use the moving statistics: val_loss = evaluate on the held-out rows; one row as in a batch", async () => {
    const m = net(4, 6, "tanh");
    m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "sparseCategoricalCrossentropy" });
    const history = await m.fit(data.x, data.y, { epochs: 3, batchSize: 8, validationSplit: 0.25, verbose: 0 });
    const [valLoss] = m.evaluate(data.x.slice(36), data.y.slice(36));
    expect(history.history.val_loss[2]).toBeCloseTo(valLoss, 6);
    const all = m.predict(data.x).data;
    expect(Array.from(m.predict([data.x[5]]).data)).toEqual(Array.from(all.subarray(15, 18)));
    m.dispose();
  });

  it("save → loadModel → fit resumes bit for bit: the moving statistics travel with the weights and Adam's state", async () => {
    const make = () => {
      const m = net(6, 6, "relu", { momentum: 0.7 });
      m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
      return m;
    };
    const fit = (m: Sequential, epochs: number) => m.fit(data.x, data.y, { epochs, batchSize: 16, shuffle: false, verbose: 0 });
    const straight = make(), first = make();
    await fit(straight, 4);
    await fit(first, 2);
    let saved: ModelArtifacts | undefined;
    await first.save({ save: async (a: ModelArtifacts) => ((saved = a), info) });
    const resumed = await loadModel(saved!);
    await fit(resumed, 2);
    expect(resumed.getWeights()).toEqual(straight.getWeights());
    for (const m of [straight, first, resumed]) m.dispose();
  });

  it("a diverged epoch puts the moving statistics back with the weights (the snapshot covers state())", async () => {
    const m = net(2, 5, undefined);
    m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: "sparseCategoricalCrossentropy" });
    await m.fit(data.x, data.y, { epochs: 1, batchSize: 16, verbose: 0 });
    const before = m.getWeights().map((w) => Array.from(w.data));
    const poisoned = data.x.map((r, i) => (i === 40 ? [NaN, ...r.slice(1)] : r));
    await expect(m.fit(poisoned, data.y, { epochs: 1, batchSize: 16, shuffle: false, verbose: 0 })).rejects.toThrow();
    expect(m.getWeights().map((w) => Array.from(w.data))).toEqual(before);
    m.dispose();
  });

  it("samples of shape [2, 3] normalize each of the 3 channels over every row and position (TF.js' axis -1)", () => {
    const layer = new BatchNormalization({ inputShape: [2, 3] }), rng = new Rng(engine(), 1), rows = 4;
    const xs = seededValues(rows * 6, -2, 3, 8);
    layer.build(engine(), [2, 3], rng);
    layer.reserve(rows);
    const y = layer.forward(tensorOf(xs, rows, 6).ptr, rows, true), m = ref.moments(xs, rows * 2, 3);
    const expected = ref.normalize(xs, [1, 1, 1], [0, 0, 0], m.mean, m.variance, rows * 2, 3, 1e-3);
    expect(maxAbsDiff(readF32(y, rows * 6), expected)).toBeLessThan(2e-6);
    expect(layer.weights().map((w) => w.shape)).toEqual([[3], [3], [3], [3]]);
    expect(maxAbsDiff(readF32(layer.state()[0].value, 3), m.mean.map((v) => 0.01 * v))).toBeLessThan(1e-7);
    layer.dispose();
    rng.dispose();
  });

  it("refuses what it does not implement, with the fix", () => {
    expect(() => new BatchNormalization({ axis: 0, inputShape: [4] })).toThrow(ShapeError);
    expect(() => new BatchNormalization({ axis: 0, inputShape: [4] }))
      .toThrow(/axis 0 of an input of shape \[null, 4\] is not the last; .*axis -1/);
    expect(() => new BatchNormalization({ momentum: 1.5 })).toThrow(/momentum 1.5 must be in \[0, 1\]/);
    expect(() => new BatchNormalization({ epsilon: 0 })).toThrow(/epsilon 0 must be a finite number > 0/);
    expect(() => new BatchNormalization({ betaRegularizer: "l2" } as never)).toThrow(ModelError);
    expect(() => new BatchNormalization({ betaRegularizer: "l2" } as never))
      .toThrow(/option 'betaRegularizer' is not implemented in scratchnet; BatchNormalization takes axis, momentum/);
    expect(() => new BatchNormalization({ gammaInitializer: "nope" as never })).toThrow(/unknown initializer 'nope'/);
    // TF.js counts the batch axis: 1 is the last of [null, 4].
    expect(new BatchNormalization({ axis: 1, inputShape: [4] }).computeOutputShape([4])).toEqual([4]);
  });
});

describe("BatchNormalization on threads", () => {
  const engines = threadedEngines();
  async function hash(e: Engine): Promise<string> {
    const m = net(9, 40, "relu", {}, e);
    m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
    await m.fit(data.x, data.y, { epochs: 3, batchSize: 16, verbose: 0 });
    const h = createHash("sha256").update(weightBytes(m)).update(new Uint8Array(m.predict(data.x).data.buffer)).digest("hex");
    m.dispose();
    return h;
  }
  it("2 and 3 threads give the one-thread weights, moving statistics and predictions", async () => {
    const single = await hash(engines.one);
    expect(await Promise.all(engines.teams.map(hash))).toEqual([single, single]);
  });
});
