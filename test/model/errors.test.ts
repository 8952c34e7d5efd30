// Bad input gives an error that names the problem, of a class a caller can catch, and never
// leaves the model half-updated: the weights after a failed call are the weights before it.
import { describe, it, expect } from "vitest";
import { engine, Sequential, Dense, SGD, Adam, ShapeError, DataError, ModelError, TrainingError, tensor2d } from "../../src/index.js";
import { tiny, toyClasses, weightBytes, rowsOf, seeded } from "./util.js";

const data = toyClasses(16, 4, 3, 5);

/** Expect `call` to throw `kind` matching every pattern, the weights unchanged and no memory kept. */
async function rejects(model: Sequential, call: () => unknown, kind: new (...a: never[]) => Error, ...patterns: RegExp[]): Promise<void> {
  const before = weightBytes(model), live = engine().heap.liveBytes;
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${kind.name}`).toBeInstanceOf(kind);
  for (const p of patterns) expect((error as Error).message).toMatch(p);
  expect(weightBytes(model)).toEqual(before);
  expect(engine().heap.liveBytes).toBe(live);
}

describe("bad data for fit/predict/evaluate", () => {
  const model = tiny({ seed: 1 });
  const fit = (x: unknown, y: unknown, args: object = {}) => () => model.fit(x as number[][], y as number[], { verbose: 0, ...args });

  it("x columns differ from the input layer", async () => {
    await rejects(model, fit(rowsOf(16, 5, 1), data.y), ShapeError, /5 columns/, /expects 4/);
    await rejects(model, () => model.predict(rowsOf(2, 3, 1)), ShapeError, /3 columns/, /expects 4/);
    await rejects(model, fit(tensor2d(new Float32Array(6), [2, 3]), [0, 1]), ShapeError, /3 columns/);
  });

  it("ragged rows and a shape that does not match the data", async () => {
    await rejects(model, fit([[1, 2, 3, 4], [1, 2, 3]], [0, 1]), ShapeError, /row 1 has 3 values/);
    await rejects(model, fit({ data: new Float32Array(7), shape: [2, 4] }, [0, 1]), ShapeError, /7 values/, /\[2, 4\]/);
  });

  it("a flat array instead of rows", async () => {
    await rejects(model, fit(new Float32Array(16), data.y.slice(0, 4)), ShapeError, /flat/, /tensor2d/);
  });

  it("strings, null and booleans in x are refused with row, column and type, not coerced", async () => {
    const x = data.x.map((r) => [...r]) as unknown[][];
    x[3][2] = "0";
    await rejects(model, fit(x, data.y), DataError, /x row 3, column 2 is "0" \(a string\)/, /Number\(\)/);
    await rejects(model, () => model.predict(x as number[][]), DataError, /row 3, column 2 is "0" \(a string\)/);
    x[3][2] = null;
    await rejects(model, fit(x, data.y), DataError, /row 3, column 2 is null/);
    x[3][2] = 0;
    x[15][0] = true;
    await rejects(model, fit(x, data.y), DataError, /row 15, column 0 is true \(a boolean\)/);
    const flat: unknown[] = data.x.flat();
    flat[4 * 7 + 1] = "1.5";
    await rejects(model, fit(tensor2d(flat as number[], [16, 4]), data.y), DataError, /row 7, column 1 is "1.5" \(a string\)/);
    await rejects(model, () => model.evaluate(data.x, data.y.map(String) as never), DataError, /y\[0\] is "\d" \(a string\), not a class index/);
  });

  it("non-number targets are refused with their type", async () => {
    const binary = new Sequential({ seed: 1, layers: [new Dense({ units: 1, activation: "sigmoid", inputShape: [4] })] });
    binary.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });
    const y: unknown[] = data.y.map((c) => (c === 0 ? 1 : 0));
    y[6] = "1";
    await rejects(binary, () => binary.fit(data.x, y as number[], { verbose: 0 }), DataError, /y\[6\] is "1" \(a string\)/);
    y[6] = null;
    await rejects(binary, () => binary.evaluate(data.x, y as number[]), DataError, /y\[6\] is null/);
    const oneHot: unknown[][] = data.y.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
    oneHot[9][1] = false;
    await rejects(model, fit(data.x, oneHot), DataError, /y row 9, column 1 is false \(a boolean\)/);
    const columns: unknown[] = data.y.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0))).flat();
    columns[3 * 2 + 2] = "1";
    await rejects(model, fit(data.x, tensor2d(columns as number[], [16, 3])), DataError, /row 2, column 2 is "1" \(a string\)/);
    binary.dispose();
  });

  it("3-D input is named as such, with how to flatten it", async () => {
    const images = data.x.map((r) => [r.slice(0, 2), r.slice(2)]); // [16, 2, 2]
    await rejects(model, fit(images, data.y), ShapeError, /x is 3-D \(\[16, 2, 2\]\)/, /flatten/, /\.flat\(\)/);
    await rejects(model, () => model.predict(images as never), ShapeError, /3-D/);
    await rejects(model, fit({ data: new Float32Array(64), shape: [16, 2, 2] }, data.y), ShapeError, /shape \[16,2,2\] is not \[rows, cols\]/, /\[16, 4\]/);
  });

  it("x rows differ from y rows", async () => {
    await rejects(model, fit(data.x, data.y.slice(0, 10)), ShapeError, /10 rows/, /16/);
  });

  it("NaN or Infinity in x, with row and column", async () => {
    const x = data.x.map((r) => [...r]);
    x[3][2] = NaN;
    await rejects(model, fit(x, data.y), DataError, /NaN or Infinity/, /row 3, column 2/);
    const flat = new Float32Array(64);
    flat[4 * 7 + 1] = -Infinity;
    await rejects(model, fit(tensor2d(flat, [16, 4]), data.y), DataError, /row 7, column 1/);
    await rejects(model, () => model.predict(x), DataError, /row 3, column 2/);
    await rejects(model, fit(data.x, data.y, { validationData: [x, data.y] }), DataError, /validationData x/, /row 3, column 2/);
  });

  it("a label out of range or not an integer", async () => {
    const y = [...data.y];
    y[5] = 3;
    await rejects(model, fit(data.x, y), DataError, /y\[5\] is 3/, /0\.\.2/);
    y[5] = 1.5;
    await rejects(model, fit(data.x, y), DataError, /y\[5\] is 1.5/, /integers/);
    y[5] = -1;
    await rejects(model, () => model.evaluate(data.x, y), DataError, /y\[5\] is -1/);
  });

  it("NaN targets and targets outside [0, 1] for cross-entropy", async () => {
    const oneHot = data.y.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0)));
    oneHot[2][0] = NaN;
    await rejects(model, fit(data.x, oneHot), DataError, /NaN or Infinity/);
    oneHot[2][0] = 2;
    await rejects(model, fit(data.x, oneHot), DataError, /row 2 holds 2/, /\[0, 1\]/);
  });

  it.each([0, -1, 1.5, "32", NaN])("batchSize %s is rejected", async (batchSize) => {
    await rejects(model, fit(data.x, data.y, { batchSize }), ModelError, /batchSize must be a positive integer/, new RegExp(`got ${String(batchSize)}`));
  });

  it.each([0, -1, 1.5, "32"])("epochs %s is rejected", async (epochs) => {
    await rejects(model, fit(data.x, data.y, { epochs }), ModelError, /epochs must be a positive integer/);
  });

  it("predict/evaluate batchSize and validationSplit are checked", async () => {
    await rejects(model, () => model.predict(data.x, { batchSize: 0 }), ModelError, /predict: batchSize/);
    await rejects(model, () => model.evaluate(data.x, data.y, { batchSize: 2.5 }), ModelError, /evaluate: batchSize/);
    await rejects(model, fit(data.x, data.y, { validationSplit: 1 }), ModelError, /validationSplit/);
    await rejects(model, fit(data.x, data.y, { validationSplit: -0.1 }), ModelError, /validationSplit must be in \[0, 1\), got -0.1/);
  });

  it("empty data", async () => {
    await rejects(model, fit([], []), DataError, /empty/);
    await rejects(model, fit(tensor2d(new Float32Array(0), [0, 4]), []), DataError, /empty/);
    await rejects(model, () => model.predict([]), DataError, /empty/);
    await rejects(model, fit(data.x, data.y, { validationData: [[], []] }), DataError, /validationData x is empty/);
  });
});

describe("bad names and misuse", () => {
  it("unknown activation, loss, optimizer, metric and initializer", () => {
    expect(() => new Dense({ units: 2, activation: "mish" as never })).toThrow(ModelError);
    expect(() => new Dense({ units: 2, activation: "mish" as never })).toThrow(/unknown activation 'mish'.*relu/);
    const model = new Sequential([new Dense({ units: 2, inputShape: [3] })]);
    expect(() => model.compile({ optimizer: "sgd", loss: "cosineProximity" as never })).toThrow(/unknown loss 'cosineProximity'.*meanSquaredError.*categoricalHinge/);
    expect(() => model.compile({ optimizer: "sgd", loss: "toString" as never })).toThrow(/unknown loss 'toString'/); // not Object.prototype's
    expect(() => model.compile({ optimizer: "nadam" as never, loss: "mse" })).toThrow(/unknown optimizer 'nadam'.*rmsprop/);
    expect(() => model.compile({ optimizer: "sgd", loss: "mse", metrics: ["auc" as never] })).toThrow(/unknown metric 'auc'/);
    for (const f of [() => model.compile({ optimizer: "sgd", loss: "cosineProximity" as never }), () => model.compile({ optimizer: "x" as never, loss: "mse" })]) {
      expect(f).toThrow(ModelError);
    }
    expect(() => new Dense({ units: 2, kernelInitializer: "lecun" as never })).toThrow(/unknown initializer 'lecun'.*glorotUniform/);
    expect(() => new Dense({ units: 2, biasInitializer: { name: "orthogonal" as never } })).toThrow(ModelError);
    expect(() => new Dense({ units: 0 })).toThrow(/units must be a positive integer/);
    expect(() => new Dense({ units: 2, inputShape: 2 as never })).toThrow(/inputShape must be an array such as \[2\], got 2/);
    expect(() => new Dense({ units: 2, inputShape: "784" as never })).toThrow(ModelError);
    expect(() => new SGD({ learningRate: -1 })).toThrow(/learningRate/);
  });

  it("Adam's beta1 and beta2 must be in [0, 1) and epsilon positive", () => {
    for (const beta1 of [1, 1.5, -0.1, NaN]) expect(() => new Adam({ beta1 })).toThrow(new RegExp(`Adam beta1 must be in \\[0, 1\\), got ${beta1}`));
    for (const beta2 of [1, 2, NaN]) expect(() => new Adam({ beta2 })).toThrow(/Adam beta2 must be in \[0, 1\).*0\.999/);
    for (const epsilon of [0, -1e-7, Infinity, NaN]) expect(() => new Adam({ epsilon })).toThrow(/Adam epsilon must be a positive finite number/);
    expect(() => new Adam({ beta1: 1 })).toThrow(ModelError);
    expect(new Adam({ beta1: 0, beta2: 0.5, epsilon: 1e-8 }).getConfig()).toEqual({ learningRate: 0.001, beta1: 0, beta2: 0.5, epsilon: 1e-8 });
  });

  it("categorical cross-entropy on one output unit, and softmax over one unit, are refused", () => {
    for (const loss of ["categoricalCrossentropy", "sparseCategoricalCrossentropy", "sparse_categorical_crossentropy"]) {
      const model = new Sequential([new Dense({ units: 4, activation: "tanh", inputShape: [2] }), new Dense({ units: 1, activation: "sigmoid" })]);
      const before = weightBytes(model);
      expect(() => model.compile({ optimizer: "sgd", loss: loss as never })).toThrow(ModelError);
      expect(() => model.compile({ optimizer: "sgd", loss: loss as never })).toThrow(/needs at least 2 output units.*has 1.*for one sigmoid unit use binaryCrossentropy/);
      expect(model.optimizer).toBeUndefined(); // nothing bound by the refused compile
      expect(weightBytes(model)).toEqual(before);
      model.compile({ optimizer: "sgd", loss: "binaryCrossentropy" });
      model.dispose();
    }
    expect(() => new Dense({ units: 1, activation: "softmax", inputShape: [2] })).toThrow(ModelError);
    expect(() => new Dense({ units: 1, activation: "softmax" })).toThrow(/softmax over 1 unit always outputs 1.*'sigmoid'/);
    expect(new Dense({ units: 2, activation: "softmax" }).units).toBe(2);
  });

  it("a misspelt fit option is refused instead of training with the default", async () => {
    const model = tiny({ seed: 1 });
    const before = weightBytes(model);
    await expect(model.fit(data.x, data.y, { epoch: 3, verbose: 0 } as never)).rejects.toThrow(/fit: unknown option 'epoch'; the options are epochs, batchSize/);
    expect(weightBytes(model)).toEqual(before);
  });

  it("fit and evaluate before compile (predict and getWeights need only a built model, as in TF.js)", async () => {
    const model = new Sequential([new Dense({ units: 3, inputShape: [4] })]);
    await expect(model.fit(data.x, data.y)).rejects.toThrow(ModelError);
    await expect(model.fit(data.x, data.y)).rejects.toThrow(/not compiled.*compile\(/);
    expect(() => model.evaluate(data.x, data.y)).toThrow(/not compiled/);
    expect(model.predict(data.x).shape).toEqual([16, 3]);
    expect(model.getWeights()).toHaveLength(2);
    expect(() => new Sequential().predict(data.x)).toThrow(/no layers/);
    model.dispose();
  });

  it("a layer used in two models, or an optimizer shared by two models", () => {
    const layer = new Dense({ units: 3, inputShape: [4] });
    const first = new Sequential([layer]);
    first.compile({ optimizer: "sgd", loss: "mse" });
    expect(() => new Sequential([layer])).toThrow(/already belongs to a model/);
    expect(() => first.add(new Dense({ units: 2 }))).toThrow(/before compile/);
    const adam = new Adam({ learningRate: 0.01 });
    first.compile({ optimizer: adam, loss: "mse" });
    const second = new Sequential([new Dense({ units: 3, inputShape: [4] })]);
    const before = weightBytes(second);
    expect(() => second.compile({ optimizer: adam, loss: "mse" })).toThrow(/already trains another model.*new Adam/);
    expect(weightBytes(second)).toEqual(before);
    first.compile({ optimizer: "sgd", loss: "mse" }); // frees adam for another model
    second.compile({ optimizer: adam, loss: "mse" });
    first.dispose();
    second.dispose();
  });

  it("a layer added to two models before either is built is refused, naming both models", () => {
    const shared = new Dense({ units: 3, inputShape: [4] });
    const first = new Sequential({ name: "first", layers: [shared] });
    expect(() => new Sequential({ name: "second", layers: [shared] })).toThrow(ModelError);
    const second = new Sequential({ name: "second" });
    expect(() => second.add(shared)).toThrow(/already belongs to a model \('first'\).*'second'.*new Dense/);
    expect(() => first.add(shared)).toThrow(/already in first/);
    expect(second.layers).toEqual([]);
    // A constructor that fails part-way leaves its earlier layers free for another model.
    const free = new Dense({ units: 3, inputShape: [4] });
    expect(() => new Sequential([free, shared])).toThrow(/already belongs/);
    const third = new Sequential([free]);
    expect(third.predict(data.x).shape).toEqual([16, 3]);
    // build() refuses a layer that already holds weights, whoever calls it.
    first.compile({ optimizer: "sgd", loss: "mse" });
    expect(() => shared.build(engine(), 4, undefined as never)).toThrow(/already built.*new Dense/);
    first.dispose();
    third.dispose();
  });

  it("a second fit() while one runs is refused; predict and evaluate from a callback are fine", async () => {
    const model = tiny({ seed: 1 });
    const twin = tiny({ seed: 1 });
    let second: Promise<unknown> | undefined;
    let compileError: unknown;
    const predictions: number[] = [];
    const onBatchEnd = (batch: number) => {
      if (batch !== 1) return;
      if (!second) {
        second = model.fit(data.x, data.y, { verbose: 0 });
        second.catch(() => {}); // awaited below, after `first`: without this an early rejection counts as unhandled
      }
      try {
        model.compile({ optimizer: "sgd", loss: "mse" });
      } catch (e) {
        compileError = e;
      }
      predictions.push(model.predict(data.x).shape[0], model.evaluate(data.x, data.y).length);
    };
    const first = model.fit(data.x, data.y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: { onBatchEnd } });
    const concurrent = model.fit(data.x, data.y, { verbose: 0 });
    await expect(concurrent).rejects.toThrow(ModelError);
    await expect(concurrent).rejects.toThrow(/fit\(\) is already running on this model; await it first/);
    await first;
    await expect(second).rejects.toThrow(/already running/);
    expect(compileError).toBeInstanceOf(ModelError);
    expect(predictions).toEqual([16, 2, 16, 2]);
    // The refused calls changed nothing: the same training without them gives the same bits.
    await twin.fit(data.x, data.y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: { onBatchEnd: (b) => void (b === 1 && (twin.predict(data.x), twin.evaluate(data.x, data.y))) } });
    expect(weightBytes(model)).toEqual(weightBytes(twin));
    await model.fit(data.x, data.y, { verbose: 0 }); // free again once the first has finished
    model.dispose();
    twin.dispose();
  });

  it("a callback that disposes the model stops fit() with a ModelError", async () => {
    const model = tiny({ seed: 1 });
    const fit = model.fit(data.x, data.y, { epochs: 3, batchSize: 4, verbose: 0, callbacks: { onBatchEnd: (b) => void (b === 1 && model.dispose()) } });
    await expect(fit).rejects.toThrow(/was disposed/);
  });

  it("predict, fit, evaluate, getWeights and setWeights on a disposed model", async () => {
    const model = tiny({ seed: 1 });
    const weights = model.getWeights();
    model.dispose();
    await expect(model.fit(data.x, data.y)).rejects.toThrow(ModelError);
    for (const f of [() => model.predict(data.x), () => model.getWeights(), () => model.evaluate(data.x, data.y), () => model.setWeights(weights), () => model.summary(() => {})]) {
      expect(f).toThrow(/was disposed/);
    }
    model.dispose(); // twice is harmless
  });

  it("setWeights with a wrong count, shape or non-finite values changes nothing", async () => {
    const model = tiny({ seed: 1 });
    const w = model.getWeights();
    await rejects(model, () => model.setWeights(w.slice(0, 3)), ShapeError, /got 3 arrays/, /has 4/, /dense_\d+\/bias/);
    const short = w.map((t, i) => (i === 2 ? { shape: t.shape, data: t.data.slice(1) } : t));
    await rejects(model, () => model.setWeights(short), ShapeError, /kernel needs 24 values \[8,3\], got 23/);
    const transposed = w.map((t, i) => (i === 0 ? { shape: [8, 4], data: t.data } : t));
    await rejects(model, () => model.setWeights(transposed), ShapeError, /shape \[8,4\]/, /\[4,8\]/);
    const nan = w.map((t, i) => (i === 3 ? { shape: t.shape, data: Float32Array.from(t.data, (v, j) => (j === 1 ? NaN : v + 1)) } : t));
    await rejects(model, () => model.setWeights(nan), DataError, /bias\[1\] is NaN/, /finite/);
    model.dispose();
  });
});

describe("a loss that turns NaN or Infinity", () => {
  it("stops with a TrainingError naming the epoch and batch and leaves finite weights", async () => {
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 8, activation: "linear", inputShape: [3] }));
    model.add(new Dense({ units: 1, activation: "linear" }));
    model.compile({ optimizer: new SGD({ learningRate: 1e10 }), loss: "meanSquaredError" });
    const x = rowsOf(32, 3, 9, -1000, 1000); // unscaled
    const y = seeded(32, 10, 0, 5000);
    let error: unknown;
    try {
      await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingError);
    const message = (error as Error).message;
    expect(message).toMatch(/epoch \d+, batch \d+/);
    expect(message).toMatch(/smaller learning rate/);
    expect(message).toMatch(/now 10000000000; try 1000000000/);
    for (const w of model.getWeights()) expect(w.data.every(Number.isFinite)).toBe(true);
    expect(model.predict(x).data.every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it("suggests a readable smaller learning rate", async () => {
    for (const [lr, now, next] of [[1e30, "1e+30", "1e+29"], [0.3, "0.3", "0.03"], [1e10, "10000000000", "1000000000"]] as const) {
      const model = new Sequential({ seed: 1, layers: [new Dense({ units: 1, inputShape: [2] })] });
      model.compile({ optimizer: new SGD({ learningRate: lr }), loss: "meanSquaredError" });
      const error = await model.fit([[1e30, -2e30]], [1e30], { epochs: 2, batchSize: 1, verbose: 0 }).catch((e: Error) => e);
      expect(error).toBeInstanceOf(TrainingError);
      expect((error as Error).message).toContain(`(now ${now}; try ${next})`);
      model.dispose();
    }
  });

  it("also when the weights overflow on the very last step", async () => {
    // One batch, one epoch: the loss of that batch is finite, the update is not.
    const model = new Sequential({ seed: 1, layers: [new Dense({ units: 1, inputShape: [2] })] });
    model.compile({ optimizer: new SGD({ learningRate: 1e38 }), loss: "meanSquaredError" });
    const before = weightBytes(model);
    const fit = model.fit([[1e3, -2e3]], [1e3], { epochs: 1, batchSize: 1, verbose: 0 });
    await expect(fit).rejects.toThrow(TrainingError);
    await expect(fit).rejects.toThrow(/weights became NaN or Infinity by epoch 1, batch 1.*restored to the start of epoch 1/);
    for (const w of model.getWeights()) expect(w.data.every(Number.isFinite)).toBe(true);
    expect(weightBytes(model)).toEqual(before);
    model.dispose();
  });
});
