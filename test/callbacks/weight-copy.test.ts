// WeightCopy (EarlyStopping's best weights, gradientCheck's restore): taking a copy allocates it,
// which may grow WASM memory; the copy must read the weights through a view made after that.
import { describe, it, expect } from "vitest";
import { Sequential, Dense } from "../../src/index.js";
import { WeightCopy } from "../../src/callbacks/weight-copy.js";

describe("WeightCopy", () => {
  it("takes a copy whose allocation grows memory, and puts it back bit for bit", () => {
    // 784 × 4000 floats (12.5 MB): more than the heap holds free after building the model, so take() grows memory.
    const model = new Sequential({ layers: [new Dense({ units: 4000, inputShape: [784] })], seed: 3 });
    model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    const before = model.engine!.heap.f32.buffer.byteLength, weights = model.getWeights().map((w) => w.data.slice());
    const copy = new WeightCopy();
    copy.take(model);
    expect(model.engine!.heap.f32.buffer.byteLength).toBeGreaterThan(before); // the case the fix is for did happen
    const w = model.weights()[0], f32 = model.engine!.heap.f32;
    f32.fill(0, w.value >>> 2, (w.value >>> 2) + w.size);
    copy.restore();
    const after = model.getWeights().map((x) => x.data);
    // Compared as bytes: toEqual over 3 million floats takes half a minute.
    const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    after.forEach((a, i) => expect(bytes(a).equals(bytes(weights[i])), `weight ${i}`).toBe(true));
    copy.release();
    model.dispose();
  });
});
