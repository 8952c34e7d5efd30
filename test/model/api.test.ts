// The Keras / TensorFlow.js surface: summary, weight layout, History, callbacks, input forms,
// initialisers and optimisers behave as users of those libraries expect.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, Adam, tensor2d } from "../../src/index.js";
import type { InitializerSpec } from "../../src/layers/initializers.js";
import { penalty } from "../../src/models/stack.js";
import { getActivation } from "../../src/layers/activations.js";
import { ACTIVATIONS, ACTIVATION_NAMES } from "../../src/core/activations.js";
import type { Kernels } from "../../src/core/kernels.js";
import { tiny, toyClasses, weightBytes, rowsOf, seeded } from "./util.js";

const data = toyClasses(40, 4, 3, 31);
const oneHot = data.y.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));

describe("summary and parameters", () => {
  it("784-50-10 has 39,250 + 510 = 39,760 parameters", () => {
    const model = new Sequential([new Dense({ units: 50, activation: "relu", inputShape: [784] }), new Dense({ units: 10, activation: "softmax" })]);
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    const lines: string[] = [];
    const text = model.summary((l) => lines.push(l));
    expect(lines).toEqual([text]);
    expect(text).toMatch(/\[null,50\]\s+39,250/);
    expect(text).toMatch(/\[null,10\]\s+510/);
    expect(text).toMatch(/Total params: 39,760/);
    expect(text).toMatch(/Trainable params: 39,760/);
    expect(model.countParams()).toBe(39760);
    expect(model.getWeights().map((w) => w.shape)).toEqual([[784, 50], [50], [50, 10], [10]]);
    model.dispose();
  });
});

describe("a model is built on first use", () => {
  it("summary, getWeights and predict work before compile; compile keeps those weights", async () => {
    const model = new Sequential({ seed: 4, layers: [new Dense({ units: 3, activation: "softmax", inputShape: [4] })] });
    expect(model.summary(() => {})).toMatch(/Total params: 15/);
    const weights = weightBytes(model);
    const p = model.predict(data.x).data;
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    expect(weightBytes(model)).toEqual(weights);
    expect(model.predict(data.x).data).toEqual(p);
    const fresh = new Sequential({ seed: 4, layers: [new Dense({ units: 3, activation: "softmax", inputShape: [4] })] });
    fresh.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy" });
    expect(weightBytes(fresh)).toEqual(weights); // building early draws the same seeded weights
    model.dispose();
    fresh.dispose();
  });
});

describe("weights as TensorFlow.js lays them out", () => {
  it("kernel [in, out] row-major, then bias, layer by layer; predict matches a hand computation", () => {
    const model = new Sequential([new Dense({ units: 3, activation: "relu", inputShape: [2] }), new Dense({ units: 1 })]);
    model.compile({ optimizer: "sgd", loss: "mse" });
    // W1[i][j] multiplies input i into unit j.
    const w1 = [1, 2, 3, -4, 5, -6], b1 = [0.5, -1, 0], w2 = [1, -1, 2], b2 = [0.25];
    model.setWeights([w1, b1, w2, b2].map((d) => Float32Array.from(d)));
    expect(model.getWeights().map((w) => Array.from(w.data))).toEqual([w1, b1, w2, b2]);
    // x = [1, 2]: z1 = [1·1 + 2·(−4) + 0.5, 1·2 + 2·5 − 1, 1·3 + 2·(−6)] = [−6.5, 11, −9] → relu [0, 11, 0]
    // y = 0·1 + 11·(−1) + 0·2 + 0.25 = −10.75
    expect(Array.from(model.predict([[1, 2]]).data)).toEqual([-10.75]);
    model.dispose();
  });

  it("getWeights returns copies; setWeights accepts {shape, data} objects back", async () => {
    const model = tiny({ seed: 2 });
    const saved = model.getWeights();
    const copy = saved.map((w) => ({ shape: w.shape, data: w.data.slice() }));
    await model.fit(data.x, data.y, { epochs: 2, verbose: 0 });
    expect(saved).toEqual(copy); // training did not write through the copies
    model.setWeights(saved);
    expect(model.getWeights()).toEqual(copy);
    model.dispose();
  });
});

