// The weightless layers of issue 14 through the WASM path: LeakyReLU, Dropout (with a fixed mask),
// Activation, Flatten and Reshape: backward's dx against central differences of Σ g ⊙ forward(x),
// their shapes, and their errors.
import { describe, it, expect } from "vitest";
import { engine, Sequential, Dense, Dropout, LeakyReLU, Flatten, Reshape, Activation, ModelError, ShapeError } from "../../src/index.js";
import { Rng } from "../../src/core/random.js";
import type { Layer, Shape } from "../../src/layers/layer.js";
import { ACTIVATIONS, ACTIVATION_NAMES, type ActivationEntry } from "../../src/core/activations.js";
import { readF32, writeF32, seededValues, tensorOf, gradientCheck, GRADIENT_TOLERANCE } from "../helpers.js";

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);

function built<L extends Layer>(layer: L, shape: Shape, rows: number, seed = 3): L {
  const rng = new Rng(engine(), seed);
  layer.build(engine(), shape, rng);
  layer.reserve(rows);
  rng.dispose();
  return layer;
}

/** dx from backward against central differences of L = Σ g ⊙ forward(x, training); `before` runs before each forward. */
function checkDx(layer: Layer, rows: number, xs: number[], before: () => void = () => {}): void {
  const inputs = layer.inputSize, outputs = rows * layer.outputShape.reduce((n, d) => n * d, 1);
  const g = seededValues(outputs, -1, 1, 77), x = tensorOf(xs, rows, inputs), dx = tensorOf(new Array(rows * inputs).fill(0), rows, inputs);
  const loss = () => (before(), dot(g, readF32(layer.forward(x.ptr, rows, true), outputs)));
  loss();
  writeF32(layer.outputGrad, g);
  layer.backward(x.ptr, rows, dx.ptr, false);
  expect(gradientCheck((v) => (x.data.set(v), loss()), xs, dx.data).error).toBeLessThan(GRADIENT_TOLERANCE);
  layer.dispose();
}

const awayFromZero = (n: number, seed: number) => seededValues(n, -2, 2, seed).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));

describe("gradient checks (dx by central differences)", () => {
  it.each([0.3, 0.01, -0.2])("LeakyReLU alpha %f, 4 rows × 6", (alpha) => {
    checkDx(built(new LeakyReLU({ alpha }), [6], 4), 4, awayFromZero(24, 5));
  });

  const trainable = ACTIVATION_NAMES.filter((n) => !(ACTIVATIONS[n] as ActivationEntry).flat);
  it.each(trainable)("Activation %s, 3 rows × 5", (activation) => {
    checkDx(built(new Activation({ activation }), [5], 3), 3, awayFromZero(15, 6));
  });

  it.each([0.5, 0.15, 0])("Dropout rate %f with its mask held fixed (the pass counter reset before each forward)", (rate) => {
    const layer = built(new Dropout({ rate, seed: 9 }), [7], 5);
    checkDx(layer, 5, seededValues(35, -1, 1, 8), () => { layer.passes = 0; });
  });

  it("Dropout with noiseShape [null, 1, 3] on [4, 3] samples", () => {
    const layer = built(new Dropout({ rate: 0.4, seed: 2, noiseShape: [null, 1, 3] }), [4, 3], 3);
    checkDx(layer, 3, seededValues(36, -1, 1, 9), () => { layer.passes = 0; });
  });

  const rearranging = [[new Flatten(), [2, 3]], [new Reshape({ targetShape: [3, -1] }), [6]]] as const;
  it.each(rearranging)("%s: dx is outputGrad copied down", (layer, shape) => {
    checkDx(built(layer, shape, 4), 4, seededValues(24, -1, 1, 4));
  });
});

