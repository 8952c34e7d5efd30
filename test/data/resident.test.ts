// Data sets kept in WASM memory (src/data/resident.ts): fit/evaluate/predict on a resident set give
// the bits the same data gives as arrays, a second call uploads nothing, fit never frees a set it
// did not upload, dispose() gives every byte back, and misuse says what is wrong and what to do.
import { describe, it, expect, vi } from "vitest";
import { createEngine, engine, resident, tensor2d, wasmBytes, DataError, ModelError, ShapeError, type Labels, type Inputs, type Resident, type LossSpec } from "../../src/index.js";
import type { ActivationName } from "../../src/layers/activations.js";
import { seeded, tiny, toyClasses, weightBytes } from "../model/util.js";

const ROWS = 60, INPUTS = 4;
const toy = toyClasses(ROWS, INPUTS, 3, 71);
const xFloats = tensor2d(Float32Array.from(toy.x.flat()), [ROWS, INPUTS]);
const labels = Int32Array.from(toy.y);
const oneHot = tensor2d(Float32Array.from(toy.y.flatMap((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)))), [ROWS, 3]);
const bits = toy.y.map((c) => (c === 0 ? 1 : 0));
const pixels = tensor2d(Uint8Array.from(seeded(ROWS * INPUTS, 72, 0, 256).map(Math.floor)), [ROWS, INPUTS]);

interface Case { name: string; loss: LossSpec; output: ActivationName; units: number; x: Inputs; y: Labels; split?: boolean; validation?: boolean }
const cases: Case[] = [
  { name: "sparse labels, validationSplit", loss: "sparseCategoricalCrossentropy", output: "softmax", units: 3, x: xFloats, y: labels, split: true },
  { name: "class labels as one-hot rows for MSE, validationData", loss: "meanSquaredError", output: "linear", units: 3, x: toy.x, y: toy.y, validation: true },
  { name: "0/1 labels, one sigmoid unit", loss: "binaryCrossentropy", output: "sigmoid", units: 1, x: xFloats, y: bits, split: true },
  { name: "one-hot rows", loss: "categoricalCrossentropy", output: "softmax", units: 3, x: xFloats, y: oneHot },
  { name: "pixels as bytes, a column of labels", loss: "sparseCategoricalCrossentropy", output: "softmax", units: 3, x: pixels, y: tensor2d(Float32Array.from(toy.y), [ROWS, 1]), validation: true },
];

const model = (c: Case) => tiny({ inputs: INPUTS, outputs: c.units, output: c.output, loss: c.loss, optimizer: "adam", seed: 5 });
const valRows = 20, val = (c: Case) => [tensor2d(Float32Array.from(seeded(valRows * INPUTS, 73)), [valRows, INPUTS]), Array.isArray(c.y) ? toy.y.slice(0, valRows) : labels.slice(0, valRows)] as const;

/** Two fit calls (the second resumes), then evaluate and predict, as plain data or resident sets. */
async function run(c: Case, asResident: boolean) {
  const m = model(c);
  const held: Resident[] = [];
  const hold = <T extends Inputs | Labels>(d: T) => (asResident ? (held.push(resident(d)), held.at(-1)!) : d);
  const x = hold(c.x), y = hold(c.y), [vx, vy] = val(c);
  const args = { verbose: 0 as const, batchSize: 7, ...(c.split ? { validationSplit: 0.25 } : {}), ...(c.validation ? { validationData: [hold(vx), hold(vy)] as [Inputs | Resident, Labels | Resident] } : {}) };
  const h1 = await m.fit(x, y, { ...args, epochs: 2 });
  const h2 = await m.fit(x, y, { ...args, epochs: 3, initialEpoch: 2 });
  const out = { weights: weightBytes(m), history: [h1.history, h2.history], evaluation: m.evaluate(x, y, { batchSize: 16 }), predictions: m.predict(x).data };
  for (const r of held) r.dispose();
  m.dispose();
  return out;
}

