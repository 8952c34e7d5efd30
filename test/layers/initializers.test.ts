// The initialisers: their statistics over many draws against TF.js' formulas (Keras' variance
// for the truncated normals: see src/layers/initializers.ts), orthogonality, seeds, and model.json
// as TF.js writes it (checked live: TF.js 4.22 reads our topology and writes the same initializers).
import { describe, it, expect } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { Sequential, Dense, initializers, ModelError, type InitializerSpec } from "../../src/index.js";
import { topologyJson, readTopology } from "../../src/io/topology.js";

/** The kernel [inputs, units] an initializer draws, as float64. */
function kernel(spec: InitializerSpec, inputs = 300, units = 200, seed = 1): Float64Array {
  const model = new Sequential({ seed, layers: [new Dense({ units, inputShape: [inputs], kernelInitializer: spec })] });
  const w = model.getWeights()[0].data;
  model.dispose();
  return Float64Array.from(w);
}

function stats(v: Float64Array) {
  let sum = 0, sq = 0, min = Infinity, max = -Infinity, tails = 0;
  for (const x of v) [sum, min, max] = [sum + x, Math.min(min, x), Math.max(max, x)];
  const mean = sum / v.length;
  for (const x of v) sq += (x - mean) ** 2;
  const std = Math.sqrt(sq / v.length);
  for (const x of v) if (Math.abs(x - mean) > 2 * std) tails++;
  return { mean, std, min, max, tails: tails / v.length };
}

// 60,000 draws: a sample σ is within 1.5% of σ with margin (standard error 0.3%), a mean within 2% of σ (0.4%).
const T = 0.87962566103423978; // σ of a unit normal truncated at ±2
const normals: [string, InitializerSpec, number, boolean][] = [
  ["glorotNormal: σ = √(2/(in + out))", "glorotNormal", Math.sqrt(2 / 500), true],
  ["heNormal: σ = √(2/in)", "heNormal", Math.sqrt(2 / 300), true],
  ["leCunNormal: σ = √(1/in)", "leCunNormal", Math.sqrt(1 / 300), true],
  ["lecunNormal (Keras' spelling)", "lecunNormal", Math.sqrt(1 / 300), true],
  ["varianceScaling scale 3, fanOut, normal", initializers.varianceScaling({ scale: 3, mode: "fanOut" }), Math.sqrt(3 / 200), true],
  ["varianceScaling fanAvg, untruncatedNormal (Keras)",
    initializers.varianceScaling({ mode: "fanAvg", distribution: "untruncatedNormal" }), Math.sqrt(1 / 250), false],
  ["truncatedNormal stddev 0.1: not rescaled (TF.js), σ = 0.1·0.8796", { name: "truncatedNormal", stddev: 0.1 }, 0.1 * T, true],
  ["randomNormal", "randomNormal", 0.05, false],
];
const uniforms: [string, InitializerSpec, number][] = [
  ["glorotUniform: limit √(6/(in + out))", "glorotUniform", Math.sqrt(6 / 500)],
  ["heUniform: limit √(6/in)", "heUniform", Math.sqrt(6 / 300)],
  ["leCunUniform: limit √(3/in)", "leCunUniform", Math.sqrt(3 / 300)],
  ["varianceScaling scale 0.5, fanAvg, uniform",
    { name: "varianceScaling", scale: 0.5, mode: "fanAvg", distribution: "uniform" }, Math.sqrt(1.5 / 250)],
];

