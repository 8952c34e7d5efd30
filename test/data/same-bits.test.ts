// Same pixels, same bits (issue 12): bytes are scaled by the gather kernel in f32; floats given
// with the same `scale` must come out with the same bits on every path (inputs for fit, predict's
// few-row and general paths, evaluate, targets, the course classes, imagesToTensors, columnStats),
// so an image as a Uint8Array and the same image as floats train to the same weights.
// The rule, f32(f32(v) · f32(scale)), is src/data/scale.ts. With the f64 product it replaced,
// 126 of the 256 byte values differed at 1/255 (84 at 1/3, 50 at 0.1, none at 1/256, 0.5 and 3).
import { describe, it, expect } from "vitest";
import { engine, Sequential, Dense, tensor2d, columnStats, imagesToTensors, MultiClassNetwork, type Matrix2D } from "../../src/index.js";
import { uploadInputs } from "../../src/data/inputs.js";
import { uploadTargets } from "../../src/data/labels.js";
import { gatherInputs } from "../../src/data/batches.js";
import { scaled } from "../../src/data/scale.js";
import { seeded, weightBytes } from "../model/util.js";

const SCALES: [string, number][] = [["1/255", 1 / 255], ["1/256", 1 / 256], ["0.5", 0.5], ["3", 3], ["1/3", 1 / 3], ["0.1", 0.1], ["2/255", 2 / 255]];
const ALL = Uint8Array.from({ length: 256 }, (_, v) => v);

/** The values at which a and b differ (Object.is, so −0 and 0 differ too): [] when bit-identical. */
function differing(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  expect(a.length).toBe(b.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) out.push(i);
  return out;
}

/** The f32 rows the model sees for `x`: uploaded, then gathered as a minibatch (the kernel scales bytes). */
function seen(x: Matrix2D): Float32Array {
  const e = engine(), [rows, cols] = x.shape;
  const d = uploadInputs(e, "x", x, cols);
  const idx = e.heap.alloc(rows * 4), xb = e.heap.alloc(rows * cols * 4);
  e.k.iota(idx, rows);
  gatherInputs(e.k, d, idx, rows, xb);
  const out = e.heap.f32.slice(xb >>> 2, (xb >>> 2) + rows * cols);
  for (const p of [xb, idx, d.ptr]) e.heap.release(p);
  return out;
}

/** The float forms of the same values: Float32Array, Float64Array and number[]. */
const floatForms = (bytes: Uint8Array) => [Float32Array.from(bytes), Float64Array.from(bytes), Array.from(bytes)];

describe("one scale rule for bytes and floats", () => {
  // [16, 16] goes through the kernel's f32x4 loop, [256, 1] through its scalar tail.
  const SHAPES: [number, number][] = [[16, 16], [256, 1]];

  it.each(SCALES)("all 256 byte values at scale %s: bytes, floats and the rule give the same f32 bits", (_name, scale) => {
    const rule = Float32Array.from(ALL, (v) => scaled(v, scale));
    for (const shape of SHAPES) {
      expect(differing(seen(tensor2d(ALL, shape, scale)), rule)).toEqual([]);
      for (const data of floatForms(ALL)) expect(differing(seen(tensor2d(data, shape, scale)), rule)).toEqual([]);
    }
  });

  it.each(SCALES)("targets at scale %s: bytes and floats upload the inputs' bits", (_name, scale) => {
    const e = engine(), rule = Float32Array.from(ALL, (v) => scaled(v, scale));
    for (const data of [ALL, ...floatForms(ALL)]) {
      const t = uploadTargets(e, "y", tensor2d(data, [16, 16], scale), 16, 16, "meanSquaredError");
      const got = e.heap.f32.slice(t.ptr >>> 2, (t.ptr >>> 2) + 256);
      e.heap.release(t.ptr);
      expect(differing(got, rule)).toEqual([]);
    }
  });

  it.each(SCALES)("predict at scale %s: the few-row path, the general path and bytes agree (identity model)", (_name, scale) => {
    // x·I + 0 is exact, so the outputs are the scaled inputs themselves.
    const model = new Sequential({ layers: [new Dense({ units: 16, inputShape: [16] })] });
    model.setWeights([{ data: Float32Array.from({ length: 256 }, (_, i) => (i % 17 === 0 ? 1 : 0)), shape: [16, 16] }, { data: new Float32Array(16), shape: [16] }]);
    const rule = Float32Array.from(ALL, (v) => scaled(v, scale));
    for (const data of [ALL, ...floatForms(ALL)]) {
      expect(differing(model.predict(tensor2d(data, [16, 16], scale)).data, rule)).toEqual([]); // 16 rows: the few-row path for floats
      expect(differing(model.predict(tensor2d(data, [16, 16], scale), { batchSize: 5 }).data, rule)).toEqual([]);
    }
    const many = new Uint8Array(17 * 16).fill(77), want = new Float32Array(17 * 16).fill(scaled(77, scale));
    expect(differing(model.predict(tensor2d(Float32Array.from(many), [17, 16], scale)).data, want)).toEqual([]); // 17 rows: the general path
    model.dispose();
  });

  it.each(SCALES)("imagesToTensors and columnStats at scale %s follow the rule", (_name, scale) => {
    const rule = Float32Array.from(ALL, (v) => scaled(v, scale));
    for (const data of [ALL, ...floatForms(ALL)]) {
      const { x, y } = imagesToTensors(tensor2d(data, [16, 16], scale), new Int32Array(16));
      expect(differing(x.data, rule)).toEqual([]);
      x.dispose();
      y.dispose();
      expect(differing(columnStats(tensor2d(data, [1, 256], scale)).mean, rule)).toEqual([]); // the mean of one row is the row
    }
  });
});