describe("resident data sets", () => {
  it.each(cases)("$name: the same weights, history, evaluate and predict as arrays, bit for bit", async (c) => {
    const live = engine().heap.liveBytes;
    const plain = await run(c, false), kept = await run(c, true);
    expect(kept.weights).toEqual(plain.weights);
    expect(kept.history).toEqual(plain.history);
    expect(kept.evaluation).toEqual(plain.evaluation);
    expect(kept.predictions).toEqual(plain.predictions);
    expect(plain.history[0].val_loss?.length ?? 0).toBe(c.split || c.validation ? 2 : 0);
    expect(engine().heap.liveBytes, "every byte given back").toBe(live);
  });

  it("uploads once: later fit/evaluate/predict calls copy nothing and check nothing again, and fit frees nothing of the set", async () => {
    // Two hidden units and chunks of 16 rows: every buffer of the model and the calls is smaller than the data.
    const m = tiny({ inputs: INPUTS, hidden: 2, outputs: 3, output: "linear", loss: "mse", seed: 6 });
    const heap = engine().heap, k = engine().k;
    const x = resident(xFloats), y = resident(toy.y); // MSE on class labels: one-hot rows made on the first use
    await m.fit(x, y, { verbose: 0 });
    const live = heap.liveBytes;
    const alloc = vi.spyOn(heap, "alloc"), check = vi.spyOn(k, "countNonFinite"), hot = vi.spyOn(k, "oneHot");
    try {
      await m.fit(x, y, { verbose: 0, validationSplit: 0.2 });
      m.evaluate(x, y, { batchSize: 16 });
      m.predict(x, { batchSize: 16 });
      // Every upload of floats ends with this check over its values (the loop checks only the weights).
      expect(check.mock.calls.filter(([, n]) => n >= ROWS)).toEqual([]);
      expect(hot).not.toHaveBeenCalled();
      const biggest = Math.max(...alloc.mock.calls.map(([bytes]) => bytes));
      expect(biggest, "no buffer the size of the data set").toBeLessThan(ROWS * INPUTS * 4);
    } finally {
      alloc.mockRestore(), check.mockRestore(), hot.mockRestore();
    }
    expect(heap.liveBytes, "fit, evaluate and predict kept and freed nothing of the set").toBe(live);
    expect(m.predict(x).data).toEqual(m.predict(toy.x).data);
    const made = heap.liveBytes;
    x.dispose(), y.dispose();
    expect(made - heap.liveBytes, "dispose frees the values and the one-hot rows").toBe(ROWS * INPUTS * 4 + ROWS * 4 + ROWS * 3 * 4 + ROWS * 4);
    m.dispose();
  });

  it("dispose: use after it is a ModelError, twice is harmless, and it is refused while a fit reads the set", async () => {
    const m = tiny({ inputs: INPUTS, seed: 7 });
    const x = resident(xFloats), y = resident(labels);
    expect(x.shape).toEqual([ROWS, INPUTS]);
    expect([y.shape, y.rows, y.isDisposed]).toEqual([[ROWS], ROWS, false]);
    let refused: unknown;
    await m.fit(x, y, { verbose: 0, epochs: 2, callbacks: { onEpochEnd: () => { try { x.dispose(); } catch (e) { refused = e; } } } });
    expect(refused).toBeInstanceOf(ModelError);
    expect((refused as Error).message).toMatch(/in use by a running fit\(\); await the fit before dispose\(\)/);
    x.dispose();
    x.dispose();
    expect(x.isDisposed).toBe(true);
    await expect(m.fit(x, y, { verbose: 0 })).rejects.toThrow(/fit: x is a resident data set that was disposed; make it again with resident\(data\)/);
    expect(() => m.predict(x)).toThrow(ModelError);
    expect(() => m.evaluate(xFloats, x)).toThrow(/evaluate: y is a resident data set that was disposed/);
    expect(m.evaluate(xFloats, y)).toEqual(m.evaluate(xFloats, labels)); // y is untouched by x's end
    y.dispose();
    m.dispose();
  });

  it("a failed fit lets go of the sets and frees none of them", async () => {
    const m = tiny({ inputs: INPUTS, seed: 8 });
    const x = resident(xFloats), y = resident(labels), short = resident(labels.slice(1));
    m.evaluate(x, y); // y's labels as i32, kept with the set, and the model's buffers exist before we count
    const live = engine().heap.liveBytes;
    await expect(m.fit(x, y, { verbose: 0, validationData: [x, short] })).rejects.toThrow(/fit: validationData y has 59 rows but the inputs have 60/);
    expect(engine().heap.liveBytes).toBe(live);
    expect(m.predict(x).data).toEqual(m.predict(xFloats).data);
    x.dispose(), y.dispose(), short.dispose(); // not refused: the fit holds them no more
    m.dispose();
  });

  it("refuses what does not fit the model, naming the problem and the fix", async () => {
    const m = tiny({ inputs: INPUTS, outputs: 3, seed: 9 });
    const wide = resident(tensor2d(new Float32Array(ROWS * 5), [ROWS, 5])), flat = resident(labels), x = resident(xFloats);
    expect(() => m.predict(wide)).toThrow(/predict: x has 5 columns but the model's input layer expects 4; make it again from data with 4 values a row/);
    expect(() => m.predict(flat)).toThrow(/predict: x is a resident flat list of 60 numbers, not rows; make inputs with resident\(tensor2d\(data, \[rows, 4\]\)\)/);
    expect(() => m.evaluate(x, resident(labels.slice(2)))).toThrow(/evaluate: y has 58 rows but the inputs have 60/);
    expect(() => m.evaluate(x, resident(labels.map((v) => v + 1)))).toThrow(DataError);
    expect(() => m.evaluate(x, resident(Array.from(labels, (v) => v + 0.5)))).toThrow(/evaluate: y holds values that are not integers, not class indices/);
    expect(() => m.evaluate(x, resident(labels.map((v) => v + 1)))).toThrow(/evaluate: y holds labels from 1 to 3, not class indices in 0\.\.2; the output layer has 3 units/);
    expect(() => m.evaluate(x, resident(tensor2d(new Float32Array(ROWS * 3).fill(2), [ROWS, 3])))).toThrow(/evaluate: y holds values from 2 to 2; sparseCategoricalCrossentropy needs targets in \[0, 1\]/);
    expect(() => resident(tensor2d([1, Number.NaN], [1, 2]))).toThrow(/resident: data holds 1 NaN or Infinity value\(s\), the first at row 0, column 1/);
    const other = createEngine(await wasmBytes());
    const elsewhere = resident(xFloats, { engine: other });
    expect(elsewhere.engine).toBe(other);
    expect(() => m.predict(elsewhere)).toThrow(/predict: x lives in another engine's memory than the model; make it with resident\(data, \{ engine \}\)/);
    for (const r of [wide, flat, x, elsewhere]) r.dispose();
    m.dispose();
  });
});