describe("initializers' statistics (60,000 draws each)", () => {
  for (const [what, spec, sigma, truncated] of normals) {
    it(what, () => {
      const s = stats(kernel(spec));
      expect(Math.abs(s.std / sigma - 1)).toBeLessThan(0.015);
      expect(Math.abs(s.mean)).toBeLessThan(0.02 * sigma);
      const bound = truncated ? (typeof spec === "object" && spec.name === "truncatedNormal" ? 2 * 0.1 : (2 * sigma) / T) : Infinity;
      expect(Math.max(-s.min, s.max)).toBeLessThanOrEqual(bound * (1 + 1e-6));
      // beyond 2σ: 4.55% of a normal; of a normal truncated at ±2 (σ 0.88), (P(|z| > 1.759) − 0.0455)/0.9545 = 3.46%
      expect(Math.abs(s.tails - (truncated ? 0.0346 : 0.0455))).toBeLessThan(5e-3);
    });
  }
  for (const [what, spec, limit] of uniforms) {
    it(what, () => {
      const s = stats(kernel(spec));
      expect(s.min).toBeGreaterThanOrEqual(-limit * (1 + 1e-7));
      expect(s.max).toBeLessThan(limit * (1 + 1e-7));
      expect(Math.min(-s.min, s.max)).toBeGreaterThan(0.999 * limit);
      expect(Math.abs(s.std / (limit / Math.sqrt(3)) - 1)).toBeLessThan(0.015); // a uniform's σ = limit/√3
    });
  }
  it("constant, zeros, ones; a bias's fans are √n as TF.js' computeFans", () => {
    expect(kernel({ name: "constant", value: 0.3 }, 3, 2)).toEqual(Float64Array.from({ length: 6 }, () => Math.fround(0.3)));
    const m = new Sequential({ layers: [new Dense({ units: 16, inputShape: [2], biasInitializer: "heUniform" })] });
    const b = m.getWeights()[1].data;
    expect(Math.max(...b.map(Math.abs))).toBeLessThan(Math.sqrt(6 / 4)); // fanIn √16 = 4
    expect(Math.max(...b.map(Math.abs))).toBeGreaterThan(Math.sqrt(6 / 16)); // not fanIn 1… nor 16 (would cap at 0.61)
    m.dispose();
  });
});

describe("against TF.js 4.22's own draws (its CPU backend, 60,000 each)", () => {
  const tfStd = (init: tf.initializers.Initializer) => tf.tidy(() => stats(Float64Array.from(init.apply([300, 200]).dataSync())).std);
  it("truncatedNormal: TF.js' σ too (not rescaled), 0.8796 of stddev", () => {
    const theirs = tfStd(tf.initializers.truncatedNormal({ stddev: 0.1, seed: 1 }));
    const ours = stats(kernel({ name: "truncatedNormal", stddev: 0.1 })).std;
    expect(Math.abs(theirs / (0.1 * T) - 1)).toBeLessThan(0.015);
    expect(Math.abs(ours / theirs - 1)).toBeLessThan(0.03);
  });
  it("heNormal: TF.js' σ is 0.88·√(2/in), short of He's √(2/in) (plainly wrong; Keras corrects it, and so do we)", () => {
    const theirs = tfStd(tf.initializers.heNormal({ seed: 1 })), ours = stats(kernel("heNormal")).std, he = Math.sqrt(2 / 300);
    expect(Math.abs(theirs / (he * T) - 1)).toBeLessThan(0.015);
    expect(Math.abs(ours / he - 1)).toBeLessThan(0.015);
  });
});

describe("orthogonal", () => {
  /** max |WᵀW − gain²·I| (tall) or |WWᵀ − gain²·I| (wide), in float64. */
  function offIdentity(w: Float64Array, rows: number, cols: number, gain: number): number {
    const tall = rows >= cols, k = Math.min(rows, cols), len = Math.max(rows, cols);
    const at = (v: number, e: number) => (tall ? w[e * cols + v] : w[v * cols + e]);
    let worst = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      let dot = 0;
      for (let e = 0; e < len; e++) dot += at(i, e) * at(j, e);
      worst = Math.max(worst, Math.abs(dot - (i === j ? gain * gain : 0)));
    }
    return worst;
  }
  for (const [rows, cols, gain] of [[64, 64, 1], [100, 30, 1.5], [20, 90, 0.5], [1, 5, 1]] as const) {
    it(`${rows}×${cols}, gain ${gain}: orthonormal ${rows >= cols ? "columns" : "rows"} times the gain`, () => {
      const w = kernel({ name: "orthogonal", gain }, rows, cols);
      expect(offIdentity(w, rows, cols, gain)).toBeLessThan(2e-6 * gain * gain);
    });
  }
  it("is refused for a bias (TF.js: 'Shape must be at least 2D')", () => {
    expect(() => new Dense({ units: 2, biasInitializer: "orthogonal" })).toThrow(/needs a matrix/);
  });
});