describe("History", () => {
  it("has loss, accuracy, val_loss and val_accuracy with validationData", async () => {
    const model = tiny({ seed: 3 });
    const history = await model.fit(data.x.slice(0, 30), data.y.slice(0, 30), { epochs: 3, batchSize: 8, verbose: 0, validationData: [data.x.slice(30), data.y.slice(30)] });
    expect(Object.keys(history.history).sort()).toEqual(["accuracy", "loss", "val_accuracy", "val_loss"]);
    for (const v of Object.values(history.history)) expect(v).toHaveLength(3);
    expect(history.epoch).toEqual([0, 1, 2]);
    const [valLoss, valAccuracy] = model.evaluate(data.x.slice(30), data.y.slice(30));
    expect(history.history.val_loss[2]).toBeCloseTo(valLoss, 6);
    expect(history.history.val_accuracy[2]).toBe(valAccuracy);
    model.dispose();
  });

  it("with validationSplit the last rows are held out, as in Keras", async () => {
    const split = tiny({ seed: 3 }), explicit = tiny({ seed: 3 });
    const a = await split.fit(data.x, data.y, { epochs: 2, batchSize: 8, verbose: 0, validationSplit: 0.25 });
    const b = await explicit.fit(data.x.slice(0, 30), data.y.slice(0, 30), { epochs: 2, batchSize: 8, verbose: 0, validationData: [data.x.slice(30), data.y.slice(30)] });
    expect(Object.keys(a.history).sort()).toEqual(["accuracy", "loss", "val_accuracy", "val_loss"]);
    expect(a.history).toEqual(b.history);
    expect(a.params.samples).toBe(30);
    expect(weightBytes(split)).toEqual(weightBytes(explicit));
    split.dispose();
    explicit.dispose();
  });

  it("without metrics there is only loss (and val_loss)", async () => {
    const model = new Sequential([new Dense({ units: 3, activation: "softmax", inputShape: [4] })]);
    model.compile({ optimizer: "sgd", loss: "categoricalCrossentropy" });
    const history = await model.fit(data.x, oneHot, { epochs: 1, verbose: 0, validationSplit: 0.5 });
    expect(Object.keys(history.history).sort()).toEqual(["loss", "val_loss"]);
    model.dispose();
  });
});

describe("activations", () => {
  it.each(ACTIVATION_NAMES)("%s resolves its kernel names once, when the table is built", (name) => {
    const act = getActivation(name);
    const base = ACTIVATIONS[name].kernel;
    expect(act.kernels).toEqual({ forward: base, backward: `${base}Backward` });
    const read: PropertyKey[] = [];
    const k = new Proxy({}, { get: (_t, key) => (read.push(key), () => 0) }) as unknown as Kernels;
    act.forward(k, 0, 0, 1, 1);
    act.backward(k, 0, 0, 0, 1, 1);
    act.backward(k, 0, 0, 0, 1, 1);
    expect(read).toEqual([act.kernels.forward, act.kernels.backward, act.kernels.backward]);
  });
});

describe("regularisation", () => {
  it("one penalty function: evaluate() adds λΣw² over the layers to the loss of the unregularised twin", () => {
    const l2 = { l2: 0.05 };
    const make = (reg?: { l2: number }) => new Sequential({ seed: 12, layers: [
      new Dense({ units: 5, activation: "tanh", inputShape: [4], kernelRegularizer: reg }),
      new Dense({ units: 3, activation: "softmax", kernelRegularizer: reg }),
    ] });
    const regularised = make(l2), plain = make();
    for (const m of [regularised, plain]) m.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy" });
    const kernels = regularised.getWeights().filter((w) => w.shape.length === 2);
    const expected = kernels.reduce((s, w) => s + 0.05 * w.data.reduce((t, v) => t + v * v, 0), 0);
    expect(penalty(regularised.layers)).toBeCloseTo(expected, 5);
    expect(penalty(plain.layers)).toBe(0);
    expect(regularised.evaluate(data.x, data.y)[0]).toBeCloseTo(plain.evaluate(data.x, data.y)[0] + penalty(regularised.layers), 5);
    regularised.dispose();
    plain.dispose();
  });
});

