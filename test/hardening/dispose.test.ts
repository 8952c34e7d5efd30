// A model or layer used after dispose() (issue 6): every call says it was disposed (a ModelError),
// never reads freed memory that another model may own by then, and disposing gives every byte back.
import { describe, it, expect } from "vitest";
import { engine, Sequential, Dense, Adam, ModelError } from "../../src/index.js";
import { tiny, toyClasses, weightBytes } from "../model/util.js";

const data = toyClasses(16, 4, 3, 41);

describe("use after dispose()", () => {
  const model = tiny({ seed: 2 });
  const weights = model.getWeights();
  const layer = model.layers[0];
  model.dispose();

  it.each([
    ["predict", () => model.predict(data.x)],
    ["fit", () => model.fit(data.x, data.y, { verbose: 0 })],
    ["evaluate", () => model.evaluate(data.x, data.y)],
    ["getWeights", () => model.getWeights()],
    ["setWeights", () => model.setWeights(weights)],
    ["compile", () => model.compile({ optimizer: "sgd", loss: "mse" })],
    ["summary", () => model.summary(() => {})],
    ["countParams", () => model.countParams()],
    ["add", () => model.add(new Dense({ units: 2 }))],
  ])("model.%s throws a ModelError saying it was disposed", async (_name, call) => {
    const error = await Promise.resolve().then(call).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/sequential_\d+ was disposed; its memory is freed\. Build a new model/);
  });

  it.each([
    ["params", () => layer.params()],
    ["forward", () => layer.forward(0, 1)],
    ["backward", () => layer.backward(0, 1, 0)],
    ["reserve", () => layer.reserve(4)],
  ])("its layer's %s throws a ModelError saying it is not built or was disposed", (_name, call) => {
    expect(call).toThrow(ModelError);
    expect(call).toThrow(new RegExp(`${layer.name} is not built \\(or was disposed\\)`));
  });

  it("a disposed model's layer refuses to join another model (ModelError naming the layer), as TF.js refuses", () => {
    const old = tiny({ seed: 2 });
    const reused = old.layers[0];
    old.dispose();
    const next = new Sequential();
    expect(() => next.add(reused)).toThrow(ModelError);
    expect(() => next.add(reused)).toThrow(new RegExp(`${reused.name} already belongs to a model \\('${old.name}'\\), which was disposed`));
  });

  it("dispose gives back every byte, also when a callback disposes the model in the middle of fit()", async () => {
    const heap = engine().heap, live = heap.liveBytes;
    const m = tiny({ seed: 3 });
    const error = await m.fit(data.x, data.y, { epochs: 3, batchSize: 4, verbose: 0, callbacks: { onBatchEnd: (b) => void (b === 2 && m.dispose()) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/was disposed/);
    expect(heap.liveBytes).toBe(live);
    m.dispose(); // a second dispose is harmless
    expect(heap.liveBytes).toBe(live);
  });

  it("a model built after another was disposed reuses its memory without seeing its old weights", () => {
    const first = new Sequential({ seed: 5, layers: [new Dense({ units: 3, inputShape: [4], kernelInitializer: "ones", biasInitializer: "ones" })] });
    first.getWeights(); // builds it
    const where = first.params()[0].value;
    first.dispose();
    const second = new Sequential({ seed: 5, layers: [new Dense({ units: 3, inputShape: [4], kernelInitializer: "zeros" })] });
    expect(second.getWeights().every((w) => w.data.every((v) => v === 0))).toBe(true);
    expect(second.params()[0].value).toBe(where); // the same bytes, reused first-fit
    expect(second.predict([[1, 2, 3, 4]]).data).toEqual(new Float32Array([0, 0, 0]));
    second.dispose();
  });

  it("the optimizer of a disposed model is free for a new one and starts from zero state", async () => {
    const adam = new Adam({ learningRate: 0.01 });
    const old = tiny({ seed: 7 });
    old.compile({ optimizer: adam, loss: "sparseCategoricalCrossentropy" });
    await old.fit(data.x, data.y, { verbose: 0 });
    old.dispose();
    const reused = tiny({ seed: 8 }), fresh = tiny({ seed: 8 });
    reused.compile({ optimizer: adam, loss: "sparseCategoricalCrossentropy" });
    fresh.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy" });
    await reused.fit(data.x, data.y, { verbose: 0 });
    await fresh.fit(data.x, data.y, { verbose: 0 });
    expect(weightBytes(reused)).toEqual(weightBytes(fresh));
    reused.dispose();
    fresh.dispose();
  });
});
