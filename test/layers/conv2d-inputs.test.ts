// Conv2D as TF.js users feed it: MNIST pixels as bytes [n, 28, 28, 1] with a scale (tensor4d), a
// first layer Conv2D({inputShape: [28, 28, 1]}) → Flatten → Dense through fit/evaluate/predict;
// and scratchnet/core's module (no convolution kernels) refusing Conv2D with the way out.
import { describe, it, expect } from "vitest";
import { Sequential, Conv2D, Flatten, Dense, Adam, ModelError, tensor2d, tensor4d, createEngine, wasmBytes } from "../../src/index.js";
import { loadMnist } from "../../src/data/mnist-node.js";

describe("Conv2D on MNIST-shaped input", () => {
  it("bytes [n, 28, 28, 1] with scale 1/255: fit, evaluate and predict; floats give the same bits; no growth per step", async () => {
    const { train } = await loadMnist({ trainLimit: 64, testLimit: 1 }), n = 64;
    const make = () => {
      const m = new Sequential({ seed: 1, layers: [new Conv2D({ filters: 4, kernelSize: 5, strides: 2, activation: "relu",
        inputShape: [28, 28, 1] }), new Flatten(), new Dense({ units: 10, activation: "softmax" })] });
      m.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
      return m;
    };
    const bytes = tensor4d(train.images.data, [n, 28, 28, 1], 1 / 255);
    const floats = tensor4d(Float32Array.from(train.images.data, (b) => Math.fround(b * Math.fround(1 / 255))), [n, 28, 28, 1]);
    const [a, b] = [make(), make()];
    expect(a.layers[0].outputShape).toEqual([12, 12, 4]); // TF.js: ceil((28 − 5 + 1) / 2)
    const first = await a.fit(bytes, train.labels, { epochs: 1, batchSize: 16, verbose: 0 }); // reserves the batch buffers
    const memory = a.ready().k.memory.buffer.byteLength;
    const history = await a.fit(bytes, train.labels, { epochs: 3, batchSize: 16, verbose: 0 });
    expect(a.ready().k.memory.buffer.byteLength).toBe(memory); // 12 steps, no growth
    await b.fit(floats, train.labels, { epochs: 1, batchSize: 16, verbose: 0 });
    await b.fit(floats, train.labels, { epochs: 3, batchSize: 16, verbose: 0 });
    expect(a.getWeights()).toEqual(b.getWeights());
    expect(history.history.loss[2]).toBeLessThan(first.history.loss[0]);
    const [loss] = a.evaluate(bytes, train.labels) as number[];
    expect(loss).toBeLessThan(first.history.loss[0]);
    expect(a.predict(bytes).data).toEqual(b.predict(floats).data);
    a.dispose();
    b.dispose();
  });
});

describe("image samples of the model's size but another shape", () => {
  it("are refused by fit, evaluate and predict, with both shapes named; a flat tensor2d of the right size is taken", async () => {
    const m = new Sequential({ seed: 1, layers: [new Conv2D({ filters: 2, kernelSize: 3, inputShape: [4, 6, 1] }), new Flatten(),
      new Dense({ units: 2, activation: "softmax" })] });
    m.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy" });
    const wrong = tensor4d(new Float32Array(3 * 24), [3, 6, 4, 1]), labels = [0, 1, 0];
    const message = /x has samples of shape \[6,4,1\] but the model's input layer expects \[4,6,1\]/;
    await expect(m.fit(wrong, labels, { epochs: 1, verbose: 0 })).rejects.toThrow(message);
    expect(() => m.predict(wrong)).toThrow(message);
    expect(() => m.evaluate(wrong, labels)).toThrow(message);
    expect((m.predict(tensor2d(new Float32Array(3 * 24), [3, 24])) as { shape: number[] }).shape).toEqual([3, 2]);
    m.dispose();
  });
});

describe("Conv2D on scratchnet/core's module", () => {
  it("is refused at build with the full module named, not a TypeError from a missing kernel", async () => {
    const core = createEngine(await wasmBytes(new URL("../../build/scratchnet-core.wasm", import.meta.url)));
    const m = new Sequential({ engine: core, layers: [new Conv2D({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] })] });
    expect(() => m.compile({ optimizer: "sgd", loss: "meanSquaredError" })).toThrow(ModelError);
    expect(() => new Sequential({ engine: core, layers: [new Conv2D({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] })] })
      .compile({ optimizer: "sgd", loss: "meanSquaredError" })).toThrow(/no convolution kernels.*import 'scratchnet'/);
  });
});