describe("bytes without a scale", () => {
  it("mean pixels · 1/255 on every path, as in fit(): imagesToTensors and columnStats too", () => {
    const rule = Float32Array.from(ALL, (v) => scaled(v, 1 / 255));
    expect(differing(seen(tensor2d(ALL, [16, 16])), rule)).toEqual([]);
    const { x, y } = imagesToTensors({ data: ALL, shape: [16, 16] }, new Int32Array(16));
    expect(differing(x.data, rule)).toEqual([]);
    x.dispose();
    y.dispose();
    expect(differing(columnStats(tensor2d(ALL, [1, 256])).mean, rule)).toEqual([]);
  });
});

describe("a scale float32 cannot hold", () => {
  // The byte kernel would turn every pixel into NaN/Infinity (or 0) with no check after it: refuse the scale.
  it.each([[1e39, "beyond float32's range"], [-1e39, "beyond float32's range"], [1e-50, "below float32's smallest value"], [0, "zero, so every value would become 0"], [-0, "zero"]] as [number, string][])("scale %d is refused for bytes and floats, naming it", (scale, why) => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    for (const data of [new Uint8Array(6), new Float32Array(6)]) {
      expect(() => tensor2d(data, [2, 3], scale)).toThrow(`scale ${scale} is ${why}`);
      expect(() => model.predict({ data, shape: [2, 3], scale })).toThrow(`predict: x: scale ${scale} is ${why}`); // few-row and general paths both check it
    }
    model.dispose();
  });

  it("a negative scale is a linear map like any other and is kept", () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    const pixels = Uint8Array.of(0, 1, 255, 3, 4, 5), out = (scale: number) => Array.from(model.predict(tensor2d(pixels, [2, 3], scale)).data, (v) => v + 0);
    expect(out(-1 / 255)).toEqual(out(1 / 255).map((v) => -v + 0)); // a linear layer with zero bias: exactly negated
    model.dispose();
  });
});

describe("a model trained on bytes and on the same pixels as floats", () => {
  const ROWS = 48, COLS = 20;
  const pixels = Uint8Array.from(seeded(ROWS * COLS, 12, 0, 256), Math.floor);
  const labels = Array.from({ length: ROWS }, (_, r) => (pixels[r * COLS] + pixels[r * COLS + 1] > 255 ? 1 : 0) + (pixels[r * COLS + 2] > 127 ? 1 : 0));

  async function trained(x: Matrix2D, valX: Matrix2D): Promise<{ weights: Uint8Array; history: number[][]; evaluated: number[]; predicted: Float32Array }> {
    const model = new Sequential({ seed: 4, layers: [new Dense({ units: 8, activation: "relu", inputShape: [COLS] }), new Dense({ units: 3, activation: "softmax" })] });
    model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
    const h = await model.fit(x, labels, { epochs: 6, batchSize: 7, verbose: 0, seed: 2, validationData: [valX, labels] });
    const out = { weights: weightBytes(model), history: [h.history.loss, h.history.val_loss], evaluated: model.evaluate(x, labels, { batchSize: 10 }), predicted: model.predict(x).data };
    model.dispose();
    return out;
  }

  it.each([["1/255", 1 / 255], ["1/3", 1 / 3]] as [string, number][])("fit, evaluate and predict give bit-identical results at scale %s", async (_name, scale) => {
    const bytes = tensor2d(pixels, [ROWS, COLS], scale);
    const want = await trained(bytes, bytes);
    for (const data of floatForms(pixels)) {
      const floats = tensor2d(data, [ROWS, COLS], scale);
      const got = await trained(floats, floats);
      expect(got.weights).toEqual(want.weights);
      expect(got.history).toEqual(want.history);
      expect(got.evaluated).toEqual(want.evaluated);
      expect(differing(got.predicted, want.predicted)).toEqual([]);
    }
    expect((await trained(bytes, tensor2d(Float32Array.from(pixels), [ROWS, COLS], scale))).history).toEqual(want.history); // validation data as floats
  });

  it("an autoencoder with pixel targets: bytes or floats with scale 1/255 on both sides, the same weights", async () => {
    const run = async (x: Matrix2D, y: Matrix2D) => {
      const model = new Sequential({ seed: 5, layers: [new Dense({ units: 6, activation: "tanh", inputShape: [COLS] }), new Dense({ units: COLS, activation: "sigmoid" })] });
      model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
      await model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0 });
      const w = weightBytes(model);
      model.dispose();
      return w;
    };
    const bytes = tensor2d(pixels, [ROWS, COLS], 1 / 255), floats = tensor2d(Float32Array.from(pixels), [ROWS, COLS], 1 / 255);
    const want = await run(bytes, bytes);
    expect(await run(floats, floats)).toEqual(want);
    expect(await run(bytes, floats)).toEqual(want);
  });

  it("a course class (MultiClassNetwork) trained on bytes and on floats with scale 1/255: the same losses, outputs and score", () => {
    const run = (x: Matrix2D) => {
      const net = new MultiClassNetwork({ units: 6, batchSize: 16, seed: 3 }).fit(x, labels, { epochs: 4 });
      const out = { losses: [...net.losses], outputs: Array.from(net.activations(x)), score: net.score(x, labels) };
      net.dispose();
      return out;
    };
    const want = run(tensor2d(pixels, [ROWS, COLS], 1 / 255));
    for (const data of floatForms(pixels)) expect(run(tensor2d(data, [ROWS, COLS], 1 / 255))).toEqual(want);
  });
});