describe("callbacks", () => {
  it("fire in order: onTrainBegin, onEpochBegin, onBatchEnd…, onEpochEnd, onTrainEnd", async () => {
    const model = tiny({ seed: 4 });
    const events: string[] = [];
    await model.fit(data.x.slice(0, 20), data.y.slice(0, 20), {
      epochs: 2, batchSize: 8, verbose: 0,
      callbacks: {
        onTrainBegin: () => void events.push("trainBegin"),
        onEpochBegin: (e) => void events.push(`epochBegin ${e}`),
        onBatchEnd: (b, logs) => void events.push(`batchEnd ${b} ${logs?.size}`),
        onEpochEnd: (e, logs) => void events.push(`epochEnd ${e} ${Object.keys(logs ?? {}).join(",")}`),
        onTrainEnd: async () => void events.push("trainEnd"),
      },
    });
    const epoch = (e: number) => [`epochBegin ${e}`, "batchEnd 0 8", "batchEnd 1 8", "batchEnd 2 4", `epochEnd ${e} loss,accuracy`];
    expect(events).toEqual(["trainBegin", ...epoch(0), ...epoch(1), "trainEnd"]);
    model.dispose();
  });

  it("onBatchEnd logs running averages of loss and accuracy; the last batch's equal the epoch's", async () => {
    const model = new Sequential({ seed: 5, layers: [
      new Dense({ units: 6, activation: "relu", inputShape: [4], kernelRegularizer: { l2: 0.01 } }),
      new Dense({ units: 3, activation: "softmax" }),
    ] });
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const batches: Record<string, number>[][] = [[], []];
    const epochs: Record<string, number>[] = [];
    await model.fit(data.x, data.y, { epochs: 2, batchSize: 8, shuffle: false, verbose: 0, callbacks: {
      onBatchEnd: (_b, logs) => void batches[epochs.length].push({ ...logs }),
      onEpochEnd: (_e, logs) => void epochs.push({ ...logs }),
    } });
    for (let e = 0; e < 2; e++) {
      expect(batches[e]).toHaveLength(5);
      expect(batches[e].at(-1)!.loss).toBe(epochs[e].loss);
      expect(batches[e].at(-1)!.accuracy).toBe(epochs[e].accuracy);
    }
    model.dispose();
  });

  it.each(["return false", "stopTraining"])("%s from onEpochBegin records no phantom epoch", async (how) => {
    const model = tiny({ seed: 4 });
    const before = weightBytes(model);
    const ended: number[] = [];
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => void lines.push(line);
    try {
      const onEpochBegin = (epoch: number) => {
        if (epoch < 1) return;
        if (how === "stopTraining") model.stopTraining = true;
        else return false;
      };
      const history = await model.fit(data.x, data.y, { epochs: 3, batchSize: 8, verbose: 1, callbacks: { onEpochBegin, onEpochEnd: (e) => void ended.push(e) } });
      expect(history.epoch).toEqual([0]);
      expect(history.history.loss).toHaveLength(1);
      expect(history.history.accuracy.every(Number.isFinite)).toBe(true);
      expect(ended).toEqual([0]);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Epoch 1\/3/);
      const none = await model.fit(data.x, data.y, { epochs: 2, verbose: 1, callbacks: { onEpochBegin: () => false } });
      expect(none.epoch).toEqual([]);
      expect(none.history).toEqual({});
      expect(lines).toHaveLength(1);
    } finally {
      console.log = log;
    }
    expect(weightBytes(model)).not.toEqual(before);
    model.dispose();
  });

  it.each(["return false", "stopTraining"])("%s from onBatchEnd stops early and leaves a usable model", async (how) => {
    const model = tiny({ seed: 4 });
    let batches = 0;
    const onBatchEnd = (batch: number) => {
      batches++;
      if (batch === 1) {
        if (how === "stopTraining") model.stopTraining = true;
        else return false;
      }
    };
    const history = await model.fit(data.x, data.y, { epochs: 5, batchSize: 8, verbose: 0, callbacks: { onBatchEnd } });
    expect(batches).toBe(2);
    expect(history.epoch).toEqual([0]);
    expect(history.history.loss.every(Number.isFinite)).toBe(true);
    const p = model.predict(data.x).data;
    expect(p.every(Number.isFinite)).toBe(true);
    // A later fit starts afresh (stopTraining is reset) and runs all its epochs.
    expect((await model.fit(data.x, data.y, { epochs: 2, verbose: 0 })).epoch).toEqual([0, 1]);
    model.dispose();
  });
});