describe("Dropout", () => {
  const maskOf = (layer: Dropout, rows: number, cols: number) => {
    const x = tensorOf(new Array(rows * cols).fill(1), rows, cols);
    return readF32(layer.forward(x.ptr, rows, true), rows * cols);
  };

  it("drops about rate of the values in training, scales the rest by 1/(1 − rate), and is the identity in inference", () => {
    const rows = 50, cols = 40, layer = built(new Dropout({ rate: 0.25, seed: 1 }), [cols], rows);
    const m = maskOf(layer, rows, cols), kept = m.filter((v) => v !== 0);
    expect(new Set(kept)).toEqual(new Set([Math.fround(1 / 0.75)]));
    expect(Math.abs(kept.length / m.length - 0.75)).toBeLessThan(0.05); // σ = 0.0097
    const x = tensorOf(seededValues(rows * cols, -1, 1, 2), rows, cols);
    expect(layer.forward(x.ptr, rows, false)).toBe(x.ptr); // inference: the input itself, no copy
    expect(maskOf(layer, rows, cols)).not.toEqual(m); // the next pass draws a new mask
    layer.passes = 0;
    expect(maskOf(layer, rows, cols)).toEqual(m); // pass 0 again: the same mask
    layer.dispose();
  });

  it("the same seed gives the same masks; another seed other masks", () => {
    const masks = (seed: number) => {
      const l = built(new Dropout({ rate: 0.5, seed }), [16], 8), m = [maskOf(l, 8, 16), maskOf(l, 8, 16)];
      l.dispose();
      return m;
    };
    expect(masks(4)).toEqual(masks(4));
    expect(masks(4)).not.toEqual(masks(5));
  });

  it("noiseShape [null, 1] drops whole rows; [1, n] uses one mask for every row", () => {
    const rows = 30, cols = 6;
    const perRow = maskOf(built(new Dropout({ rate: 0.5, seed: 3, noiseShape: [null, 1] }), [cols], rows), rows, cols);
    const perCol = maskOf(built(new Dropout({ rate: 0.5, seed: 3, noiseShape: [1, cols] }), [cols], rows), rows, cols);
    for (let r = 0; r < rows; r++) {
      expect(new Set(perRow.slice(r * cols, (r + 1) * cols)).size).toBe(1);
      expect(perCol.slice(r * cols, (r + 1) * cols)).toEqual(perCol.slice(0, cols));
    }
    expect(new Set(perRow).size).toBe(2);
  });

  it("without a seed, takes one from the model's generator without advancing it: the other layers' weights do not change", () => {
    const weights = (dropout: boolean) => {
      const m = new Sequential({ seed: 11 });
      m.add(new Dense({ units: 5, inputShape: [3] }));
      if (dropout) m.add(new Dropout({ rate: 0.5 }));
      m.add(new Dense({ units: 2 }));
      m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
      const w = m.getWeights().map((t) => Array.from(t.data)), seed = dropout ? (m.layers[1] as Dropout).seed : undefined;
      m.dispose();
      return { w, seed };
    };
    const plain = weights(false), withDropout = weights(true);
    expect(withDropout.w).toEqual(plain.w);
    expect(withDropout.seed).toBeTypeOf("number");
    expect(weights(true).seed).toBe(withDropout.seed);
  });

  it("refuses a rate outside [0, 1), a bad seed, a noiseShape that does not fit and unknown options", () => {
    expect(() => new Dropout({ rate: 1 })).toThrow(ModelError);
    expect(() => new Dropout({ rate: -0.1 })).toThrow(/0 ≤ rate < 1/);
    expect(() => new Dropout({} as never)).toThrow(/rate must be a number/);
    expect(() => new Dropout({ rate: 0.5, seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => new Dropout({ rate: 0.5, noiseShape: [null, 0] })).toThrow(/noiseShape must be/);
    expect(() => new Sequential([new Dropout({ rate: 0.5, noiseShape: [null, 2], inputShape: [3] })])).toThrow(ShapeError);
    expect(() => new Sequential([new Dropout({ rate: 0.5, noiseShape: [8, 3], inputShape: [3] })])).toThrow(/the batch: null or 1/);
    expect(() => new Sequential([new Dropout({ rate: 0.5, noiseShape: [null], inputShape: [3] })])).toThrow(/one entry per axis/);
    expect(() => new Dropout({ rate: 0.5, training: true } as never)).toThrow(/option 'training' is not implemented/);
  });
});

describe("Flatten and Reshape", () => {
  it("shapes: Flatten [4, 7] → [28]; Reshape [12] → [3, 4], [-1, 2] → [6, 2]; summary shows them", () => {
    expect(new Flatten().computeOutputShape([4, 7])).toEqual([28]);
    expect(new Reshape({ targetShape: [3, 4] }).computeOutputShape([12])).toEqual([3, 4]);
    expect(new Reshape({ targetShape: [-1, 2] }).computeOutputShape([3, 4])).toEqual([6, 2]);
    const m = new Sequential([new Flatten({ inputShape: [2, 3] }), new Reshape({ targetShape: [3, 2] }), new Flatten(),
      new Dense({ units: 1 })]);
    expect(m.summary(() => {})).toMatch(/reshape_\d+ \(Reshape\) +\[null,3,2\] +0/);
    m.dispose();
  });

  it("refuse what cannot be reshaped, naming the sizes", () => {
    expect(() => new Reshape({ targetShape: [5] }).computeOutputShape([4])).toThrow(/cannot reshape \[4\] \(4 values a sample\) to \[5\]/);
    expect(() => new Reshape({ targetShape: [-1, 3] }).computeOutputShape([4])).toThrow(/4 is not a multiple of 3/);
    expect(() => new Reshape({ targetShape: [-1, -1] })).toThrow(/at most one -1/);
    expect(() => new Reshape({ targetShape: [2, 3], inputShape: [5] })).toThrow(ShapeError);
    expect(() => new Reshape({} as never)).toThrow(/targetShape must be/);
    expect(() => new Flatten({ inputShape: [2, 0] })).toThrow(/inputShape must be a positive integer/);
    // TF.js refuses a Flatten of flat samples (ndim < 3 with the batch), so a model.json with one would not load there.
    expect(() => new Sequential([new Flatten({ inputShape: [5] })]))
      .toThrow(/Flatten needs samples of 2 or more dimensions.*leave the Flatten out/);
    expect(() => new Sequential([new Reshape({ targetShape: [2, 2], inputShape: [4] }), new Dense({ units: 1 })]))
      .toThrow(/Dense takes inputShape \[n\]/);
  });

  it("a model [2, 3] → Flatten → Dense predicts what the same Dense predicts on the flat rows, and trains", async () => {
    const flat = new Sequential({ seed: 5, layers: [new Dense({ units: 2, inputShape: [6], activation: "tanh" })] });
    const shaped = new Sequential({ seed: 5, layers: [new Flatten({ inputShape: [2, 3] }), new Dense({ units: 2, activation: "tanh" })] });
    const x = [[1, 2, 3, 4, 5, 6], [-1, 0.5, 0, 2, 1, -3]], y = [[0.1, 0.2], [0.3, -0.4]];
    expect(shaped.predict(x).data).toEqual(flat.predict(x).data);
    for (const m of [flat, shaped]) m.compile({ optimizer: "sgd", loss: "meanSquaredError" });
    await flat.fit(x, y, { epochs: 3, verbose: 0 });
    await shaped.fit(x, y, { epochs: 3, verbose: 0 });
    expect(shaped.getWeights()).toEqual(flat.getWeights());
    flat.dispose();
    shaped.dispose();
  });
});