describe("seeds", () => {
  it("the model's seed fixes the bits; an initializer's own seed ignores the model's", () => {
    expect(kernel("heNormal", 30, 20, 5)).toEqual(kernel("heNormal", 30, 20, 5));
    expect(kernel("heNormal", 30, 20, 5)).not.toEqual(kernel("heNormal", 30, 20, 6));
    const own = initializers.orthogonal({ seed: 9 });
    expect(kernel(own, 30, 20, 5)).toEqual(kernel(own, 30, 20, 6));
  });
  it("heNormal is varianceScaling(2, fanIn, normal), bit for bit, as in TF.js", () => {
    const same = initializers.varianceScaling({ scale: 2, mode: "fanIn", distribution: "normal" });
    expect(kernel("heNormal", 40, 30)).toEqual(kernel(same, 40, 30));
  });
  it("bad options are refused when the layer is made", () => {
    const snake = { name: "varianceScaling", mode: "fan_in" as never } as const;
    expect(() => new Dense({ units: 2, kernelInitializer: snake })).toThrow(/mode must be fanIn, fanOut, fanAvg/);
    expect(() => new Dense({ units: 2, kernelInitializer: { name: "constant" } })).toThrow(/needs a value/);
    expect(() => new Dense({ units: 2, kernelInitializer: { name: "varianceScaling", scale: -1 } })).toThrow(ModelError);
  });
});

describe("model.json", () => {
  const specs: InitializerSpec[] = ["glorotNormal", "heUniform", "leCunNormal", "lecunUniform",
    { name: "truncatedNormal", stddev: 0.2 }, { name: "orthogonal", gain: 2 },
    { name: "varianceScaling", scale: 0.5, mode: "fanAvg", distribution: "uniform" }, { name: "constant", value: 0.25 }];
  function model(): Sequential {
    const m = new Sequential({ name: "inits" });
    specs.forEach((kernelInitializer, i) => {
      const biasInitializer: InitializerSpec = i === 0 ? { name: "constant", value: 0.5 } : "zeros";
      m.add(new Dense({ units: 3, kernelInitializer, biasInitializer, ...(i ? {} : { inputShape: [3] }) }));
    });
    return m;
  }
  type Json = { config: { layers: { config: Record<string, unknown> }[] } };
  const inits = (topology: object) => (topology as Json).config.layers.map((l) => [l.config.kernel_initializer, l.config.bias_initializer]);

  it("is written as TF.js 4.22 writes it: TF.js reads our topology and writes the same initializers", async () => {
    const ours = topologyJson(model());
    const theirs = (await tf.models.modelFromJSON({ modelTopology: ours as never })).toJSON(null, false) as object;
    expect(inits(ours)).toEqual(inits(theirs));
    expect(inits(ours)[0]).toEqual([
      { class_name: "VarianceScaling", config: { scale: 1, mode: "fan_avg", distribution: "normal", seed: null } },
      { class_name: "Constant", config: { value: 0.5 } },
    ]);
  });

  it("round trips: read back, the layers write the same model.json and draw the same bits", () => {
    const m = model(), json = topologyJson(m);
    const layers = readTopology(json, (what) => { throw new Error(what); }).layers.map((l, i) => l.create(i === 0 ? [3] : undefined));
    const back = new Sequential({ name: "inits", layers });
    expect(topologyJson(back)).toEqual(json);
    expect(back.getWeights()).toEqual(m.getWeights());
    m.dispose();
    back.dispose();
  });

  it("reads Keras' class names and refuses an initializer scratchnet lacks", () => {
    const keras = topologyJson(model()) as { config: { layers: { config: Record<string, unknown> }[] } };
    const heNormal = { module: "keras.initializers", class_name: "HeNormal", config: { seed: 3 }, registered_name: null };
    keras.config.layers[0].config.kernel_initializer = heNormal;
    const read = readTopology(keras, (what) => { throw new Error(what); });
    expect((read.layers[0].create([3]) as Dense).args.kernelInitializer).toEqual({ name: "heNormal", seed: 3 });
    keras.config.layers[0].config.kernel_initializer = { class_name: "Identity", config: { gain: 1 } };
    const fail = (what: string): never => { throw new Error(what); };
    expect(() => readTopology(keras, fail)).toThrow(/kernel_initializer "Identity" is not one scratchnet has/);
  });
});
