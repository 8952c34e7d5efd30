// predict() on a few rows (src/models/inference.ts, uploadFew): the rows go straight into the
// model's own input buffer (not a layer's) instead of an upload + gather. It must give the bits of the
// general path, allocate nothing after its first call, report bad input as the general path does
// (keeping no memory), and leave training untouched.
import { describe, it, expect } from "vitest";
import { engine, Sequential, Dense, DataError, ShapeError, tensor2d } from "../../src/index.js";
import { tiny, rowsOf, weightBytes, toyClasses } from "./util.js";

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

/** The 784-100-10 network of the batch-1 latency benchmark. */
function mnistShaped(): Sequential {
  return new Sequential({ layers: [new Dense({ units: 100, activation: "sigmoid", inputShape: [784] }), new Dense({ units: 10, activation: "softmax" })], seed: 3 });
}

describe("predict on a few rows", () => {
  it("gives, bit for bit, the rows of a large predict (which takes the general path), for every input form", () => {
    const model = mnistShaped();
    const x = rowsOf(40, 784, 7, 0, 1);
    const all = model.predict(x).data; // 40 rows: more than the few-row path takes
    for (const r of [1, 3, 16]) {
      const head = x.slice(0, r), flat = Float32Array.from(head.flat());
      const want = bits(all.subarray(0, r * 10));
      expect(bits(model.predict(head).data)).toEqual(want);
      expect(bits(model.predict(tensor2d(flat, [r, 784])).data)).toEqual(want);
      expect(bits(model.predict(tensor2d(Float64Array.from(flat), [r, 784])).data)).toEqual(want);
      expect(bits(model.predict(tensor2d(Array.from(flat), [r, 784])).data)).toEqual(want);
      expect(model.predict(head).shape).toEqual([r, 10]);
    }
    // A scale on float data is applied as the general path and the byte kernel apply it (src/data/scale.ts: f32(f32(v) · f32(scale))).
    const floats = Float32Array.from({ length: 784 * 20 }, (_, i) => (i * 37) % 256);
    const scaled = model.predict(tensor2d(floats, [20, 784], 1 / 255)).data;
    expect(bits(model.predict(tensor2d(floats.subarray(0, 784), [1, 784], 1 / 255)).data)).toEqual(bits(scaled.subarray(0, 10)));
    model.dispose();
  });

  it("allocates nothing after its first call, and the model's disposal frees what it grew", () => {
    const heap = engine().heap, live = heap.liveBytes;
    const model = mnistShaped();
    const one = tensor2d(Float32Array.from(rowsOf(1, 784, 8, 0, 1)[0]), [1, 784]);
    model.predict(one);
    const allocations = heap.allocations;
    for (let i = 0; i < 50; i++) model.predict(one);
    expect(heap.allocations).toBe(allocations);
    model.dispose();
    expect(heap.liveBytes).toBe(live);
  });

  it("reports bad values as the general path does, before and after the buffer exists, and keeps no memory", () => {
    const model = tiny({ seed: 2 });
    const heap = engine().heap;
    for (const round of ["first call", "steady state"]) {
      const live = heap.liveBytes, weights = weightBytes(model);
      expect(() => model.predict([[1, 2, NaN, 4]]), round).toThrow(DataError);
      expect(() => model.predict([[1, 2, NaN, 4]])).toThrow(/NaN or Infinity.*row 0, column 2/);
      expect(() => model.predict(tensor2d(new Float64Array([1, 2, 3, 1e39]), [1, 4]))).toThrow(/row 0, column 3/); // Infinity as f32
      expect(() => model.predict([[1, "2", 3, 4]] as unknown as number[][])).toThrow(/row 0, column 1 is "2"/);
      expect(() => model.predict([[1, 2, 3]])).toThrow(ShapeError);
      expect(() => model.predict(tensor2d(new Float32Array(5), [1, 5]))).toThrow(/5 columns/);
      expect(heap.liveBytes).toBe(live);
      expect(weightBytes(model)).toEqual(weights);
      model.predict([[1, 2, 3, 4]]); // now the buffer exists
    }
    model.dispose();
  });

  it("predicting between training steps leaves the trained weights bit-identical", async () => {
    const data = toyClasses(64, 4, 3, 5);
    const plain = tiny({ seed: 4, optimizer: "sgd" }), probed = tiny({ seed: 4, optimizer: "sgd" });
    await plain.fit(data.x, data.y, { epochs: 2, batchSize: 8, seed: 1, verbose: 0 });
    await probed.fit(data.x, data.y, { epochs: 2, batchSize: 8, seed: 1, verbose: 0, callbacks: { onBatchEnd: () => void probed.predict([data.x[0], data.x[1]]) } });
    expect(weightBytes(probed)).toEqual(weightBytes(plain));
    plain.dispose();
    probed.dispose();
  });
});
