// The engine pieces the course classes stand on: the Activation layer (Keras' Activation, seed
// 002's ActivationLayer), Dense's propagate: "error" (seed 000's rule "course") and the loss
// halfSquaredError (seed 002's MSE, seed 000's E = Y − A).
import { describe, it, expect } from "vitest";
import { Dense, Sequential, SGD, engine } from "../../src/index.js";
import { Activation } from "../../src/layers/activation.js";
import { halfSquaredError } from "../../src/losses/squared-error.js";
import { Rng } from "../../src/core/random.js";
import type { LossSpec } from "../../src/losses/loss.js";
import { readF32, seededValues, tensorOf } from "../helpers.js";
import { toyClasses } from "../model/util.js";

const data = toyClasses(40, 4, 2, 5), oneHot = data.y.map((c) => [1 - c, c]);

async function trained(layers: (Dense | Activation)[], loss: LossSpec): Promise<Float32Array[]> {
  const m = new Sequential({ layers, seed: 9 });
  m.compile({ optimizer: new SGD({ learningRate: 0.3 }), loss });
  await m.fit(data.x, oneHot, { epochs: 3, batchSize: 8, verbose: 0 });
  const w = m.getWeights().map((t) => t.data);
  m.dispose();
  return w;
}

describe("Activation layer", () => {
  it.each([["tanh", "meanSquaredError"], ["relu", "meanSquaredError"], ["sigmoid", "binaryCrossentropy"], ["elu", "meanSquaredError"], ["swish", "meanSquaredError"], ["gelu", "meanSquaredError"]] as const)(
    "Dense(linear) then Activation(%s), loss %s (fused with sigmoid): the bits of Dense with that activation", async (f, loss) => {
      const split = await trained([new Dense({ units: 5, inputShape: [4], activation: "linear" }), new Activation({ activation: f }), new Dense({ units: 2, activation: "linear" }), new Activation({ activation: loss === "binaryCrossentropy" ? "sigmoid" : f })], loss);
      const fused = await trained([new Dense({ units: 5, inputShape: [4], activation: f }), new Dense({ units: 2, activation: loss === "binaryCrossentropy" ? "sigmoid" : f })], loss);
      expect(split).toEqual(fused);
    });

  it("keeps its input's shape, has no weights, and says its activation in its config", () => {
    const a = new Activation({ activation: "tanh", inputShape: [3] });
    expect(a.computeOutputShape([3])).toEqual([3]);
    expect(a.paramCount([3])).toBe(0);
    expect(a.getConfig()).toMatchObject({ activation: "tanh" });
  });
});

describe("Dense propagate: 'error' and halfSquaredError", () => {
  it("passes dL/da·Wᵀ down (before f'), while its own gradient still takes f'", () => {
    const e = engine(), rng = new Rng(e, 3), make = () => new Dense({ units: 3, inputDim: 2, activation: "sigmoid", useBias: false, kernelInitializer: "randomUniform" });
    const [d, g] = [make(), make()];
    d.propagate = "error";
    for (const layer of [d, g]) layer.build(e, [2], new Rng(e, 3)), layer.reserve(4);
    const x = tensorOf(seededValues(8, -1, 1, 4), 4, 2), dy = seededValues(12, -1, 1, 5), dx = tensorOf(new Array(8).fill(0), 4, 2), dxg = tensorOf(new Array(8).fill(0), 4, 2);
    for (const [layer, out] of [[d, dx], [g, dxg]] as const) {
      layer.forward(x.ptr, 4, true);
      e.heap.f32.set(dy, layer.outputGrad >>> 2);
      layer.backward(x.ptr, 4, out.ptr, false);
    }
    const w = readF32(d.params()[0].value, 6); // inputs × units
    const expected = [0, 1, 2, 3].flatMap((r) => [0, 1].map((i) => [0, 1, 2].reduce((s, j) => s + dy[r * 3 + j] * w[i * 3 + j], 0)));
    Array.from(dx.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(readF32(d.params()[0].grad, 6)).toEqual(readF32(g.params()[0].grad, 6)); // dW = xᵀ·(dy·σ')
    expect(Array.from(dx.data)).not.toEqual(Array.from(dxg.data));
    for (const t of [x, dx, dxg, d, g, rng]) t.dispose();
  });

  it("halfSquaredError: value ½Σ(a − y)², gradient scale·(a − y)", () => {
    const a = tensorOf([0.5, 1, -2, 3], 2, 2), y = tensorOf([1, 1, 0, 2.5], 2, 2), dy = tensorOf([0, 0, 0, 0], 2, 2);
    expect(halfSquaredError().name).toBe("halfSquaredError"); // not Keras' meanSquaredError, whose value is the mean
    for (const scale of [1, -1]) {
      const value = halfSquaredError(scale).gradient(engine(), a.ptr, { ptr: y.ptr, sparse: false }, dy.ptr, 2, 2, "linear");
      expect(value).toBeCloseTo(0.5 * (0.25 + 0 + 4 + 0.25), 6);
      expect(Array.from(dy.data, (v) => v + 0)).toEqual([-0.5, 0, -2, 0.5].map((v) => scale * v + 0)); // +0: −1·0 is −0
    }
    for (const t of [a, y, dy]) t.dispose();
  });
});