describe("input forms give the same result", () => {
  async function trained(loss: string, x: Parameters<Sequential["fit"]>[0], y: Parameters<Sequential["fit"]>[1]): Promise<Uint8Array> {
    const model = new Sequential({ seed: 9, layers: [new Dense({ units: 5, activation: "tanh", inputShape: [4] }), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: "adam", loss, metrics: ["accuracy"] });
    await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    const w = weightBytes(model);
    model.dispose();
    return w;
  }

  it.each(["categoricalCrossentropy", "sparseCategoricalCrossentropy"])("%s: integer labels and one-hot rows", async (loss) => {
    const integers = await trained(loss, data.x, data.y);
    expect(await trained(loss, data.x, oneHot)).toEqual(integers);
    expect(await trained(loss, data.x, Int32Array.from(data.y))).toEqual(integers);
    expect(await trained(loss, data.x, Uint8Array.from(data.y))).toEqual(integers);
  });

  it("sparse labels as a [n, 1] column, as Keras accepts", async () => {
    const flat = await trained("sparseCategoricalCrossentropy", data.x, data.y);
    expect(await trained("sparseCategoricalCrossentropy", data.x, data.y.map((c) => [c]))).toEqual(flat);
    expect(await trained("sparseCategoricalCrossentropy", data.x, tensor2d(Float32Array.from(data.y), [40, 1]))).toEqual(flat);
  });

  it("a batchSize above the number of rows trains as one full batch", async () => {
    const run = async (batchSize: number) => {
      const model = tiny({ seed: 5 });
      await model.fit(data.x, data.y, { epochs: 2, batchSize, verbose: 0 });
      const w = weightBytes(model);
      model.dispose();
      return w;
    };
    expect(await run(1_000_000)).toEqual(await run(40));
  });

  it("number[][] and {data: Float32Array, shape}", async () => {
    const rows = await trained("sparseCategoricalCrossentropy", data.x, data.y);
    expect(await trained("sparseCategoricalCrossentropy", tensor2d(Float32Array.from(data.x.flat()), [40, 4]), data.y)).toEqual(rows);
    expect(await trained("sparseCategoricalCrossentropy", { data: data.x.flat(), shape: [40, 4] }, data.y)).toEqual(rows);
  });

  it("Uint8Array inputs are scaled by 1/255", () => {
    const model = tiny({ seed: 6 });
    const bytes = Uint8Array.from(seeded(40, 8, 0, 256).map(Math.floor));
    const scaled = Float32Array.from(bytes, (v) => Math.fround(v * Math.fround(1 / 255)));
    const fromBytes = model.predict(tensor2d(bytes, [10, 4])).data;
    expect(fromBytes).toEqual(model.predict(tensor2d(scaled, [10, 4])).data);
    expect(fromBytes).not.toEqual(model.predict(tensor2d(Float32Array.from(bytes), [10, 4])).data);
    model.dispose();
  });
});

describe("initialisers", () => {
  function kernel(spec: InitializerSpec, inputs = 100, units = 60, seed = 1): Float32Array {
    const model = new Sequential({ seed, layers: [new Dense({ units, inputShape: [inputs], kernelInitializer: spec, biasInitializer: spec })] });
    model.compile({ optimizer: "sgd", loss: "mse" });
    const [w, b] = model.getWeights();
    model.dispose();
    return Float32Array.from([...w.data, ...(spec === "zeros" || spec === "ones" ? b.data : [])]);
  }
  const stats = (v: Float32Array) => {
    const mean = v.reduce((s, x) => s + x, 0) / v.length;
    return { mean, std: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length), min: Math.min(...v), max: Math.max(...v) };
  };

  it("glorotUniform stays within ±√(6 / (in + out)) and fills the range", () => {
    const limit = Math.sqrt(6 / 160), s = stats(kernel("glorotUniform"));
    expect(s.min).toBeGreaterThanOrEqual(-limit);
    expect(s.max).toBeLessThan(limit);
    expect(s.min).toBeLessThan(-0.95 * limit);
    expect(s.max).toBeGreaterThan(0.95 * limit);
    expect(Math.abs(s.mean)).toBeLessThan(0.01);
  });

  it("zeros and ones", () => {
    expect(kernel("zeros").every((v) => v === 0)).toBe(true);
    expect(kernel("ones").every((v) => v === 1)).toBe(true);
  });

  it("randomUniform defaults to [-0.05, 0.05), TF.js's RandomUniform (minval -0.05, maxval 0.05, initializers.ts) and Keras'", () => {
    const s = stats(kernel("randomUniform"));
    expect(s.min).toBeGreaterThanOrEqual(-0.05);
    expect(s.max).toBeLessThan(0.05);
    expect(s.min).toBeLessThan(-0.0495);
    expect(s.max).toBeGreaterThan(0.0495);
    expect(s.std).toBeCloseTo(0.1 / Math.sqrt(12), 3); // a uniform's σ = (b − a)/√12
  });

  it("heNormal has standard deviation √(2 / fanIn), truncated at two of its own σ", () => {
    const s = stats(kernel("heNormal", 200, 100));
    const target = Math.sqrt(2 / 200);
    expect(s.std).toBeGreaterThan(0.95 * target);
    expect(s.std).toBeLessThan(1.05 * target);
    expect(Math.abs(s.mean)).toBeLessThan(0.01 * target * 10);
    expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual((2 * target) / 0.8796256610342398 + 1e-6);
  });

  // TF.js's RandomNormal (and Keras'): mean 0, stddev 0.05 by default, not truncated. 60,000
  // draws: the sample σ's standard error is 0.05/√(2·60,000) = 1.4e-4 and the mean's 2.0e-4, so the
  // bounds below sit 7 and 5 of them out, and a 10× stddev (0.5) misses by 0.45.
  it("randomNormal defaults to TF.js's mean 0 and stddev 0.05, untruncated", () => {
    const v = kernel("randomNormal", 300, 200), s = stats(v);
    expect(Math.abs(s.std - 0.05)).toBeLessThan(1e-3);
    expect(Math.abs(s.mean)).toBeLessThan(1e-3);
    // P(|z| > 2) = 0.0455 for a normal (0 if truncated at 2σ as heNormal is); standard error 8.5e-4.
    const tails = v.filter((x) => Math.abs(x) > 2 * 0.05).length / v.length;
    expect(Math.abs(tails - 0.0455)).toBeLessThan(5e-3);
  });

  it("randomNormal and randomUniform take TF.js's options: {mean: 1, stddev: 0.1}, {minval: -0.05, maxval: 0.05}", () => {
    const n = stats(kernel({ name: "randomNormal", mean: 1, stddev: 0.1 }, 300, 200));
    expect(Math.abs(n.mean - 1)).toBeLessThan(2e-3); // standard error 0.1/√60,000 = 4e-4
    expect(Math.abs(n.std - 0.1)).toBeLessThan(2e-3); // standard error 2.9e-4
    const u = stats(kernel({ name: "randomUniform", minval: -0.05, maxval: 0.05 }, 300, 200));
    expect(u.min).toBeGreaterThanOrEqual(-0.05);
    expect(u.max).toBeLessThan(0.05);
    expect(Math.abs(u.std - 0.1 / Math.sqrt(12))).toBeLessThan(5e-4); // uniform: width/√12 = 0.0289
  });

  it("a Dense bias starts at zeros unless told otherwise (TF.js's biasInitializer default)", () => {
    const model = new Sequential({ seed: 1, layers: [new Dense({ units: 7, inputShape: [3] })] });
    expect(Array.from(model.getWeights()[1].data)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    model.dispose();
  });

  it("seeded: the same seed gives the same kernel, another seed another", () => {
    expect(kernel("glorotUniform", 10, 10, 3)).toEqual(kernel("glorotUniform", 10, 10, 3));
    expect(kernel("glorotUniform", 10, 10, 3)).not.toEqual(kernel("glorotUniform", 10, 10, 4));
  });
});

describe("optimisers and predict", () => {
  it.each([["SGD with momentum", () => new SGD({ learningRate: 0.05, momentum: 0.9 })], ["Adam", () => new Adam({ learningRate: 0.01 })]])(
    "%s reduces the loss on a small problem",
    async (_name, make) => {
      const model = new Sequential({ seed: 2, layers: [new Dense({ units: 8, activation: "tanh", inputShape: [4] }), new Dense({ units: 3, activation: "softmax" })] });
      model.compile({ optimizer: make(), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
      const [before] = model.evaluate(data.x, data.y);
      const history = await model.fit(data.x, data.y, { epochs: 30, batchSize: 8, verbose: 0 });
      const [after, accuracy] = model.evaluate(data.x, data.y);
      expect(after).toBeLessThan(0.5 * before);
      expect(history.history.loss.at(-1)).toBeLessThan(history.history.loss[0]);
      expect(accuracy).toBeGreaterThan(0.8);
      model.dispose();
    },
  );

  it("predict() does not depend on its batchSize (bitwise)", () => {
    const model = tiny({ inputs: 7, hidden: 13, outputs: 5, seed: 8 });
    const x = rowsOf(37, 7, 12);
    const bytes = (batchSize: number) => new Uint8Array(model.predict(x, { batchSize }).data.buffer);
    const whole = bytes(37);
    for (const batchSize of [1, 3, 4, 5, 8, 16, 36, 256]) expect(bytes(batchSize)).toEqual(whole);
    expect(model.predict(x).shape).toEqual([37, 5]);
    model.dispose();
  });
});
